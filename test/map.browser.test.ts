import fs from 'node:fs';
import path from 'node:path';

import * as turf from '@turf/turf';
import { type Browser, chromium, type Page } from 'playwright-core';

import { ApiKeysService } from '../src/auth/api-keys';
import { readConfig } from '../src/config';
import type { OpenDatabase } from '../src/db/database';
import { type Hub, startHub } from '../src/hub';
import { PROJECT_ROOT } from '../src/paths';

import { wardSetFiles } from './helpers/boundary-sets';
import { testDatabaseUrl } from './helpers/database';

// The map page in a real browser: Debian's Chromium, driven by playwright-core, drawing WebGL
// through SwiftShader (no GPU), on a hub over the run's database (the embedded one unless
// DATABASE_URL names a server). Every request to anywhere but the hub is blocked and recorded,
// so the test also shows that the page works with no internet.

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
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

describe('the map page in headless Chromium', () => {
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let analyst: { id: number; key: string };
  const elsewhere: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH`,
      );
    }
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
    analyst = await new ApiKeysService((hub.database() as OpenDatabase).db).create(
      'map browser test',
      'analyst',
      'jest',
    );
    origin = new URL(hub.url).origin;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
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
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        return route.continue();
      }
      elsewhere.push(url);
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(`console: ${message.text()}`);
      }
    });
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.goto(`${origin}/`);
    await page.waitForSelector('#status[data-state="ready"], #status[data-state="error"]', { timeout: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (analyst) {
      await (hub.database() as OpenDatabase).db.query('DELETE FROM api_key WHERE id = $1', [analyst.id]);
    }
    await hub?.stop();
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
    const [code, outline] = [...current.wards][0];
    const [lon, lat] = turf.pointOnFeature(outline).geometry.coordinates;
    const point = await page.evaluate(([x, y]) => globalThis.hubMap.project([x, y]), [lon, lat] as [number, number]);
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForSelector('#ward-panel[data-state="ready"]');
    expect(await page.getAttribute('#ward-panel', 'data-ward-code')).toBe(code);
    expect(await page.textContent('#ward-name')).toBe(current.names.get(code));
    expect(await page.locator('#ward-chart rect').count()).toBe(12);
    expect(await page.textContent('#ward-figures')).toMatch(/Population \(mid-2020\)/);
    await page.screenshot({ path: path.join(OUTPUT, 'map.png') });
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
