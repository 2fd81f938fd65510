import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { WardEntity } from './ward.entity';

/**
 * What passed from a ward of one set to a ward of the set that followed it: the land of their
 * intersection (EPSG:27700) and the residents on it (mid-2020, apportioned through LSOAs by land),
 * each as a share of the old ward and of the new. Derived by the geodata loader.
 */
@Entity({ name: 'ward_crosswalk' })
@Check(
  'CHK_ward_crosswalk_shares',
  `"land_sq_m" >= 0 AND "residents" >= 0
          AND "land_share_of_from" BETWEEN 0 AND 1.000001 AND "land_share_of_to" BETWEEN 0 AND 1.000001
          AND "residents_share_of_from" BETWEEN 0 AND 1.000001 AND "residents_share_of_to" BETWEEN 0 AND 1.000001`,
)
export class WardCrosswalkEntity {
  @PrimaryColumn({ name: 'from_code', type: 'text', primaryKeyConstraintName: 'PK_ward_crosswalk' })
  fromCode!: string;

  @Index('IDX_ward_crosswalk_to')
  @PrimaryColumn({ name: 'to_code', type: 'text', primaryKeyConstraintName: 'PK_ward_crosswalk' })
  toCode!: string;

  @ManyToOne(() => WardEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_code', foreignKeyConstraintName: 'FK_ward_crosswalk_from' })
  from?: WardEntity;

  @ManyToOne(() => WardEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_code', foreignKeyConstraintName: 'FK_ward_crosswalk_to' })
  to?: WardEntity;

  @Column({ name: 'land_sq_m', type: 'double precision' })
  landSqM!: number;

  @Column({ name: 'land_share_of_from', type: 'double precision' })
  landShareOfFrom!: number;

  @Column({ name: 'land_share_of_to', type: 'double precision' })
  landShareOfTo!: number;

  @Column({ type: 'double precision' })
  residents!: number;

  @Column({ name: 'residents_share_of_from', type: 'double precision' })
  residentsShareOfFrom!: number;

  @Column({ name: 'residents_share_of_to', type: 'double precision' })
  residentsShareOfTo!: number;
}
