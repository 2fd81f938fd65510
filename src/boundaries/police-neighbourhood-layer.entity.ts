import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One imported version of a force's police neighbourhood (Safer Neighbourhood Team) boundaries.
 * Earlier versions are kept when a new one is imported; one per force is current.
 */
@Entity({ name: 'police_neighbourhood_layer' })
@Index('IDX_police_neighbourhood_layer_current', ['force'], { unique: true, where: '"is_current"' })
export class PoliceNeighbourhoodLayerEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** data.police.uk force id, e.g. derbyshire. */
  @Column({ type: 'text' })
  force!: string;

  /** Where the boundaries came from (file names, or the demo script). */
  @Column({ type: 'text' })
  source!: string;

  /** When the source was retrieved from data.police.uk, where known. */
  @Column({ name: 'retrieved_at', type: 'date', nullable: true })
  retrievedAt!: string | null;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;

  @Column({ name: 'is_current', type: 'boolean' })
  isCurrent!: boolean;

  /** True for the demo layer made from LSOAs: not real police boundaries. */
  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;

  /** What the import repaired or closed, one line each. */
  @Column({ type: 'text', default: '' })
  notes!: string;
}
