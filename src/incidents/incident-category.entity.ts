import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { AgencyEntity } from '../tasking/agency.entity';

/**
 * A kind of incident (police.uk crime type, street-scene problem or enforcement action), the
 * agency that owns it (data an administrator can change), and for reports the days they should
 * be put right in.
 */
@Entity({ name: 'incident_category' })
@Check('CHK_incident_category_kind', `"kind" IN ('crime', 'asb', 'street_scene', 'enforcement', 'fire')`)
@Check('CHK_incident_category_target_days', `"target_days" IS NULL OR "target_days" BETWEEN 1 AND 365`)
export class IncidentCategoryEntity {
  /** police.uk style slug, e.g. anti-social-behaviour, fly-tipping. */
  @PrimaryColumn({ type: 'text' })
  slug!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** The owning agency's code. */
  @Column({ type: 'text' })
  service!: string;

  @ManyToOne(() => AgencyEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'service', foreignKeyConstraintName: 'FK_incident_category_agency' })
  agency?: AgencyEntity;

  /** Days within which a report of this kind should be put right; null where no target is set. */
  @Column({ name: 'target_days', type: 'integer', nullable: true })
  targetDays!: number | null;

  /** The `Crime type` text of police.uk files, where the category is one. */
  @Column({ name: 'police_name', type: 'text', nullable: true, unique: true })
  policeName!: string | null;
}
