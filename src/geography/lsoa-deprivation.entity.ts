import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { LsoaEntity } from './lsoa.entity';

/**
 * One LSOA's figure for one domain of one edition of the English Indices of Deprivation.
 * Scores exist only where the edition published them (2015 IMD, 2025 all domains).
 */
@Entity({ name: 'lsoa_deprivation' })
@Check('CHK_lsoa_deprivation_edition', `"edition" IN (2015, 2019, 2025)`)
@Check('CHK_lsoa_deprivation_rank', `"rank" > 0`)
@Check('CHK_lsoa_deprivation_decile', `"decile" BETWEEN 1 AND 10`)
export class LsoaDeprivationEntity {
  @PrimaryColumn({ name: 'lsoa_code', type: 'text' })
  lsoaCode!: string;

  @PrimaryColumn({ type: 'smallint' })
  edition!: number;

  @PrimaryColumn({ type: 'text' })
  domain!: string;

  @ManyToOne(() => LsoaEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lsoa_code' })
  lsoa?: LsoaEntity;

  @Column({ type: 'double precision', nullable: true })
  score!: number | null;

  @Column({ type: 'integer' })
  rank!: number;

  @Column({ type: 'smallint' })
  decile!: number;
}
