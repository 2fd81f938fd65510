import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Incidents counted per unit, month and category: one row per unit column of incident (the ward
 * and area in the current set and in the set of the month, the LSOA, the police neighbourhood),
 * unit, month and category holding any. Kept exactly equal to a GROUP BY over incident by
 * statement-level triggers on every write (migrations/1764748800000-SummaryTables.ts), so
 * that a need index counts a year from a few thousand rows rather than half a million index
 * entries. No foreign keys: the rows are derived from incident's and move only with them (a
 * cascade from a renamed category or a removed ward reaches incident, whose trigger moves them).
 */
@Entity({ name: 'incident_month_count' })
@Check(
  'CHK_incident_month_count_unit_column',
  `"unit_column" IN ('ward_code', 'area_code', 'month_ward_code', 'month_area_code', 'lsoa_code', 'police_neighbourhood_id')`,
)
@Check('CHK_incident_month_count_n', `"n" >= 0`)
export class IncidentMonthCountEntity {
  /** The incident column the unit comes from, e.g. ward_code or month_ward_code. */
  @PrimaryColumn({ name: 'unit_column', type: 'text', primaryKeyConstraintName: 'PK_incident_month_count' })
  unitColumn!: string;

  /** First day of the month; second in the key so one level's period is one index range. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_incident_month_count' })
  month!: string;

  /** The unit's code (a police neighbourhood's id as text). */
  @PrimaryColumn({ name: 'unit_key', type: 'text', primaryKeyConstraintName: 'PK_incident_month_count' })
  unitKey!: string;

  @PrimaryColumn({ name: 'category_slug', type: 'text', primaryKeyConstraintName: 'PK_incident_month_count' })
  categorySlug!: string;

  @Column({ type: 'integer' })
  n!: number;
}
