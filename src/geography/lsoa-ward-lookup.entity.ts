import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { LsoaEntity } from './lsoa.entity';
import { WardEntity } from './ward.entity';

/**
 * The ONS best-fit lookup: the one ward of a ward set an LSOA of the matching LSOA set is
 * counted in (2011 LSOAs to the 2013 wards, 2021 LSOAs to the 2023 wards). Deprivation roll-ups
 * and a ward's LSOAs follow it.
 */
@Entity({ name: 'lsoa_ward_lookup' })
export class LsoaWardLookupEntity {
  @PrimaryColumn({ name: 'lsoa_code', type: 'text', primaryKeyConstraintName: 'PK_lsoa_ward_lookup' })
  lsoaCode!: string;

  @Index('IDX_lsoa_ward_lookup_ward')
  @PrimaryColumn({ name: 'ward_code', type: 'text', primaryKeyConstraintName: 'PK_lsoa_ward_lookup' })
  wardCode!: string;

  @ManyToOne(() => LsoaEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lsoa_code', foreignKeyConstraintName: 'FK_lsoa_ward_lookup_lsoa' })
  lsoa?: LsoaEntity;

  @ManyToOne(() => WardEntity, { nullable: false, onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'ward_code', foreignKeyConstraintName: 'FK_lsoa_ward_lookup_ward' })
  ward?: WardEntity;
}
