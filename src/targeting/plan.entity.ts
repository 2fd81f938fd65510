import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A saved allocation plan: a decision on posts and money, dated, with who decided it and who
 * recorded it, the input as given and the answer as the hub computed it then. The answer is kept
 * whole rather than recomputed, so a plan reads back the same after the data under it changes.
 */
@Entity({ name: 'allocation_plan' })
@Index('IDX_allocation_plan_order', ['level', 'boundarySetId', 'decidedOn', 'id'])
@Check('CHK_allocation_plan_level', `"level" IN ('ward', 'area', 'policeNeighbourhood', 'lsoa')`)
export class AllocationPlanEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_allocation_plan' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  /** Who took the decision (a person, a post or a board), as the recorder gave it. */
  @Column({ name: 'decided_by', type: 'text' })
  decidedBy!: string;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The ranking's level and ward set, so "the previous plan" compares like with like. */
  @Column({ type: 'text' })
  level!: string;

  @Column({ name: 'boundary_set_id', type: 'text' })
  boundarySetId!: string;

  /** The AllocationInput as given (GraphQL defaults filled in). */
  @Column({ type: 'json' })
  input!: unknown;

  /** The AllocationResult as computed when saved. */
  @Column({ type: 'json' })
  output!: unknown;

  /** data_version.version when saved: a later version means the figures may have changed since. */
  @Column({ name: 'data_version', type: 'bigint' })
  dataVersion!: string;

  /** The authenticated caller who saved it. */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
