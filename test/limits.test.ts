import { ApiKeysService } from '../src/auth/api-keys';
import { readConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { type Hub, startHub } from '../src/hub';

import { connectTestDatabase, testDatabaseUrl } from './helpers/database';
import { geojson } from './helpers/geodata-files';

/** The current set's wards, which `wards` lists by default. */
const CURRENT_WARDS = geojson('derby-wards-2023.geojson').features.length;

async function ask(
  hub: Hub,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** `{ ward(code: …) { neighbours { neighbours { … name } } } }`, `depth` levels of neighbours. */
function neighbours(depth: number): string {
  return `{ ward(code: "E05001770") { ${'neighbours { '.repeat(depth)}name${' }'.repeat(depth)} } }`;
}

const PROPOSAL = '{ proposeAreaGrouping(k: 4) { examined score } }';

describe('limits that keep one request from holding the hub', () => {
  let hub: Hub;
  let db: Db;
  let close: () => Promise<void>;
  let analystKey: { id: number; key: string };

  beforeAll(async () => {
    const connection = await connectTestDatabase();
    db = connection.db;
    close = () => connection.dataSource.destroy();
    analystKey = await new ApiKeysService(db).create('limits test', 'analyst', 'jest');
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await hub.stop();
    await db.query('DELETE FROM api_key WHERE id = $1', [analystKey.id]);
    await close();
  });

  it('refuses neighbours nested 20 deep before running it (it once ran the hub out of memory)', async () => {
    const refused = await ask(hub, neighbours(20));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/depth/i);
    expect(refused.body.data).toBeUndefined();
    expect((await fetch(hub.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  it('prices nesting that the depth limit lets through, and refuses what costs too much', async () => {
    expect((await ask(hub, neighbours(2))).body.errors).toBeUndefined();
    const costly = await ask(hub, neighbours(6));
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    expect(costly.body.errors[0].message).toMatch(
      /^this request costs \d+ points and public requests may cost at most 20000/,
    );
  });

  it('prices analyses by their grids and months: finer grids and longer periods cost more', async () => {
    const fine = await ask(
      hub,
      '{ hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 25 }) { warnings } }',
    );
    expect(fine.body.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    expect(fine.body.errors[0].message).toMatch(/^this request costs 5\d{4} points/);
    const coarse = await ask(
      hub,
      '{ hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 2500 }) { warnings } }',
    );
    expect(coarse.body.errors).toBeUndefined();
    const years = await ask(
      hub,
      '{ persistentHotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 25 }, months: 36, minSignificantMonths: 30) { id } }',
      { authorization: `Bearer ${analystKey.key}` },
    );
    expect(years.body.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    expect(years.body.errors[0].message).toMatch(/analyst requests may cost at most 100000/);
  });

  it('refuses a request of 1,000 aliases, and another client is served while one sends them in a loop', async () => {
    const bomb = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: wards { code }`).join(' ')} }`;
    const refused = await ask(hub, bomb);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/aliases|tokens/i);
    let looping = true;
    const attacker = (async () => {
      let sent = 0;
      while (looping && sent < 200) {
        await ask(hub, bomb);
        sent += 1;
      }
      return sent;
    })();
    const answers = [];
    for (let i = 0; i < 10; i += 1) {
      answers.push(await ask(hub, '{ wards { code } }'));
    }
    looping = false;
    expect(await attacker).toBeGreaterThan(0);
    expect(answers.map((a) => a.body.data?.wards.length)).toEqual(Array(10).fill(CURRENT_WARDS));
  });

  it('answers health checks while a grouping proposal takes seconds of CPU', async () => {
    const headers = { authorization: `Bearer ${analystKey.key}` };
    let done = false;
    const proposal = ask(hub, PROPOSAL, headers).then((answer) => {
      done = true;
      return answer;
    });
    let answeredMeanwhile = 0;
    while (!done) {
      const health = await fetch(hub.url.replace('/graphql', '/healthz'));
      if (health.status === 200 && !done) {
        answeredMeanwhile += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const answer = await proposal;
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.proposeAreaGrouping.examined).toBeGreaterThan(1000);
    expect(answeredMeanwhile).toBeGreaterThan(3);
  });
});

describe('budgets and a bounded queue', () => {
  it('answers 429 with Retry-After once a public address has spent its minute', async () => {
    const hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
    try {
      // About 2,500 points each: the public budget of 60,000 a minute lasts some two dozen.
      const query = '{ hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 5000 }) { cells { id } } }';
      let answer = await ask(hub, query);
      for (let i = 0; i < 60 && answer.status === 200; i += 1) {
        answer = await ask(hub, query);
      }
      expect(answer.status).toBe(429);
      expect(answer.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await hub.stop();
    }
  });

  it('answers 503 to requests beyond MAX_IN_FLIGHT instead of queueing them without end', async () => {
    const hub = await startHub({ ...readConfig({ MAX_IN_FLIGHT: '1' }), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
    const { dataSource, db } = await connectTestDatabase();
    const { id, key } = await new ApiKeysService(db).create('queue test', 'analyst', 'jest');
    try {
      const slow = ask(hub, PROPOSAL, { authorization: `Bearer ${key}` });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const turnedAway = await ask(hub, '{ wards { code } }');
      expect(turnedAway.status).toBe(503);
      expect(turnedAway.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect((await slow).body.errors).toBeUndefined();
      expect((await ask(hub, '{ wards { code } }')).status).toBe(200);
    } finally {
      await hub.stop();
      await db.query('DELETE FROM api_key WHERE id = $1', [id]);
      await dataSource.destroy();
    }
  });
});
