import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { readConfig } from '../src/config';
import { type Hub, startHub } from '../src/hub';

import { testDatabaseUrl } from './helpers/database';

async function post(hub: Hub, query: string): Promise<any> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

describe('the hub over HTTP', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ ...readConfig({}), port: 0, host: '127.0.0.1', databaseUrl: testDatabaseUrl() });
  });

  afterAll(async () => {
    await hub.stop();
  });

  it('answers the README queries at /graphql', async () => {
    const wards = await post(hub, '{ wards { code name area { name } } }');
    expect(wards.data.wards).toHaveLength(17);
    const located = await post(hub, '{ locate(lon: -1.4776, lat: 52.9254) { ward { name } } }');
    expect(located.data.locate.ward.name).toBe('Arboretum');
    const bad = await post(hub, '{ locate(lon: 200, lat: 52.9) { ward { name } } }');
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves the alignment overlay as GeoJSON, and 404 for a force without a layer', async () => {
    const response = await fetch(hub.url.replace('/graphql', '/geojson/alignment'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const body = (await response.json()) as { type: string; features: unknown[] };
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBeGreaterThan(0);
    const missing = await fetch(hub.url.replace('/graphql', '/geojson/alignment?force=nowhere'));
    expect(missing.status).toBe(404);
  });

  it('reports its health and database mode', async () => {
    const response = await fetch(hub.url.replace('/graphql', '/health'));
    // The hub was given the run's database as a URL, so it speaks to it as to a server.
    expect(await response.json()).toEqual({ status: 'ok', database: 'server' });
  });
});

describe('in production mode', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({
      ...readConfig({ NODE_ENV: 'production' }),
      port: 0,
      host: '127.0.0.1',
      databaseUrl: testDatabaseUrl(),
    });
  });

  afterAll(async () => {
    await hub.stop();
  });

  it('sends no stack trace with an error', async () => {
    const result = await post(hub, '{ ward(code: "NOPE") { name } }');
    expect(result.errors[0].extensions).toEqual({ code: 'NOT_FOUND' });
    const invalid = await post(hub, '{ ward(code: 5) { name } }');
    expect(JSON.stringify(invalid)).not.toMatch(/stacktrace|at .*\.js/);
  });
});

describe('the embedded default', () => {
  it('loads the geography on first start into DATA_DIR, and finds it there on the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-data-'));
    const config = { ...readConfig({ DATA_DIR: dataDir }), port: 0, host: '127.0.0.1' };
    expect(config.databaseUrl).toBeUndefined();
    const first = await startHub(config);
    const loadedAt = async (h: Hub) =>
      (await h.database.db.query<{ t: string }>('SELECT max(loaded_at)::text AS t FROM boundary_set'))[0].t;
    let firstLoad: string;
    try {
      expect(first.database.mode).toBe('embedded');
      expect(
        (await post(first, '{ areas { wards { code } } }')).data.areas.flatMap((a: { wards: unknown[] }) => a.wards),
      ).toHaveLength(17);
      firstLoad = await loadedAt(first);
      const incidents = await post(first, '{ incidents(filter: { sources: ["police.uk"] }, first: 1) { totalCount } }');
      expect(incidents.data.incidents.totalCount).toBe(2710);
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
      expect((await post(second, '{ wards { code } }')).data.wards).toHaveLength(17);
      expect(await loadedAt(second)).toBe(firstLoad);
    } finally {
      await second.stop();
    }
  });
});
