import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An API key: its role, a label saying whose it is, and the SHA-256 of the key, never the key
 * itself (keys are 32 random bytes, so a plain hash is as strong as a slow one would be).
 */
@Entity({ name: 'api_key' })
@Check('CHK_api_key_role', `"role" IN ('analyst', 'officer', 'admin')`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text' })
  role!: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ name: 'key_hash', type: 'text', unique: true })
  keyHash!: string;

  /** The key's first characters, to recognise it in a list. */
  @Column({ type: 'text' })
  prefix!: string;

  /** Who created it (the operating-system user that ran the command). */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
