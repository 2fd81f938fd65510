import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A kind of incident (police.uk crime type, street-scene problem or enforcement action) and the
 * service that owns it.
 */
@Entity({ name: 'incident_category' })
@Check('CHK_incident_category_kind', `"kind" IN ('crime', 'asb', 'street_scene', 'enforcement', 'fire')`)
@Check(
  'CHK_incident_category_service',
  `"service" IN ('STREETPRIDE', 'COMMUNITY_SAFETY', 'POLICE', 'HOUSING', 'FIRE_AND_RESCUE')`,
)
export class IncidentCategoryEntity {
  /** police.uk style slug, e.g. anti-social-behaviour, fly-tipping. */
  @PrimaryColumn({ type: 'text' })
  slug!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  service!: string;

  /** The `Crime type` text of police.uk files, where the category is one. */
  @Column({ name: 'police_name', type: 'text', nullable: true, unique: true })
  policeName!: string | null;
}
