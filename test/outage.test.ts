import { readConfig } from '../src/config';
import { type Hub, startHub } from '../src/hub';

import { geojson } from './helpers/geodata-files';
import { OwnPostgres } from './helpers/own-postgres';

const WARDS = JSON.stringify({ query: '{ wards { code } }' });
/** The wards query answers on the current set: the wards of the newest shipped file. */
const CURRENT_WARDS = geojson('derby-wards-2023.geojson').features.length;

/** POSTs a small query; a request that hangs for 5 s fails the test instead of the suite. */
async function wards(hub: Hub): Promise<{ status: number; code?: string; wards?: number }> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: WARDS,
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as any;
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, wards: body.data?.wards?.length };
}

async function readiness(hub: Hub): Promise<number> {
  return (await fetch(hub.url.replace('/graphql', '/readyz'), { signal: AbortSignal.timeout(5000) })).status;
}

async function until(what: string, check: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let waited = 0; waited < seconds * 10; waited += 1) {
    if (await check().catch(() => false)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${seconds} s`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// These stop, restart and freeze a PostgreSQL server, so they start one of their own; the run
// with DATABASE_URL (CI's server run) holds them, as the hub's embedded database has no outages
// of this kind.
const onServer = process.env.HUB_TEST_DATABASE_MODE === 'server';

(onServer ? describe : describe.skip)('the hub on a PostgreSQL server that goes away', () => {
  const server = new OwnPostgres();
  let hub: Hub;

  beforeAll(() => {
    server.init();
  });

  afterAll(async () => {
    await hub?.stop(1000);
    server.remove();
  });

  it('starts while the database is down, reports not ready, and connects when it can', async () => {
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: server.url });
    expect((await fetch(hub.url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect(await readiness(hub)).toBe(503);
    expect(await wards(hub)).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', wards: undefined });
    server.start();
    server.createDatabase();
    await hub.ready;
    expect(await readiness(hub)).toBe(200);
    expect(await wards(hub)).toEqual({ status: 200, code: undefined, wards: CURRENT_WARDS });
  }, 120_000);

  it('rides out a restart of the database without being restarted itself', async () => {
    server.restart();
    await until('an answer after the restart', async () => (await wards(hub)).wards === CURRENT_WARDS, 15);
    for (let i = 0; i < 5; i += 1) {
      expect(await wards(hub)).toEqual({ status: 200, code: undefined, wards: CURRENT_WARDS });
    }
  }, 60_000);

  it('fails fast with SERVICE_UNAVAILABLE through a 20-second outage, and answers again afterwards', async () => {
    server.stop();
    const during: { status: number; code?: string }[] = [];
    const started = Date.now();
    while (Date.now() - started < 20_000) {
      const answer = await wards(hub);
      during.push({ status: answer.status, code: answer.code });
      expect(await readiness(hub)).toBe(503);
      await sleep(500);
    }
    expect(during.length).toBeGreaterThan(20);
    expect([...new Set(during.map((a) => JSON.stringify(a)))]).toEqual([
      JSON.stringify({ status: 503, code: 'SERVICE_UNAVAILABLE' }),
    ]);
    server.start();
    await until('an answer after the outage', async () => (await wards(hub)).wards === CURRENT_WARDS, 15);
    expect(await readiness(hub)).toBe(200);
  }, 90_000);

  it('turns requests away at once while the database is frozen, instead of letting them hang', async () => {
    server.freeze();
    try {
      await until('the hub to notice', async () => (await readiness(hub)) === 503, 10);
      expect(await wards(hub)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      server.thaw();
    }
    await until('an answer after the thaw', async () => (await wards(hub)).wards === CURRENT_WARDS, 15);
  }, 60_000);
});
