import { readConfig } from '../src/config';
import { type Hub, startHub } from '../src/hub';

import { testDatabaseUrl } from './helpers/database';

const ALLOWED = 'https://maps.example.org';
const OTHER = 'https://elsewhere.example.com';

const preflight = (hub: Hub, origin: string) =>
  fetch(hub.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });

const post = (hub: Hub, origin: string) =>
  fetch(hub.url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ areas { code } }' }),
  });

describe('CORS', () => {
  describe('with CORS_ORIGINS naming one origin', () => {
    let hub: Hub;
    beforeAll(async () => {
      hub = await startHub({ ...readConfig({ CORS_ORIGINS: ALLOWED }), port: 0, databaseUrl: testDatabaseUrl() });
      await hub.ready;
    });
    afterAll(() => hub.stop());

    it('answers that origin’s preflight with the methods and headers a map client sends', async () => {
      const response = await preflight(hub, ALLOWED);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      const headers = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      expect(headers).toContain('authorization');
      expect(headers).toContain('content-type');
      expect(response.headers.get('access-control-max-age')).toBe('600');
    });

    it('lets that origin read answers (and errors) and tells caches the answer varies by origin', async () => {
      const response = await post(hub, ALLOWED);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(response.headers.get('vary')).toMatch(/origin/i);
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      const body = (await response.json()) as { data: { areas: unknown[] } };
      expect(body.data.areas.length).toBeGreaterThan(0);
      const missing = await fetch(hub.url.replace('/graphql', '/nowhere'), { headers: { origin: ALLOWED } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    });

    it('gives any other origin no Access-Control-Allow-Origin, so its browser refuses', async () => {
      const answered = await preflight(hub, OTHER);
      expect(answered.status).toBe(204);
      expect(answered.headers.get('access-control-allow-origin')).toBeNull();
      expect((await post(hub, OTHER)).headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('allows no other origin by default in production, and any origin in development', async () => {
    const production = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    const development = await startHub({
      ...readConfig({ NODE_ENV: 'development' }),
      port: 0,
      databaseUrl: testDatabaseUrl(),
    });
    try {
      await Promise.all([production.ready, development.ready]);
      const refused = await preflight(production, OTHER);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const sameOrigin = await post(production, OTHER);
      expect(sameOrigin.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      const open = await preflight(development, OTHER);
      expect(open.status).toBe(204);
      expect(open.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await Promise.all([production.stop(), development.stop()]);
    }
  });
});
