import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { WardEntity } from './ward.entity';

/**
 * Which wards of a set share a boundary line (both directions): the overlay of ward-adjacency.sql
 * computed once per change of a set's outlines, by a statement-level trigger on ward
 * (migrations/1764748800000-SummaryTables.ts), instead of on every request that asks for a
 * ward's neighbours or pairs wards for an allocation.
 */
@Entity({ name: 'ward_adjacency' })
export class WardAdjacencyEntity {
  @PrimaryColumn({ name: 'ward_code', type: 'text', primaryKeyConstraintName: 'PK_ward_adjacency' })
  wardCode!: string;

  @PrimaryColumn({ name: 'neighbour_code', type: 'text', primaryKeyConstraintName: 'PK_ward_adjacency' })
  neighbourCode!: string;

  /** Both wards' set, so that a change to one set recomputes that set only. */
  @Column({ name: 'boundary_set_id', type: 'text' })
  boundarySetId!: string;

  @ManyToOne(() => WardEntity, { nullable: false, onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'ward_code', foreignKeyConstraintName: 'FK_ward_adjacency_ward' })
  ward?: WardEntity;

  @ManyToOne(() => WardEntity, { nullable: false, onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'neighbour_code', foreignKeyConstraintName: 'FK_ward_adjacency_neighbour' })
  neighbour?: WardEntity;
}
