import type { MultiPolygon } from 'geojson';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { BoundarySetEntity } from './boundary-set.entity';
import { WardEntity } from './ward.entity';

/** A Lower Layer Super Output Area (2011), with the ward the ONS best-fit lookup gives it. */
@Entity({ name: 'lsoa' })
@Check('CHK_lsoa_population', `"population_mid2015" >= 0 AND "population_mid2020" >= 0`)
export class LsoaEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index()
  @Column({ name: 'ward_code', type: 'text' })
  wardCode!: string;

  @ManyToOne(() => WardEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'ward_code' })
  ward?: WardEntity;

  @Column({ name: 'boundary_set_id', type: 'text' })
  boundarySetId!: string;

  @ManyToOne(() => BoundarySetEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'boundary_set_id' })
  boundarySet?: BoundarySetEntity;

  /** ONS mid-2015 estimate (excluding prisoners), as published with the IoD 2019. */
  @Column({ name: 'population_mid2015', type: 'integer' })
  populationMid2015!: number;

  /** ONS mid-2020 estimate. */
  @Column({ name: 'population_mid2020', type: 'integer' })
  populationMid2020!: number;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  geom!: MultiPolygon;
}
