import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One run of an importer over one file, with its counts, so data quality can be traced. */
@Entity({ name: 'import_run' })
@Check('CHK_import_run_status', `"status" IN ('running', 'completed', 'failed', 'interrupted')`)
export class ImportRunEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  file!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ type: 'integer', default: 0 })
  inserted!: number;

  @Column({ type: 'integer', default: 0 })
  updated!: number;

  @Column({ type: 'integer', default: 0 })
  unchanged!: number;

  @Column({ type: 'integer', default: 0 })
  rejected!: number;

  @Column({ name: 'outside_city', type: 'integer', default: 0 })
  outsideCity!: number;

  @Column({ name: 'no_location', type: 'integer', default: 0 })
  noLocation!: number;

  /** The machine and process running the import, so a later run can tell a dead one. */
  @Column({ type: 'text', nullable: true })
  host!: string | null;

  @Column({ type: 'integer', nullable: true })
  pid!: number | null;

  /** Written after every batch: a run on another machine with no beat for a while has died. */
  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;
}
