import type { MultiPolygon } from 'geojson';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { BoundarySetEntity } from './boundary-set.entity';

/**
 * A Lower Layer Super Output Area with the period its code was in force; the 2011 and 2021 sets
 * share most codes, so one row serves both. Its best-fit ward in each ward set is in
 * lsoa_ward_lookup.
 */
@Entity({ name: 'lsoa' })
@Check('CHK_lsoa_population', `"population_mid2015" >= 0 AND "population_mid2020" >= 0`)
export class LsoaEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

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

  /** First day the code was in force (ONS code history). */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  /** Last day in force; NULL while live. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  geom!: MultiPolygon;
}
