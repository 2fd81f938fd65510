import type { MultiPolygon } from 'geojson';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

import { AgencyEntity } from './agency.entity';
import { BoardEntity } from './board.entity';

/** A board's twelve-month neighbourhood plan: a few priorities for one year. */
@Entity({ name: 'neighbourhood_plan' })
@Unique('UQ_neighbourhood_plan_board_year', ['boardId', 'year'])
@Check('CHK_neighbourhood_plan_year', `"year" BETWEEN 2000 AND 2100`)
export class NeighbourhoodPlanEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_neighbourhood_plan' })
  id!: number;

  @Column({ name: 'board_id', type: 'integer' })
  boardId!: number;

  @ManyToOne(() => BoardEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id', foreignKeyConstraintName: 'FK_neighbourhood_plan_board' })
  board?: BoardEntity;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One priority of a plan: incidents of some categories (none named: all) in a place, an agency
 * lead, and a target change on the year before (-20 for "down 20 %"). The place is kept as its
 * footprint, so progress is counted from incidents inside it however the analysis that found it
 * would answer today.
 */
@Entity({ name: 'plan_priority' })
@Check(
  'CHK_plan_priority_place_kind',
  `"place_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'polygon', 'ward', 'area', 'policeNeighbourhood', 'board')`,
)
export class PlanPriorityEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_plan_priority' })
  id!: number;

  @Index('IDX_plan_priority_plan')
  @Column({ name: 'plan_id', type: 'integer' })
  planId!: number;

  @ManyToOne(() => NeighbourhoodPlanEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_plan_priority_plan' })
  plan?: NeighbourhoodPlanEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories!: string[];

  @Column({ name: 'place_kind', type: 'text' })
  placeKind!: string;

  /** What the place was made from: a cell or cluster id, a unit code; null for a drawn polygon. */
  @Column({ name: 'place_ref', type: 'text', nullable: true })
  placeRef!: string | null;

  @Index('IDX_plan_priority_footprint', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 })
  footprint!: MultiPolygon;

  @Column({ name: 'lead_agency', type: 'text' })
  leadAgency!: string;

  @ManyToOne(() => AgencyEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'lead_agency', foreignKeyConstraintName: 'FK_plan_priority_agency' })
  agency?: AgencyEntity;

  /** The target change on the same months of the year before, in per cent (-20: down 20 %). */
  @Column({ name: 'target_change_percent', type: 'double precision' })
  targetChangePercent!: number;
}
