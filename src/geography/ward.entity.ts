import type { MultiPolygon } from 'geojson';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { AreaEntity } from './area.entity';
import { BoundarySetEntity } from './boundary-set.entity';

/**
 * An electoral ward of one boundary set; each belongs to exactly one area (area_code is NOT
 * NULL). Codes are never reused across sets, so a code names a ward and its set.
 */
@Entity({ name: 'ward' })
export class WardEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index()
  @Column({ name: 'area_code', type: 'text' })
  areaCode!: string;

  @ManyToOne(() => AreaEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'area_code' })
  area?: AreaEntity;

  @Index('IDX_ward_boundary_set')
  @Column({ name: 'boundary_set_id', type: 'text' })
  boundarySetId!: string;

  @ManyToOne(() => BoundarySetEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'boundary_set_id' })
  boundarySet?: BoundarySetEntity;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  geom!: MultiPolygon;
}
