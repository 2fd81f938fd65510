import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Incidents counted per square analysis cell of a standard size, month, category and source:
 * what a Gi* grid of that size sums instead of placing every incident in its cell per request.
 * Kept exactly equal to a GROUP BY over incident by statement-level triggers on every write
 * (migrations/1764921600000-CellMonthCounts.ts). No foreign keys: the rows are derived from
 * incident's and move only with them (a renamed category reaches incident by a cascade, whose
 * trigger moves them).
 */
@Entity({ name: 'incident_cell_count' })
@Check('CHK_incident_cell_count_points', `"points" IN ('both', 'exact', 'published')`)
@Check('CHK_incident_cell_count_n', `"n" >= 0`)
export class IncidentCellCountEntity {
  /** The cell's edge in metres (square cells of analysis_grid). */
  @PrimaryColumn({ name: 'cell_size', type: 'integer', primaryKeyConstraintName: 'PK_incident_cell_count' })
  cellSize!: number;

  /** First day of the month; second in the key so a period is one index range. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_incident_cell_count' })
  month!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_incident_cell_count' })
  i!: number;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_incident_cell_count' })
  j!: number;

  @PrimaryColumn({ name: 'category_slug', type: 'text', primaryKeyConstraintName: 'PK_incident_cell_count' })
  categorySlug!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_incident_cell_count' })
  source!: string;

  /**
   * Which callers the row counts for: 'both' (a row with no workflow status, at the same point
   * for everyone), 'exact' (a report at its exact point) or 'published' (at its published point).
   */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_incident_cell_count' })
  points!: string;

  /** The cell of the exact point: picks a published report as cells.sql does, by its exact point. */
  @PrimaryColumn({ name: 'exact_i', type: 'integer', primaryKeyConstraintName: 'PK_incident_cell_count' })
  exactI!: number;

  @PrimaryColumn({ name: 'exact_j', type: 'integer', primaryKeyConstraintName: 'PK_incident_cell_count' })
  exactJ!: number;

  /** The units the incidents are named by ('' or 0: none), so a hot spot's split between units is a sum. */
  @PrimaryColumn({ name: 'ward_code', type: 'text', primaryKeyConstraintName: 'PK_incident_cell_count' })
  wardCode!: string;

  @PrimaryColumn({ name: 'area_code', type: 'text', primaryKeyConstraintName: 'PK_incident_cell_count' })
  areaCode!: string;

  @PrimaryColumn({ name: 'month_ward_code', type: 'text', primaryKeyConstraintName: 'PK_incident_cell_count' })
  monthWardCode!: string;

  @PrimaryColumn({ name: 'month_area_code', type: 'text', primaryKeyConstraintName: 'PK_incident_cell_count' })
  monthAreaCode!: string;

  @PrimaryColumn({
    name: 'police_neighbourhood_id',
    type: 'integer',
    primaryKeyConstraintName: 'PK_incident_cell_count',
  })
  policeNeighbourhoodId!: number;

  @Column({ type: 'integer' })
  n!: number;
}
