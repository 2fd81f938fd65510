import type { MultiPolygon } from 'geojson';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { PoliceNeighbourhoodLayerEntity } from './police-neighbourhood-layer.entity';

/** A police neighbourhood (SNT) of one layer version. */
@Entity({ name: 'police_neighbourhood' })
@Unique('UQ_police_neighbourhood_layer_code', ['layerId', 'code'])
export class PoliceNeighbourhoodEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'layer_id', type: 'integer' })
  layerId!: number;

  @ManyToOne(() => PoliceNeighbourhoodLayerEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'layer_id' })
  layer?: PoliceNeighbourhoodLayerEntity;

  /** data.police.uk neighbourhood id, e.g. SN-01. */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  geom!: MultiPolygon;
}
