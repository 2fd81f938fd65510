import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { IncidentEntity } from './incident.entity';

/** One step of a street-scene report's workflow, with when it happened. */
@Entity({ name: 'incident_status_change' })
export class IncidentStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index()
  @Column({ name: 'incident_id', type: 'bigint' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: IncidentEntity;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The authenticated caller who made the change (null for steps recorded by a bulk import). */
  @Column({ name: 'changed_by', type: 'text', nullable: true })
  changedBy!: string | null;
}
