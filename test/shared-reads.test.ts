import { ApiKeysService, type KeysAndStamp } from '../src/auth/api-keys';
import { SharedReads } from '../src/auth/shared-reads';
import { readConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { readDataStamp } from '../src/graphql/response-cache';
import { type Hub, startHub } from '../src/hub';

import { connectTestDatabase, countingDb, testDatabaseUrl } from './helpers/database';

/**
 * A Db whose first statement runs at once but whose answer is held until `release` is called:
 * a read in flight, deterministically, whose snapshot was taken before whatever the test does next.
 */
function heldDb(inner: Db) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let ran!: () => void;
  const first = new Promise<void>((resolve) => {
    ran = resolve;
  });
  let held = false;
  const db: Db = {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const rows = await inner.query<T>(sql, params);
      if (!held) {
        held = true;
        ran();
        await released;
      }
      return rows;
    },
  };
  return { db, release, first };
}

describe('shared key and data-version reads', () => {
  let db: Db;
  let close: () => Promise<void>;
  const made: number[] = [];

  beforeAll(async () => {
    const connection = await connectTestDatabase();
    db = connection.db;
    close = () => connection.dataSource.destroy();
  });

  afterAll(async () => {
    await db.query('DELETE FROM api_key WHERE id = ANY($1)', [made]);
    await close();
  });

  const key = async (role: 'analyst' | 'officer' | 'admin') => {
    const created = await new ApiKeysService(db).create(`shared reads test ${role}`, role, 'jest');
    made.push(created.id);
    return created;
  };

  it('answer many requests arriving together with fewer statements, each with its own key', async () => {
    const analyst = await key('analyst');
    const officer = await key('officer');
    const revoked = await key('admin');
    await new ApiKeysService(db).revoke(revoked.id);
    const unknown = `${analyst.key.slice(0, -4)}nope`;
    const counting = countingDb(db);
    const service = new ApiKeysService(counting);
    const reads = new SharedReads((keys) => service.findEach(keys));
    const presented = Array.from({ length: 40 }, (_, i) => [analyst, officer, revoked, { key: unknown }][i % 4].key);
    const [found, stamps] = await Promise.all([
      Promise.all(presented.map((k) => reads.key(k))),
      Promise.all(Array.from({ length: 10 }, () => reads.stamp())),
    ]);
    // the first request's read, then one for all that arrived while it was in flight
    expect(counting.count).toBe(2);
    expect(counting.count).toBeLessThan(presented.length + stamps.length);
    presented.forEach((k, i) => {
      const expected = k === analyst.key ? analyst.id : k === officer.key ? officer.id : undefined;
      expect(found[i]?.id).toBe(expected);
    });
    expect(found.filter((f) => f?.id === officer.id).every((f) => f?.role === 'officer')).toBe(true);
    expect(found.filter((f) => f?.id === analyst.id).every((f) => f?.role === 'analyst')).toBe(true);
    // everything asked for after the first read was sent came in one read, stamps and keys alike
    expect(new Set(stamps).size).toBe(1);
    const later = found.slice(1).filter((f) => f !== undefined);
    expect(later.length).toBe(19);
    expect(later.every((f) => f.dataStamp === stamps[0])).toBe(true);
    expect(stamps[0]).toMatch(/^\d+:\d+(\.\d+)?$/);
  });

  it('never answer a request from a read sent before it arrived: a data change committed meanwhile is seen', async () => {
    const held = heldDb(db);
    const service = new ApiKeysService(held.db);
    const reads = new SharedReads((keys) => service.findEach(keys));
    const early = reads.stamp();
    await held.first;
    // committed after the early read took its snapshot, before the late request arrives
    await db.query('UPDATE data_version SET version = version + 1, changed_at = now()');
    const committed = await readDataStamp(db);
    const late = reads.stamp();
    held.release();
    expect(await early).not.toBe(committed);
    // a write by another suite may have moved it again since: never back to the early one
    const lateStamp = await late;
    expect(lateStamp).not.toBe(await early);
    expect(Number(lateStamp.split(':')[0])).toBeGreaterThanOrEqual(Number(committed.split(':')[0]));
  });

  it('never answer a request from a read sent before it arrived: a key revoked meanwhile is refused', async () => {
    const analyst = await key('analyst');
    const held = heldDb(db);
    const service = new ApiKeysService(held.db);
    const reads = new SharedReads((keys) => service.findEach(keys));
    const early = reads.key(analyst.key);
    await held.first;
    expect(await new ApiKeysService(db).revoke(analyst.id)).toBe(true);
    const late = reads.key(analyst.key);
    held.release();
    expect((await early)?.id).toBe(analyst.id);
    expect(await late).toBeUndefined();
  });

  it('fail every request that waited for a failed read, and read afresh for the next', async () => {
    const sent: string[][] = [];
    let fail = true;
    const reads = new SharedReads(async (keys): Promise<KeysAndStamp> => {
      sent.push([...keys]);
      if (fail) {
        throw new Error('the database went away');
      }
      return { dataStamp: '7:1', found: new Map() };
    });
    const first = reads.key('nhk_a');
    const waiting = [reads.key('nhk_b'), reads.stamp()];
    await expect(first).rejects.toThrow('the database went away');
    await expect(Promise.all(waiting)).rejects.toThrow('the database went away');
    fail = false;
    expect(await reads.stamp()).toBe('7:1');
    expect(sent).toEqual([['nhk_a'], ['nhk_b'], []]);
  });
});

describe('a hub sharing its key reads', () => {
  let hub: Hub;
  let db: Db;
  let close: () => Promise<void>;
  const made: number[] = [];

  beforeAll(async () => {
    const connection = await connectTestDatabase();
    db = connection.db;
    close = () => connection.dataSource.destroy();
    // On the embedded database (where requests take turns and read their own) room for them all to wait.
    hub = await startHub({ ...readConfig({ EMBEDDED_QUEUE: '30' }), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await db.query('DELETE FROM api_key WHERE id = ANY($1)', [made]);
    await hub.stop();
    await close();
  });

  it('gives each of many requests sent together its own caller', async () => {
    const keys = new ApiKeysService(db);
    const analyst = await keys.create('shared reads hub analyst', 'analyst', 'jest');
    const revoked = await keys.create('shared reads hub revoked', 'analyst', 'jest');
    made.push(analyst.id, revoked.id);
    await keys.revoke(revoked.id);
    const presented = Array.from({ length: 30 }, (_, i) => [analyst.key, revoked.key, undefined][i % 3]);
    const answers = await Promise.all(
      presented.map(async (k) => {
        const response = await fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(k ? { 'x-api-key': k } : {}) },
          body: JSON.stringify({ query: '{ incidents(first: 1) { totalCount } }' }),
        });
        return { status: response.status, body: (await response.json()) as any };
      }),
    );
    presented.forEach((k, i) => {
      const { status, body } = answers[i];
      if (k === analyst.key) {
        expect(status).toBe(200);
        expect(body.data.incidents.totalCount).toBeGreaterThan(0);
      } else if (k === revoked.key) {
        expect(status).toBe(401);
        expect(body.errors[0].message).toBe('the API key is unknown or revoked');
      } else {
        expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });
  });
});
