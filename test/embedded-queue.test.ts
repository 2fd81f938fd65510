import type { DataSource, QueryRunner } from 'typeorm';

import { readConfig } from '../src/config';
import { type Hub, startHub } from '../src/hub';

import { connectTestDatabase, testDatabaseUrl } from './helpers/database';

const WARDS = '{ wards { code } }';

async function ask(hub: Hub, query: string): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

async function hubWith(env: Record<string, string>): Promise<Hub> {
  const hub = await startHub({ ...readConfig(env), port: 0, databaseUrl: testDatabaseUrl() });
  await hub.ready;
  return hub;
}

// PGlite is one session: the wire relay keeps it to a client whose transaction is open, so a
// transaction held open here keeps the embedded database busy, for as long as the test says,
// with no clock involved. A PostgreSQL server has a session per connection and no queue.
const embedded = process.env.HUB_TEST_DATABASE_MODE === 'embedded';

(embedded ? describe : describe.skip)('the embedded database under several users', () => {
  let dataSource: DataSource;
  let holder: QueryRunner | undefined;

  const hold = async () => {
    holder = dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query('SELECT 1');
  };
  const release = async () => {
    await holder?.commitTransaction();
    await holder?.release();
    holder = undefined;
  };

  beforeAll(async () => {
    ({ dataSource } = await connectTestDatabase());
  });

  afterEach(async () => {
    await release();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('answers /health (ready, busy) and /healthz while the database is busy, and serves the waiting request after', async () => {
    const hub = await hubWith({});
    try {
      await hold();
      const waiting = ask(hub, WARDS);
      const health = await fetch(hub.url.replace('/graphql', '/health'));
      const body = (await health.json()) as { reason: string };
      expect(health.status).toBe(200);
      expect(body.reason).toMatch(/^busy/);
      expect((await fetch(hub.url.replace('/graphql', '/healthz'))).status).toBe(200);
      await release();
      const answer = await waiting;
      expect(answer.status).toBe(200);
      expect(answer.body.data.wards.length).toBeGreaterThan(0);
    } finally {
      await hub.stop();
    }
  });

  it('answers 503 with Retry-After to a request beyond the queue, at once, and serves the others in turn', async () => {
    const hub = await hubWith({ EMBEDDED_QUEUE: '1' });
    try {
      await hold();
      // One takes its turn (and waits for the database), one waits for a turn, one is refused:
      // none of them can finish while the database is held, so the first answer is the refusal.
      const asked = [ask(hub, WARDS), ask(hub, WARDS), ask(hub, WARDS)];
      const first = await Promise.race(asked);
      expect(first.status).toBe(503);
      expect(first.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(first.body.errors[0].message).toMatch(/embedded database is busy \(1 requests waiting\)/);
      expect(Number(first.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await release();
      const answers = await Promise.all(asked);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 503]);
      for (const served of answers.filter((a) => a.status === 200)) {
        expect(served.body.errors).toBeUndefined();
      }
    } finally {
      await hub.stop();
    }
  });

  it('answers TIME_LIMIT_EXCEEDED past the time limit, running or waiting, and keeps serving afterwards', async () => {
    const hub = await hubWith({ EMBEDDED_TIMEOUT_MS: '1500' });
    try {
      await hold();
      const [running, waiting] = await Promise.all([ask(hub, WARDS), ask(hub, WARDS)]);
      const answers = [running, waiting].sort((a, b) => a.status - b.status);
      // The one whose statement was sent is answered by GraphQL (a field error, status 200);
      // the one still waiting for its turn is refused whole.
      expect(answers.map((a) => a.status)).toEqual([200, 503]);
      for (const answer of answers) {
        expect(answer.body.errors[0].extensions.code).toBe('TIME_LIMIT_EXCEEDED');
        expect(answer.body.errors[0].message).toMatch(/within 1.5 s on the embedded database/);
      }
      expect(answers[0].body.data).toBeNull();
      await release();
      const after = await ask(hub, WARDS);
      expect(after.status).toBe(200);
      expect(after.body.errors).toBeUndefined();
      expect(after.body.data.wards.length).toBeGreaterThan(0);
    } finally {
      await hub.stop();
    }
  });

  it('queues map requests apart from GraphQL: a screenful of tiles is not refused by the GraphQL bound, and a full map queue refuses at once', async () => {
    const hub = await hubWith({ EMBEDDED_QUEUE: '0', EMBEDDED_MAP_QUEUE: '2' });
    const origin = new URL(hub.url).origin;
    const tile = (x: number): Promise<{ status: number; body: any; retryAfter: string | null }> =>
      fetch(`${origin}/tiles/wards/12/${2030 + x}/1335.mvt`).then(async (r) => ({
        status: r.status,
        body: r.status === 200 ? null : await r.json(),
        retryAfter: r.headers.get('retry-after'),
      }));
    try {
      await hold();
      // One map request takes its turn, two wait, the fourth is refused at once; GraphQL's own
      // queue (no room to wait) still gives a turn to the one request it has.
      const tiles = [tile(0), tile(1), tile(2), tile(3)];
      const graphql = ask(hub, WARDS);
      const first = await Promise.race(tiles);
      expect(first.status).toBe(503);
      expect(first.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(first.body.errors[0].message).toMatch(/embedded database is busy \(2 requests waiting\)/);
      expect(Number(first.retryAfter)).toBeGreaterThanOrEqual(1);
      const ogc = await fetch(`${origin}/ogc/collections/wards/items?limit=1`);
      expect(ogc.status).toBe(503);
      expect(await ogc.json()).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        description: expect.stringMatching(/embedded database is busy \(2 requests waiting\)/),
      });
      await release();
      expect((await Promise.all(tiles)).map((t) => t.status).sort()).toEqual([200, 200, 200, 503]);
      const answered = await graphql;
      expect(answered.status).toBe(200);
      expect(answered.body.data.wards.length).toBeGreaterThan(0);
    } finally {
      await hub.stop();
    }
  });

  it('holds OGC features to the embedded time limit, running or waiting', async () => {
    const hub = await hubWith({ EMBEDDED_TIMEOUT_MS: '1500' });
    const items = (): Promise<{ status: number; body: any }> =>
      fetch(`${new URL(hub.url).origin}/ogc/collections/wards/items?limit=1`).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    try {
      await hold();
      const answers = await Promise.all([items(), items()]);
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.body.code).toBe('TIME_LIMIT_EXCEEDED');
      }
      expect(answers.map((a) => a.body.description).sort()).toEqual([
        expect.stringMatching(/^a statement of this request did not finish within 1.5 s on the embedded database/),
        expect.stringMatching(/^this request did not get its turn within 1.5 s on the embedded database/),
      ]);
      await release();
      const after = await items();
      expect(after.status).toBe(200);
      expect(after.body.features).toHaveLength(1);
    } finally {
      await hub.stop();
    }
  });

  it('lets the statements of one request wait for the one connection longer than a server pool would', async () => {
    // Two root fields outside the response cache resolve side by side: two statements for the one
    // connection. Held past a server pool's 5 s wait, the second must still be answered.
    const hub = await hubWith({});
    try {
      await hold();
      const asked = ask(hub, '{ wards { code } agencies { name } }');
      await new Promise((resolve) => setTimeout(resolve, 6_500));
      await release();
      const answer = await asked;
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.wards.length).toBeGreaterThan(0);
      expect(answer.body.data.agencies.length).toBeGreaterThan(0);
    } finally {
      await hub.stop();
    }
  });
});

(embedded ? describe.skip : describe)('a PostgreSQL server', () => {
  it('has no embedded queue: a request is not held back by another session', async () => {
    const { dataSource } = await connectTestDatabase();
    const holder = dataSource.createQueryRunner();
    const hub = await hubWith({ EMBEDDED_QUEUE: '0', EMBEDDED_TIMEOUT_MS: '100' });
    try {
      await holder.startTransaction();
      await holder.query('SELECT 1');
      const answers = await Promise.all([ask(hub, WARDS), ask(hub, WARDS)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.map((a) => a.body.errors)).toEqual([undefined, undefined]);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
      await hub.stop();
      await dataSource.destroy();
    }
  });
});
