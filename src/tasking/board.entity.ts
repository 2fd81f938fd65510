import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { AgencyEntity } from './agency.entity';

/** A neighbourhood board: one per ward in Derby, or per area or police neighbourhood elsewhere. */
@Entity({ name: 'board' })
export class BoardEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_board' })
  id!: number;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A unit a board covers: a ward, an area or a police neighbourhood (its id, as text). A board
 * covers a set of units, all of one level.
 */
@Entity({ name: 'board_unit' })
@Check('CHK_board_unit_level', `"level" IN ('ward', 'area', 'policeNeighbourhood')`)
@Index('IDX_board_unit_unit', ['level', 'unitCode'])
export class BoardUnitEntity {
  @PrimaryColumn({ name: 'board_id', type: 'integer', primaryKeyConstraintName: 'PK_board_unit' })
  boardId!: number;

  @ManyToOne(() => BoardEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id', foreignKeyConstraintName: 'FK_board_unit_board' })
  board?: BoardEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_board_unit' })
  level!: string;

  @PrimaryColumn({ name: 'unit_code', type: 'text', primaryKeyConstraintName: 'PK_board_unit' })
  unitCode!: string;
}

/** A member of a board by role, without personal contact details. */
@Entity({ name: 'board_member' })
@Check('CHK_board_member_role', `"role" IN ('councillor', 'police_inspector', 'agency_officer', 'resident')`)
export class BoardMemberEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_board_member' })
  id!: number;

  @Index('IDX_board_member_board')
  @Column({ name: 'board_id', type: 'integer' })
  boardId!: number;

  @ManyToOne(() => BoardEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id', foreignKeyConstraintName: 'FK_board_member_board' })
  board?: BoardEntity;

  @Column({ type: 'text' })
  role!: string;

  /** A name or a post ("Ward councillor, Arboretum"); never an address, e-mail or phone number. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'agency_code', type: 'text', nullable: true })
  agencyCode!: string | null;

  @ManyToOne(() => AgencyEntity, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'agency_code', foreignKeyConstraintName: 'FK_board_member_agency' })
  agency?: AgencyEntity;
}

/** A meeting of a board: its date and its notes. */
@Entity({ name: 'board_meeting' })
export class BoardMeetingEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_board_meeting' })
  id!: number;

  @Index('IDX_board_meeting_board')
  @Column({ name: 'board_id', type: 'integer' })
  boardId!: number;

  @ManyToOne(() => BoardEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id', foreignKeyConstraintName: 'FK_board_meeting_board' })
  board?: BoardEntity;

  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
