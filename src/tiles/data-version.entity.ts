import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The data version: one row, bumped by a trigger whenever a table a tile is drawn from changes
 * (migrations/1764403200000-DataVersion.ts). Tiles carry it in their ETag.
 */
@Entity({ name: 'data_version' })
@Check('CHK_data_version_one_row', `"id"`)
export class DataVersionEntity {
  @PrimaryColumn({ type: 'boolean', default: true, primaryKeyConstraintName: 'PK_data_version' })
  id!: boolean;

  @Column({ type: 'bigint', default: 1 })
  version!: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;
}
