import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { readConfig } from '../src/config';
import type { OpenDatabase } from '../src/db/database';
import { type Hub, startHub } from '../src/hub';

import { unitAt, wardSetFiles } from './helpers/boundary-sets';
import { testDatabaseUrl } from './helpers/database';

const [earlier, current] = wardSetFiles();
const CATHEDRAL = [-1.4776, 52.9254];

async function post(hub: Hub, query: string, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

const at = (hub: Hub, route: string) => hub.url.replace('/graphql', route);

describe('the hub over HTTP', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await hub.stop();
  });

  it('listens on loopback by default', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(new URL(hub.url).hostname).toBe('127.0.0.1');
  });

  it('answers the README queries at /graphql', async () => {
    // Today's wards by default; the 2013 ones as of a day they were in force.
    const wards = await post(hub, '{ wards { code name area { name } } }');
    expect(wards.data.wards).toHaveLength(current.wards.size);
    const located = await post(hub, '{ locate(lon: -1.4776, lat: 52.9254) { ward { name } } }');
    expect(located.data.locate.ward.name).toBe(current.names.get(unitAt(current.wards, CATHEDRAL) as string));
    const then = await post(hub, '{ locate(lon: -1.4776, lat: 52.9254, asOf: "2020-06-01") { ward { name } } }');
    expect(then.data.locate.ward.name).toBe(earlier.names.get(unitAt(earlier.wards, CATHEDRAL) as string));
    const bad = await post(hub, '{ locate(lon: 200, lat: 52.9) { ward { name } } }');
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves the alignment overlay as GeoJSON on the ward set asked for, and 404 for a force without a layer or an unknown set', async () => {
    for (const [query, set] of [
      ['', 'ons-wards-2023'],
      ['?boundarySet=ons-wards-2013', 'ons-wards-2013'],
    ]) {
      const response = await fetch(at(hub, `/geojson/alignment${query}`));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/geo\+json/);
      const body = (await response.json()) as { type: string; boundarySet: string; features: unknown[] };
      expect(body.type).toBe('FeatureCollection');
      expect(body.boundarySet).toBe(set);
      expect(body.features.length).toBeGreaterThan(0);
    }
    const missing = await fetch(at(hub, '/geojson/alignment?force=nowhere'));
    expect(missing.status).toBe(404);
    const unknown = await fetch(at(hub, '/geojson/alignment?boundarySet=ons-wards-1999'));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).errors[0]).toMatchObject({
      message: expect.stringMatching(/^no ward boundary set "ons-wards-1999"; the hub holds /),
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('serves the alignment overlay to public callers with land and residents only, and refuses bad credentials', async () => {
    const body = (await (await fetch(at(hub, '/geojson/alignment'))).json()) as {
      features: { properties: Record<string, unknown> }[];
    };
    const keys = new Set(body.features.flatMap((f) => Object.keys(f.properties)));
    expect([...keys].sort()).toEqual(
      [
        'areaCode',
        'areaName',
        'fill',
        'fill-opacity',
        'landSqKm',
        'neighbourhoodCode',
        'neighbourhoodMatchedToArea',
        'neighbourhoodName',
        'population',
        'synthetic',
      ].sort(),
    );
    const refused = await fetch(at(hub, '/geojson/alignment'), { headers: { authorization: 'Bearer nhk_wrong' } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('is alive at /healthz and ready at /readyz (and /health) once its database answers', async () => {
    const alive = await fetch(at(hub, '/healthz'));
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: 'ok' });
    for (const route of ['/readyz', '/health']) {
      const ready = await fetch(at(hub, route));
      expect(ready.status).toBe(200);
      // The hub was given the run's database as a URL, so it speaks to it as to a server. PGlite
      // slow to answer (a statement of its one session still running) is ready but busy, and
      // says so (src/db/availability.ts); a server is simply ready.
      expect(await ready.json()).toEqual({
        status: 'ready',
        database: 'server',
        reason:
          process.env.HUB_TEST_DATABASE_MODE === 'embedded'
            ? expect.stringMatching(/^(ready|busy: the embedded database is running a statement)/)
            : 'ready',
      });
    }
  });

  it('sends security headers and answers unknown routes, bad JSON and huge bodies in JSON, never HTML', async () => {
    const wards = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ wards { code } }' }),
    });
    expect(wards.headers.get('x-content-type-options')).toBe('nosniff');
    expect(wards.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(wards.headers.get('x-powered-by')).toBeNull();
    const missing = await fetch(at(hub, '/nowhere'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: [{ message: 'no such route', extensions: { code: 'NOT_FOUND' } }] });
    const broken = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/application\/json/);
    expect(JSON.stringify(await broken.json())).not.toMatch(/<html|node_modules|at .*\.js/);
    const huge = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ wards { code } }', variables: { x: 'y'.repeat(3_000_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).errors[0].message).toBe('the request body is over 2mb');
  });

  it('keeps what held up when probed: CSRF prevention, no mutations over GET, no batching', async () => {
    const simple = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ wards { code } }' }),
    });
    expect(simple.status).toBe(400);
    const getMutation = await fetch(
      `${hub.url}?query=${encodeURIComponent('mutation { updateIssueStatus(id: "1", status: CLOSED) { id } }')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(getMutation.status).toBe(405);
    const batch = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ wards { code } }' }, { query: '{ areas { code } }' }]),
    });
    expect(batch.status).toBe(400);
  });
});

describe('in production mode (the default)', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ ...readConfig({ NODE_ENV: 'production' }), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await hub.stop();
  });

  it('sends no stack trace, no internals and no field suggestions with an error', async () => {
    const result = await post(hub, '{ ward(code: "NOPE") { name } }');
    expect(result.errors[0].extensions).toEqual({ code: 'NOT_FOUND' });
    const invalid = await post(hub, '{ ward(code: 5) { name } }');
    expect(JSON.stringify(invalid)).not.toMatch(/stacktrace|at .*\.js/);
    const misspelt = await post(hub, '{ wards { nam } }');
    expect(misspelt.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('refuses introspection to callers without credentials', async () => {
    const result = await post(hub, '{ __schema { types { name } } }');
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
  });

  it('shows no landing page that loads scripts from elsewhere: a browser is sent to the offline explorer', async () => {
    const page = await fetch(hub.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/explorer');
    expect(await page.text()).not.toMatch(/<script|apollographql\.com/);
  });
});

describe('the embedded default', () => {
  it('loads the geography on first start into DATA_DIR, and finds it there on the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-data-'));
    const config = { ...readConfig({ DATA_DIR: dataDir }), port: 0 };
    expect(config.databaseUrl).toBeUndefined();
    const first = await startHub(config);
    const loadedAt = async (h: Hub) =>
      (
        await (h.database() as OpenDatabase).db.query<{ t: string }>(
          'SELECT max(loaded_at)::text AS t FROM boundary_set',
        )
      )[0].t;
    let firstLoad: string;
    try {
      expect(first.database()?.mode).toBe('embedded');
      expect(
        (await post(first, '{ areas { wards { code } } }')).data.areas.flatMap((a: { wards: unknown[] }) => a.wards),
      ).toHaveLength(current.wards.size);
      firstLoad = await loadedAt(first);
      const [{ n }] = await (first.database() as OpenDatabase).db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident WHERE source = 'police.uk'`,
      );
      expect(n).toBe(2710);
      // A second hub on the same folder is refused while the first runs.
      const again = startHub(config);
      await expect(again).rejects.toThrow(/is in use by process/);
      await again.then(
        (h) => h.stop(),
        () => undefined,
      );
    } finally {
      await first.stop();
    }
    const second = await startHub(config);
    try {
      expect((await post(second, '{ wards { code } }')).data.wards).toHaveLength(current.wards.size);
      expect(await loadedAt(second)).toBe(firstLoad);
    } finally {
      await second.stop();
    }
  });

  it('listens for database connections only on a Unix socket in a folder no other user may enter', async () => {
    const hub = await startHub({
      ...readConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'hub-data-')) }),
      port: 0,
    });
    try {
      const url = new URL((hub.database() as OpenDatabase).url);
      const socketDir = url.searchParams.get('host') as string;
      expect(path.isAbsolute(socketDir)).toBe(true);
      expect(fs.statSync(socketDir).mode & 0o777).toBe(0o700);
      const socket = fs.statSync(path.join(socketDir, '.s.PGSQL.5432'));
      expect(socket.isSocket()).toBe(true);
      expect(socket.mode & 0o777).toBe(0o600);
    } finally {
      await hub.stop();
    }
  });
});
