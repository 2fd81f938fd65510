import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import * as turf from '@turf/turf';
import { type Browser, chromium, type Page } from 'playwright-core';

import { ApiKeysService } from '../src/auth/api-keys';
import { readConfig } from '../src/config';
import type { OpenDatabase } from '../src/db/database';
import { type Hub, startHub } from '../src/hub';
import { PROJECT_ROOT } from '../src/paths';

import { wardSetFiles } from './helpers/boundary-sets';
import { chromiumPath } from './helpers/chromium';
import { holdTodaysIncidentsLock, testDatabaseUrl } from './helpers/database';

// The map page in a real browser: Debian's Chromium, driven by playwright-core, drawing WebGL
// through SwiftShader (no GPU), on a hub over the run's database (the embedded one unless
// DATABASE_URL names a server). Every request to anywhere but the hub is blocked and recorded,
// so the test also shows that the page works with no internet.

const OUTPUT = path.join(PROJECT_ROOT, 'test-output', 'map');
const current = wardSetFiles().at(-1)!;

// What the test uses of the MapLibre map the page leaves at globalThis.hubMap (the test's tsconfig
// has no DOM types, so the browser's global is reached as globalThis).
interface HubMap {
  queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
  project(lngLat: [number, number]): { x: number; y: number };
}
declare global {
  var hubMap: HubMap;
}

async function graphql(hub: Hub, query: string, key?: string): Promise<any> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: any }).data;
}

/** Distinct values of a property among the features a layer has drawn. */
function drawn(page: Page, layer: string, property: string): Promise<string[]> {
  return page.evaluate(
    ([l, p]) => [
      ...new Set(globalThis.hubMap.queryRenderedFeatures({ layers: [l] }).map((f) => String(f.properties[p]))),
    ],
    [layer, property],
  );
}

/** Clicks a point inside a ward of the current set and waits for its panel. */
async function clickWard(page: Page, code: string): Promise<void> {
  const [lon, lat] = turf.pointOnFeature(current.wards.get(code)!).geometry.coordinates;
  const point = await page.evaluate(([x, y]) => globalThis.hubMap.project([x, y]), [lon, lat] as [number, number]);
  const box = (await page.locator('#map').boundingBox())!;
  await page.mouse.click(box.x + point.x, box.y + point.y);
  await page.waitForSelector(`#ward-panel[data-ward-code="${code}"][data-state="ready"]`);
}

/**
 * Debian's Chromium, headless, with WebGL on SwiftShader. Fails (never skips) where it is missing.
 */
async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      // WebGL without a GPU: ANGLE on SwiftShader, which Chromium otherwise keeps for trusted content.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      // Nothing of Chromium's own talks to the network either.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
    ],
  });
}

/**
 * Opens the map page of a hub in a fresh context whose requests to any origin not allowed are
 * blocked and recorded (`elsewhere`), with page errors and console errors (a CSP violation is
 * one) in `problems`; resolves once the page says it is ready, or failed.
 */
async function openMap(
  browser: Browser,
  origin: string,
  allowed: string[],
): Promise<{ page: Page; elsewhere: string[]; problems: string[] }> {
  const elsewhere: string[] = [];
  const problems: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.includes(new URL(url).origin)) {
      return route.continue();
    }
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('#status[data-state="ready"], #status[data-state="error"]', { timeout: 90_000 });
  return { page, elsewhere, problems };
}

