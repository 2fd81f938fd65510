import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { LsoaEntity } from './lsoa.entity';
import { WardEntity } from './ward.entity';

/**
 * The share of an LSOA's land (EPSG:27700 area) that lies in a ward. Derived by the geodata
 * loader in the same transaction as the boundaries, and used to apportion population where
 * an LSOA is split between wards.
 */
@Entity({ name: 'lsoa_ward_share' })
@Check('CHK_lsoa_ward_share_range', `"share" > 0 AND "share" <= 1.000001`)
export class LsoaWardShareEntity {
  @PrimaryColumn({ name: 'lsoa_code', type: 'text' })
  lsoaCode!: string;

  @PrimaryColumn({ name: 'ward_code', type: 'text' })
  wardCode!: string;

  @ManyToOne(() => LsoaEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lsoa_code' })
  lsoa?: LsoaEntity;

  @ManyToOne(() => WardEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ward_code' })
  ward?: WardEntity;

  @Column({ type: 'double precision' })
  share!: number;
}
