import { createHash, randomBytes } from 'node:crypto';

import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';

import type { Role } from './roles';

/** Every key the hub makes starts so, which tells a key from a bearer token at a glance. */
export const KEY_PREFIX = 'nhk_';

export interface ApiKeyRow {
  id: number;
  label: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** An active key as a request presents it, and the data version at the time it was looked up. */
export interface FoundKey {
  id: number;
  label: string;
  role: Role;
  dataStamp: string;
}

/** What one read for several requests brings (ApiKeysService.findEach). */
export interface KeysAndStamp {
  /** The data version (HubContext.dataStamp). */
  dataStamp: string;
  /** The active keys found, by the key presented. */
  found: Map<string, FoundKey>;
}

const sql = (name: string) => sqlFile(__dirname, name);

/** The stored form of a key: hex SHA-256. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: the prefix and 32 random bytes, base64url. */
export function generateKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Creates, lists, revokes and looks up API keys. The only place API-key SQL runs. */
export class ApiKeysService {
  constructor(private readonly db: Db) {}

  /**
   * Makes a key. The key itself is returned once and never stored.
   * @param createdBy who ran the command, for the record
   */
  async create(label: string, role: Exclude<Role, 'public'>, createdBy: string): Promise<{ id: number; key: string }> {
    const key = generateKey();
    const [row] = await this.db.query<{ id: number }>(sql('insert-api-key'), [
      label,
      role,
      hashKey(key),
      key.slice(0, KEY_PREFIX.length + 6),
      createdBy,
    ]);
    return { id: row.id, key };
  }

  list(): Promise<ApiKeyRow[]> {
    return this.db.query<ApiKeyRow>(sql('api-keys-all'));
  }

  /** @returns false when there is no active key with this id */
  async revoke(id: number): Promise<boolean> {
    return (await this.db.query(sql('revoke-api-key'), [id])).length > 0;
  }

  /**
   * The active key a presented key stands for, or undefined; with the data version read in the
   * same statement (HubContext.dataStamp).
   */
  async find(key: string): Promise<FoundKey | undefined> {
    return (await this.db.query<FoundKey>(sql('api-key-by-hash'), [hashKey(key)]))[0];
  }

  /**
   * The active keys among several presented keys, and the data version, in one statement (the
   * reads of requests that arrived together, src/auth/shared-reads.ts).
   * @returns the data version, and each active key found by the key presented; a key missing
   *   from `found` is unknown or revoked
   */
  async findEach(keys: readonly string[]): Promise<KeysAndStamp> {
    const byHash = new Map(keys.map((key) => [hashKey(key), key]));
    const rows = await this.db.query<FoundKey & { keyHash: string | null }>(sql('api-keys-by-hashes'), [
      [...byHash.keys()],
    ]);
    const found = new Map<string, FoundKey>();
    for (const { keyHash, ...key } of rows) {
      if (keyHash !== null) {
        found.set(byHash.get(keyHash) as string, key);
      }
    }
    return { dataStamp: rows[0].dataStamp, found };
  }
}
