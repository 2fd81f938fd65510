import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One ward moved from one area to another by setWardAreas: who, when, from and to. */
@Entity({ name: 'ward_area_change' })
export class WardAreaChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** All the moves of one setWardAreas call share it. */
  @Index()
  @Column({ name: 'change_set', type: 'uuid' })
  changeSet!: string;

  @Column({ name: 'ward_code', type: 'text' })
  wardCode!: string;

  @Column({ name: 'from_area', type: 'text' })
  fromArea!: string;

  @Column({ name: 'to_area', type: 'text' })
  toArea!: string;

  /** The authenticated administrator who made the change. */
  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  /** Whom the administrator acted for, when they said so. */
  @Column({ name: 'on_behalf_of', type: 'text', nullable: true })
  onBehalfOf!: string | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
