import fs from 'node:fs';
import path from 'node:path';

import { readConfig } from '../src/config';
import { type Hub, startHub } from '../src/hub';
import { MAP_FILES } from '../src/map/map-page';
import { PROJECT_ROOT } from '../src/paths';

// The map page's routes over HTTP. The hub is given a database server that is not there: the
// page and its files must not need one (only the GraphQL the page then calls does).
const NOWHERE = 'postgres://nobody@127.0.0.1:1/none';
const BASEMAP = 'https://tiles.example.org/styles/basic.json';

const at = (hub: Hub, route: string) => hub.url.replace('/graphql', route);

async function startMapHub(basemap?: string): Promise<Hub> {
  const config = readConfig({ LOG_LEVEL: 'silent', ...(basemap ? { MAP_BASEMAP_STYLE_URL: basemap } : {}) });
  return startHub({ ...config, port: 0, databaseUrl: NOWHERE });
}

describe('the map page over HTTP', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startMapHub();
  });

  afterAll(async () => {
    await hub.stop(0);
  });

  it('serves the page at / with a policy that allows nothing but the hub, while the database is away', async () => {
    const page = await fetch(at(hub, '/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; " +
        "img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toMatch(/^<!doctype html>/);
    const graphql = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ wards { code } }' }),
    });
    expect(graphql.status).toBe(503);
    expect(((await graphql.json()) as any).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('has no inline script and loads every script and style from the hub', async () => {
    const html = await (await fetch(at(hub, '/'))).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      expect(attributes).toMatch(/src="\/map\//);
    }
    expect(html).not.toMatch(/\sstyle=|<style|https?:\/\//);
    for (const [, href] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect(Object.keys(MAP_FILES)).toContain(href);
    }
  });

  it.each([
    ['/map/map.js', /javascript/, 'maplibregl.setWorkerUrl'],
    ['/map/map.css', /text\/css/, '#ward-panel'],
    ['/map/assets/maplibre-gl.js', /javascript/, 'MapLibre GL JS'],
    ['/map/assets/maplibre-gl-worker.js', /javascript/, 'MapLibre GL JS'],
    ['/map/assets/maplibre-gl.css', /text\/css/, '.maplibregl-map'],
  ])('serves %s', async (route, type, content) => {
    const response = await fetch(at(hub, route));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(await response.text()).toContain(content);
  });

  it("serves MapLibre's CSP build, the one whose worker needs no blob: URL", () => {
    const installed = path.join(PROJECT_ROOT, 'node_modules', 'maplibre-gl', 'dist');
    expect(fs.realpathSync(MAP_FILES['/map/assets/maplibre-gl.js'])).toBe(
      fs.realpathSync(path.join(installed, 'maplibre-gl-csp.js')),
    );
    expect(fs.realpathSync(MAP_FILES['/map/assets/maplibre-gl-worker.js'])).toBe(
      fs.realpathSync(path.join(installed, 'maplibre-gl-csp-worker.js')),
    );
  });

  it('tells the page there is no basemap', async () => {
    const response = await fetch(at(hub, '/map/config.json'));
    expect(await response.json()).toEqual({ basemapStyleUrl: null });
  });

  it.each([
    '/map/assets/maplibre-gl.js.map',
    '/map/assets/maplibre-gl-dev.js',
    '/map/assets/package.json',
    '/map/assets/../../package.json',
    '/map/assets/%2e%2e/%2e%2e/package.json',
    '/map/assets/..%2f..%2fpackage.json',
    '/map/public/index.html',
    '/map/map.js/',
    '/index.html',
  ])('answers %s with the JSON 404 of any unknown route', async (route) => {
    const response = await fetch(at(hub, route));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'no such route', extensions: { code: 'NOT_FOUND' } }],
    });
  });
});

describe('the map page with a basemap configured', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startMapHub(BASEMAP);
  });

  afterAll(async () => {
    await hub.stop(0);
  });

  it("hands the page the style URL and lets it fetch from the style's origin, and nowhere else", async () => {
    const response = await fetch(at(hub, '/map/config.json'));
    expect(await response.json()).toEqual({ basemapStyleUrl: BASEMAP });
    const page = await fetch(at(hub, '/'));
    await page.text();
    const policy = page.headers.get('content-security-policy') as string;
    expect(policy).toContain("connect-src 'self' https://tiles.example.org;");
    expect(policy).toContain("img-src 'self' data: blob: https://tiles.example.org;");
    expect(policy).toContain("script-src 'self';");
  });
});
