import type { MultiPolygon } from 'geojson';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { AgencyEntity } from './agency.entity';
import { BoardEntity } from './board.entity';

/**
 * A task: an agency asked to act on a place. It keeps its footprint as geometry, so the incidents
 * it concerns (and whether it worked) are counted inside it whatever the analysis it came from
 * would answer today.
 */
@Entity({ name: 'task' })
@Check('CHK_task_status', `"status" IN ('open', 'in_progress', 'done', 'cancelled')`)
@Check(
  'CHK_task_source_kind',
  `"source_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'report', 'ward', 'area', 'policeNeighbourhood', 'board', 'polygon')`,
)
@Check('CHK_task_owner_role', `"owner_role" IN ('councillor', 'police_inspector', 'agency_officer', 'resident')`)
@Check('CHK_task_unit_level', `"unit_level" IS NULL OR "unit_level" IN ('ward', 'area', 'policeNeighbourhood')`)
@Check('CHK_task_due_after_creation', `"due_on" >= ("created_at" AT TIME ZONE 'UTC')::date`)
@Index('IDX_task_board_status_due', ['boardId', 'status', 'dueOn'])
@Index('IDX_task_status_due', ['status', 'dueOn'])
export class TaskEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_task' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  @ManyToOne(() => AgencyEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'agency_code', foreignKeyConstraintName: 'FK_task_agency' })
  agency?: AgencyEntity;

  @Column({ name: 'owner_role', type: 'text' })
  ownerRole!: string;

  @Column({ name: 'board_id', type: 'integer', nullable: true })
  boardId!: number | null;

  @ManyToOne(() => BoardEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'board_id', foreignKeyConstraintName: 'FK_task_board' })
  board?: BoardEntity;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text', default: 'open' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'source_kind', type: 'text' })
  sourceKind!: string;

  /** What it was made from: a cell, cluster or incident id, a unit code; null for a drawn polygon. */
  @Column({ name: 'source_ref', type: 'text', nullable: true })
  sourceRef!: string | null;

  @Index('IDX_task_footprint', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  footprint!: MultiPolygon;

  /** The unit it is for (pre-filled from a cross-boundary issue's lead, a ward, a report's ward). */
  @Column({ name: 'unit_level', type: 'text', nullable: true })
  unitLevel!: string | null;

  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode!: string | null;

  /** The incident categories it concerns; empty for all. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories!: string[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When it became DONE or CANCELLED. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/** One change of a task's status: from, to, who, when, and a note. */
@Entity({ name: 'task_status_change' })
export class TaskStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_task_status_change' })
  id!: string;

  @Index('IDX_task_status_change_task')
  @Column({ name: 'task_id', type: 'bigint' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_task_status_change_task' })
  task?: TaskEntity;

  /** Null for the task's creation. */
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
