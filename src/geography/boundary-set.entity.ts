import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One published version of a boundary layer (for example the ONS 2013 wards), with the period
 * it was in force from the ONS code history. Wards and LSOAs name the set they come from; sets
 * of one kind follow each other in time, and the one without an end is current.
 */
@Entity({ name: 'boundary_set' })
@Check('CHK_boundary_set_kind', `"kind" IN ('ward', 'lsoa')`)
@Check('CHK_boundary_set_validity', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
@Index('IDX_boundary_set_current', ['kind'], { unique: true, where: `"valid_to" IS NULL` })
export class BoundarySetEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'integer' })
  vintage!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  licence!: string;

  /** First day in force. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  /** Last day in force; NULL while current. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  /** For a ward set: the LSOA set its best-fit lookup and population roll-ups use. */
  @Column({ name: 'lsoa_set_id', type: 'text', nullable: true })
  lsoaSetId!: string | null;

  @ManyToOne(() => BoundarySetEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lsoa_set_id', foreignKeyConstraintName: 'FK_boundary_set_lsoa_set' })
  lsoaSet?: BoundarySetEntity;

  @CreateDateColumn({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;
}