describe('the map page in headless Chromium', () => {
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let analyst: { id: number; key: string };
  let elsewhere: string[];
  let problems: string[];
  let releaseTodaysIncidents: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    // The default period is the data's latest month: no suite's report of today may come and go meanwhile.
    releaseTodaysIncidents = await holdTodaysIncidentsLock('alone');
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
    analyst = await new ApiKeysService((hub.database() as OpenDatabase).db).create(
      'map browser test',
      'analyst',
      'jest',
    );
    origin = new URL(hub.url).origin;
    browser = await launchChromium();
    ({ page, elsewhere, problems } = await openMap(browser, origin, [origin]));
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (analyst) {
      await (hub.database() as OpenDatabase).db.query('DELETE FROM api_key WHERE id = $1', [analyst.id]);
    }
    await hub?.stop();
    await releaseTodaysIncidents();
  });

  it('starts without an error, and asks nothing of any other site', async () => {
    expect(await page.textContent('#status')).toBe('Ready. Click a ward for its figures.');
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
  });

  it("draws the outline of every ward of the current set, read back from the map's rendered features", async () => {
    await page
      .waitForFunction(
        (n) =>
          new Set(globalThis.hubMap.queryRenderedFeatures({ layers: ['ward-outline'] }).map((f) => f.properties.code))
            .size === n,
        current.wards.size,
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    expect((await drawn(page, 'ward-outline', 'code')).sort()).toEqual([...current.wards.keys()].sort());
    expect((await drawn(page, 'area-outline', 'code')).length).toBeGreaterThan(1);
    expect(await page.locator('.ward-label').count()).toBe(current.wards.size);
  });

  it('lists the areas by name in the legend, as the hub names them', async () => {
    const { areas } = await graphql(hub, '{ areas { name } }');
    const legend = await page.locator('#area-legend li').allTextContents();
    expect(legend.map((t) => t.trim())).toEqual(areas.map((a: { name: string }) => a.name));
    expect(await page.locator('#hotspot-legend li').allTextContents()).toContain('Hot spot, 99 % confidence');
  });

  it('draws hot spots for the latest month of data, and asks for them again when the period changes', async () => {
    const status = page.locator('#status');
    expect(await page.inputValue('#to')).toBe('2018-12');
    expect(await status.getAttribute('data-hotspots-period')).toBe('2018-12/2018-12');
    expect((await drawn(page, 'hotspot-fill', 'id')).length).toBeGreaterThan(0);
    const before = Number(await status.getAttribute('data-hotspots-requests'));
    const asked = page.waitForRequest(
      (r) => r.url() === hub.url && r.method() === 'POST' && (r.postData() ?? '').includes('hotspots('),
    );
    await page.fill('#from', '2018-11');
    await page.dispatchEvent('#from', 'change');
    const request = await asked;
    expect(JSON.parse(request.postData() as string).variables.input).toMatchObject({ from: '2018-11', to: '2018-12' });
    await page.waitForSelector('#status[data-hotspots-period="2018-11/2018-12"]');
    expect(Number(await status.getAttribute('data-hotspots-requests'))).toBe(before + 1);
    expect((await drawn(page, 'hotspot-fill', 'id')).length).toBeGreaterThan(0);
  });

  it('shows the police neighbourhoods, outlined and labelled, when they are switched on', async () => {
    const { policeNeighbourhoods } = await graphql(hub, '{ policeNeighbourhoods { code } }');
    const codes = policeNeighbourhoods.map((n: { code: string }) => n.code).sort();
    expect(await drawn(page, 'police-outline', 'code')).toEqual([]);
    await page.check('#show-police');
    await page
      .waitForFunction(
        (n) => globalThis.hubMap.queryRenderedFeatures({ layers: ['police-outline'] }).length >= n,
        codes.length,
      )
      .catch(() => undefined);
    expect((await drawn(page, 'police-outline', 'code')).sort()).toEqual(codes);
    expect(await page.locator('.police-label:visible').count()).toBe(codes.length);
  });

  it('outlines problems across boundaries, with their parties and proposed lead, once given an analyst key', async () => {
    expect(await page.textContent('#cross-summary')).toMatch(/analyst key/);
    const { crossBoundaryIssues } = await graphql(
      hub,
      '{ crossBoundaryIssues(input: { from: "2018-11", to: "2018-12" }, level: WARD) { lead { name } } }',
      analyst.key,
    );
    await page.click('#key-details summary');
    await page.fill('#api-key', analyst.key);
    await page.click('#key-form button[type="submit"]');
    await page.waitForSelector('#status[data-cross-boundary-issues]');
    expect(Number(await page.getAttribute('#status', 'data-cross-boundary-issues'))).toBe(crossBoundaryIssues.length);
    const listed = await page.locator('#cross-list li').allTextContents();
    expect(listed).toHaveLength(crossBoundaryIssues.length);
    listed.forEach((text, i) => expect(text).toContain(`proposed lead ${crossBoundaryIssues[i].lead.name}`));
    if (crossBoundaryIssues.length > 0) {
      expect((await drawn(page, 'cross-boundary-outline', 'rank')).length).toBeGreaterThan(0);
    }
  });

  it("opens the ward panel with the ward's name and figures when a ward is clicked", async () => {
    const [code] = [...current.wards.keys()];
    await clickWard(page, code);
    expect(await page.getAttribute('#ward-panel', 'data-ward-code')).toBe(code);
    expect(await page.textContent('#ward-name')).toBe(current.names.get(code));
    expect(await page.locator('#ward-chart rect').count()).toBe(12);
    expect(await page.textContent('#ward-figures')).toMatch(/Population \(mid-2020\)/);
    await page.screenshot({ path: path.join(OUTPUT, 'map.png') });
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
  });

  it('says "fewer than 5" where the hub withholds a small count from a public caller', async () => {
    // A ward and category whose year the hub withholds from the public (1 to 4 incidents).
    const { categories } = await graphql(hub, '{ categories { slug } }');
    let small: { slug: string; code: string } | undefined;
    for (const { slug } of categories as { slug: string }[]) {
      const { wards } = await graphql(
        hub,
        `{ wards { code stats(from: "2018-01", to: "2018-12", categories: ["${slug}"]) { total } } }`,
      );
      const ward = (wards as { code: string; stats: { total: number | null } }[]).find((w) => w.stats.total === null);
      if (ward) {
        small = { slug, code: ward.code };
        break;
      }
    }
    expect(small).toBeDefined();
    const { slug, code } = small!;
    await page.click('#forget-key');
    const before = Number(await page.getAttribute('#status', 'data-hotspots-requests'));
    await page.selectOption('#categories', [slug]);
    await page.dispatchEvent('#categories', 'change');
    // The change is acted on after a pause (hot spots and the open panel are asked again); click after it.
    await page.waitForSelector(`#status[data-hotspots-requests="${before + 1}"]`);
    await clickWard(page, code);
    expect(await page.textContent('#ward-name')).toBe(current.names.get(code));
    expect(await page.textContent('#ward-figures')).toMatch(/\(categories chosen\)fewer than 5/);
    expect(await page.locator('#ward-chart rect.withheld').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('the map page over a configured basemap', () => {
  let styles: http.Server;
  let hub: Hub;
  let browser: Browser;
  let opened: { page: Page; elsewhere: string[]; problems: string[] };
  const asked: string[] = [];

  beforeAll(async () => {
    // A basemap server of our own on another origin: one style with a background layer.
    styles = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url !== '/style.json') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(
        JSON.stringify({
          version: 8,
          sources: {},
          layers: [{ id: 'basemap-background', type: 'background', paint: { 'background-color': '#dfe8ef' } }],
        }),
      );
    });
    await new Promise<void>((resolve) => styles.listen(0, '127.0.0.1', resolve));
    const styleOrigin = `http://127.0.0.1:${(styles.address() as AddressInfo).port}`;
    hub = await startHub({
      ...readConfig({ MAP_BASEMAP_STYLE_URL: `${styleOrigin}/style.json` }),
      port: 0,
      databaseUrl: testDatabaseUrl(),
    });
    await hub.ready;
    const origin = new URL(hub.url).origin;
    browser = await launchChromium();
    opened = await openMap(browser, origin, [origin, styleOrigin]);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await new Promise((resolve) => styles?.close(resolve));
  });

  it("draws the hub's layers over the basemap, asking the basemap's origin for its style only", async () => {
    const { page, elsewhere, problems } = opened;
    expect(await page.textContent('#status')).toBe('Ready. Click a ward for its figures.');
    const layers = await page.evaluate(() =>
      (globalThis.hubMap as unknown as { getStyle(): { layers: { id: string }[] } }).getStyle().layers.map((l) => l.id),
    );
    expect(layers[0]).toBe('basemap-background');
    expect(layers).toEqual(expect.arrayContaining(['ward-fill', 'ward-outline', 'hotspot-fill']));
    await page
      .waitForFunction(
        (n) =>
          new Set(globalThis.hubMap.queryRenderedFeatures({ layers: ['ward-outline'] }).map((f) => f.properties.code))
            .size === n,
        current.wards.size,
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    expect((await drawn(page, 'ward-outline', 'code')).length).toBe(current.wards.size);
    expect(asked).toEqual(['/style.json']);
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
