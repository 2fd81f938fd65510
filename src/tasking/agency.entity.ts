import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An agency that owns kinds of incident and takes tasks: a council service, the police, a housing
 * provider, fire and rescue, health or a voluntary body. Its code is the old owning-service value
 * for the five the hub began with, so `IncidentCategory.service` reads as it always did.
 */
@Entity({ name: 'agency' })
@Check('CHK_agency_kind', `"kind" IN ('council_service', 'police', 'housing', 'fire', 'health', 'voluntary')`)
@Check('CHK_agency_code', `"code" ~ '^[A-Z][A-Z0-9_]{1,39}$'`)
export class AgencyEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_agency' })
  code!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** The authenticated caller who added it; `migration` for the five the hub ships with. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
