import type { Point } from 'geojson';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { PoliceNeighbourhoodEntity } from '../boundaries/police-neighbourhood.entity';
import { AreaEntity } from '../geography/area.entity';
import { LsoaEntity } from '../geography/lsoa.entity';
import { WardEntity } from '../geography/ward.entity';

import { IncidentCategoryEntity } from './incident-category.entity';

/**
 * One crime, anti-social behaviour report, street-scene problem or enforcement action. Ward,
 * area and LSOA are filled in by the database from the point when the row is written: the ward
 * and area twice, in the current ward set (ward_code, area_code: what analyses read by default)
 * and in the set in force at the end of the incident's month (month_ward_code, month_area_code).
 */
@Entity({ name: 'incident' })
@Unique('UQ_incident_source_key', ['source', 'sourceKey'])
@Check('CHK_incident_status', `"status" IS NULL OR "status" IN ('open', 'in_progress', 'resolved', 'closed')`)
@Check('CHK_incident_month', `"month" = date_trunc('month', "month")::date`)
// Covering (code, month, category): ward and area stats count from the index alone.
@Index('IDX_incident_ward_month', ['wardCode', 'month', 'categorySlug'])
@Index('IDX_incident_area_month', ['areaCode', 'month', 'categorySlug'])
@Index('IDX_incident_month_ward_month', ['monthWardCode', 'month', 'categorySlug'])
@Index('IDX_incident_month_area_month', ['monthAreaCode', 'month', 'categorySlug'])
// Small partial indexes for the open street-scene issues that ward and area stats count.
@Index('IDX_incident_open_ward', ['wardCode'], { where: `"status" IN ('open', 'in_progress')` })
@Index('IDX_incident_open_area', ['areaCode'], { where: `"status" IN ('open', 'in_progress')` })
@Index('IDX_incident_category_month', ['categorySlug', 'month'])
// (ward, month, category) INCLUDE (point, id, units, source, status), for reading clusters' incidents
// from the index alone; TypeORM cannot write INCLUDE, so migration IncidentPointsIndex owns it.
@Index('IDX_incident_ward_month_points', { synchronize: false })
export class IncidentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Where the row came from: police.uk, synthetic-police.uk, council-report, … */
  @Column({ type: 'text' })
  source!: string;

  /** The source's own key (police.uk Crime ID) or one derived from the row's content. */
  @Column({ name: 'source_key', type: 'text' })
  sourceKey!: string;

  @Column({ name: 'category_slug', type: 'text' })
  categorySlug!: string;

  @ManyToOne(() => IncidentCategoryEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'category_slug' })
  category?: IncidentCategoryEntity;

  /** First day of the month the incident falls in (police.uk publishes months only). */
  @Index()
  @Column({ type: 'date' })
  month!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt!: Date | null;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  geom!: Point | null;

  /** The same point in British National Grid metres, for grids, bands and clusters. */
  @Index({ spatial: true })
  @Column({ name: 'geom_bng', type: 'geometry', spatialFeatureType: 'Point', srid: 27700, nullable: true })
  geomBng!: Point | null;

  /** police.uk's "On or near …" text, or a reporter's description of the place. */
  @Column({ type: 'text', nullable: true })
  location!: string | null;

  /** The LSOA code the source gave, kept to compare with the point's own LSOA. */
  @Column({ name: 'reported_lsoa_code', type: 'text', nullable: true })
  reportedLsoaCode!: string | null;

  @Column({ name: 'ward_code', type: 'text', nullable: true })
  wardCode!: string | null;

  @ManyToOne(() => WardEntity, { nullable: true, onDelete: 'SET NULL', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'ward_code' })
  ward?: WardEntity;

  @Column({ name: 'area_code', type: 'text', nullable: true })
  areaCode!: string | null;

  @ManyToOne(() => AreaEntity, { nullable: true, onDelete: 'SET NULL', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'area_code' })
  area?: AreaEntity;

  /** The ward of the set in force at the end of the incident's month (NULL before every set). */
  @Column({ name: 'month_ward_code', type: 'text', nullable: true })
  monthWardCode!: string | null;

  @ManyToOne(() => WardEntity, { nullable: true, onDelete: 'SET NULL', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'month_ward_code', foreignKeyConstraintName: 'FK_incident_month_ward' })
  monthWard?: WardEntity;

  /** That ward's area. */
  @Column({ name: 'month_area_code', type: 'text', nullable: true })
  monthAreaCode!: string | null;

  @ManyToOne(() => AreaEntity, { nullable: true, onDelete: 'SET NULL', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'month_area_code', foreignKeyConstraintName: 'FK_incident_month_area' })
  monthArea?: AreaEntity;

  /** The LSOA in force at the end of the incident's month. */
  @Index()
  @Column({ name: 'lsoa_code', type: 'text', nullable: true })
  lsoaCode!: string | null;

  @ManyToOne(() => LsoaEntity, { nullable: true, onDelete: 'SET NULL', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'lsoa_code' })
  lsoa?: LsoaEntity;

  /** The current police neighbourhood layer's neighbourhood containing the point. */
  @Index()
  @Column({ name: 'police_neighbourhood_id', type: 'integer', nullable: true })
  policeNeighbourhoodId!: number | null;

  @ManyToOne(() => PoliceNeighbourhoodEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'police_neighbourhood_id' })
  policeNeighbourhood?: PoliceNeighbourhoodEntity;

  /** police.uk "Last outcome category". */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** Street-scene workflow: open, in_progress, resolved or closed. */
  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** How to reach the reporter. Stored for officers; never returned by a public query. */
  @Column({ name: 'reporter_contact', type: 'text', nullable: true })
  reporterContact!: string | null;

  /** police.uk "Reported by": the force that published the row. */
  @Column({ name: 'reported_by', type: 'text', nullable: true })
  reportedBy!: string | null;

  /** The authenticated caller who recorded a report through the API (api-key:ID or jwt:SUBJECT). */
  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  context!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
