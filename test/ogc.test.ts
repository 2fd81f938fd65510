import * as turf from '@turf/turf';
import type { Feature, Geometry, Position } from 'geojson';

import { ApiKeysService } from '../src/auth/api-keys';
import { readConfig } from '../src/config';
import { type Hub, startHub } from '../src/hub';

import { unitAt, wardSetFiles } from './helpers/boundary-sets';
import { connectTestDatabase, holdTodaysIncidentsLock, testDatabaseUrl } from './helpers/database';

// OGC API - Features - Part 1: Core at /ogc, checked against the members the standard requires
// (its OpenAPI building blocks: landingPage, confClasses, collections, collection,
// featureCollectionGeoJSON, featureGeoJSON, exception) and against values found independently
// (the shipped ward files, the GraphQL API of the same hub).

const [, current] = wardSetFiles();
const CATHEDRAL: Position = [-1.4776, 52.9254];
const CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core';
const GEOJSON = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson';
const OAS30 = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

interface Answer {
  status: number;
  type: string;
  body: any;
}

// ---- A small validator for the members the standard requires (no schema library needed). ----

/** Problems with a link object (link.yaml: href and rel required; type where the standard asks). */
function linkProblems(l: any, where: string, needType = true): string[] {
  const out: string[] = [];
  if (typeof l?.href !== 'string' || !/^https?:\/\//.test(l.href)) {
    out.push(`${where}: href must be an absolute URL, got ${JSON.stringify(l?.href)}`);
  }
  if (typeof l?.rel !== 'string') {
    out.push(`${where}: rel is required`);
  }
  if (needType && typeof l?.type !== 'string') {
    out.push(`${where}: type is required`);
  }
  return out;
}

function linksProblems(links: any, where: string): string[] {
  if (!Array.isArray(links)) {
    return [`${where}: links must be an array`];
  }
  return links.flatMap((l, i) => linkProblems(l, `${where}.links[${i}]`));
}

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** collection.yaml and extent.yaml: id and links required; extent's bbox 4 numbers, CRS84, min <= max. */
function collectionProblems(c: any): string[] {
  const where = `collection ${c?.id}`;
  const out: string[] = [];
  if (typeof c?.id !== 'string') {
    out.push('collection: id is required');
  }
  out.push(...linksProblems(c?.links, where));
  if (!c?.links?.some((l: any) => l.rel === 'items' && l.type === 'application/geo+json')) {
    out.push(`${where}: needs an items link of type application/geo+json (/req/core/fc-md-items-links)`);
  }
  for (const key of ['title', 'description']) {
    if (typeof c?.[key] !== 'string') {
      out.push(`${where}: ${key} must be a string`);
    }
  }
  const bbox = c?.extent?.spatial?.bbox;
  if (
    !Array.isArray(bbox) ||
    bbox.length < 1 ||
    !bbox.every((b: any) => Array.isArray(b) && b.length === 4 && b.every(isNumber))
  ) {
    out.push(`${where}: extent.spatial.bbox must be a list of [west, south, east, north]`);
  } else if (!(bbox[0][0] <= bbox[0][2] && bbox[0][1] <= bbox[0][3])) {
    out.push(`${where}: extent.spatial.bbox is inverted`);
  }
  if (c?.extent?.spatial?.crs !== CRS84) {
    out.push(`${where}: extent.spatial.crs must be CRS84`);
  }
  if (!Array.isArray(c?.crs) || c.crs[0] !== CRS84) {
    out.push(`${where}: crs must list CRS84 first`);
  }
  const interval = c?.extent?.temporal?.interval;
  if (interval !== undefined) {
    const ok =
      Array.isArray(interval) &&
      interval.every(
        (i: any) =>
          Array.isArray(i) && i.length === 2 && i.every((t: any) => t === null || !Number.isNaN(Date.parse(t))),
      );
    if (!ok) {
      out.push(`${where}: extent.temporal.interval must be a list of [start, end] date-times or nulls`);
    }
  }
  return out;
}

/** Positions of a geometry, each checked as RFC 7946 lon/lat; rings closed with 4 positions or more. */
function geometryProblems(g: Geometry | null, where: string): string[] {
  if (g === null) {
    return [];
  }
  const out: string[] = [];
  const position = (p: Position) => {
    if (p.length < 2 || !p.every(isNumber) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      out.push(`${where}: position ${JSON.stringify(p)} is not lon, lat`);
    }
  };
  const ring = (r: Position[], exterior: boolean) => {
    r.forEach(position);
    if (r.length < 4 || r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1]) {
      out.push(`${where}: a ring must be closed with 4 positions or more`);
    } else if (turf.booleanClockwise(r) === exterior) {
      out.push(`${where}: ${exterior ? 'exterior rings counter-clockwise' : 'holes clockwise'} (RFC 7946 3.1.6)`);
    }
  };
  switch (g.type) {
    case 'Point':
      position(g.coordinates);
      break;
    case 'Polygon':
      g.coordinates.forEach((r, i) => ring(r, i === 0));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((poly) => poly.forEach((r, i) => ring(r, i === 0)));
      break;
    default:
      out.push(`${where}: unexpected geometry type ${g.type}`);
  }
  return out;
}

/** featureGeoJSON.yaml: type Feature, geometry and properties present; the hub also promises an id. */
function featureProblems(f: any, where: string): string[] {
  const out: string[] = [];
  if (f?.type !== 'Feature') {
    out.push(`${where}: type must be Feature`);
  }
  if (!('geometry' in (f ?? {})) || !('properties' in (f ?? {}))) {
    out.push(`${where}: geometry and properties are required`);
  }
  if (typeof f?.id !== 'string' && typeof f?.id !== 'number') {
    out.push(`${where}: id must be a string or a number`);
  }
  return [...out, ...geometryProblems(f?.geometry ?? null, where)];
}

/** featureCollectionGeoJSON.yaml plus the Core's links, timeStamp and counts (/req/core/fc-*). */
function itemsProblems(body: any): string[] {
  const out: string[] = [];
  if (body?.type !== 'FeatureCollection' || !Array.isArray(body?.features)) {
    return ['items: type FeatureCollection and features are required'];
  }
  out.push(...linksProblems(body.links, 'items'));
  if (!body.links.some((l: any) => l.rel === 'self')) {
    out.push('items: a self link is required');
  }
  if (Number.isNaN(Date.parse(body.timeStamp))) {
    out.push('items: timeStamp must be a date-time');
  }
  if (!Number.isInteger(body.numberMatched) || body.numberMatched < 0) {
    out.push('items: numberMatched must be an integer >= 0');
  }
  if (body.numberReturned !== body.features.length) {
    out.push('items: numberReturned must equal the features returned');
  }
  body.features.forEach((f: any, i: number) => out.push(...featureProblems(f, `features[${i}]`)));
  return out;
}

/** exception.yaml (Part 1 1.0): code required, description a string. */
function expectException(answer: Answer, status: number, description: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/json/);
  expect(Object.keys(answer.body).sort()).toEqual(['code', 'description']);
  expect(typeof answer.body.code).toBe('string');
  expect(answer.body.description).toMatch(description);
}

// ---- The tests ----

describe('OGC API Features at /ogc', () => {
  let hub: Hub;
  let origin: string;
  let analyst: Record<string, string>;
  let officer: Record<string, string>;
  const keyIds: number[] = [];

  const get = async (route: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(route.startsWith('http') ? route : `${origin}${route}`, { headers });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json() };
  };
  const graphql = async (query: string, headers: Record<string, string>) => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as any;
  };
  /** Every page of an items request, following next links, with the numberMatched each page gave. */
  const allPages = async (route: string, headers: Record<string, string> = {}) => {
    const pages: any[] = [];
    let next: string | undefined = route;
    while (next) {
      const page = await get(next, headers);
      expect(page.status).toBe(200);
      expect(itemsProblems(page.body)).toEqual([]);
      pages.push(page.body);
      next = page.body.links.find((l: any) => l.rel === 'next')?.href;
      expect(pages.length).toBeLessThan(50);
    }
    return pages;
  };

  beforeAll(async () => {
    // Behind a proxy on this machine: links follow X-Forwarded-* only because trust proxy says so.
    hub = await startHub({ ...readConfig({ TRUST_PROXY: 'loopback' }), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
    origin = new URL(hub.url).origin;
    const { dataSource, db } = await connectTestDatabase();
    try {
      const keys = new ApiKeysService(db);
      const a = await keys.create('ogc test analyst', 'analyst', 'jest');
      const o = await keys.create('ogc test officer', 'officer', 'jest');
      keyIds.push(a.id, o.id);
      analyst = { 'x-api-key': a.key };
      officer = { authorization: `Bearer ${o.key}` };
    } finally {
      await dataSource.destroy();
    }
  });

  afterAll(async () => {
    const { dataSource, db } = await connectTestDatabase();
    try {
      for (const id of keyIds) {
        await new ApiKeysService(db).revoke(id);
      }
    } finally {
      await dataSource.destroy();
    }
    await hub.stop();
  });

  describe('capabilities', () => {
    it('answers the landing page with absolute links to the API definition, conformance and collections', async () => {
      const landing = await get('/ogc');
      expect(landing.status).toBe(200);
      expect(landing.type).toMatch(/^application\/json/);
      expect(linksProblems(landing.body.links, 'landing')).toEqual([]);
      const rel = (r: string) => landing.body.links.find((l: any) => l.rel === r);
      expect(rel('self').href).toBe(`${origin}/ogc`);
      expect(rel('service-desc')).toMatchObject({
        href: `${origin}/ogc/api`,
        type: 'application/vnd.oai.openapi+json;version=3.0',
      });
      expect(rel('conformance')).toMatchObject({ href: `${origin}/ogc/conformance`, type: 'application/json' });
      expect(rel('data')).toMatchObject({ href: `${origin}/ogc/collections`, type: 'application/json' });
      // The trailing slash and ?f=json answer the same document.
      expect((await get('/ogc/?f=json')).body).toEqual(landing.body);
    });

    it('builds links from the forwarded scheme and host when trust proxy allows', async () => {
      const landing = await get('/ogc', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'maps.example.org' });
      expect(landing.body.links.find((l: any) => l.rel === 'data').href).toBe(
        'https://maps.example.org/ogc/collections',
      );
    });

    it('declares core, GeoJSON and OpenAPI 3.0 conformance, and not HTML', async () => {
      const conformance = await get('/ogc/conformance');
      expect(conformance.status).toBe(200);
      expect(conformance.body.conformsTo.sort()).toEqual([CORE, GEOJSON, OAS30].sort());
    });

    it('serves an OpenAPI 3.0 definition with the limit QGIS reads and every collection`s property filters', async () => {
      const api = await get('/ogc/api', {
        accept: 'application/vnd.oai.openapi+json;version=3.0, application/openapi+json;version=3.0, application/json',
      });
      expect(api.status).toBe(200);
      expect(api.type).toMatch(/^application\/vnd\.oai\.openapi\+json/);
      expect(api.body.openapi).toMatch(/^3\.0\.\d+$/);
      expect(api.body.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      expect(api.body.servers[0].url).toBe(`${origin}/ogc`);
      expect(api.body.components.parameters.limit.schema).toMatchObject({ maximum: 1000, default: 100, minimum: 1 });
      const wards = api.body.paths['/collections/wards/items'].get.parameters;
      const areaCode = wards.find((p: any) => p.name === 'area_code');
      expect(areaCode).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'string' } });
      for (const path of ['/', '/conformance', '/api', '/collections', '/collections/{collectionId}']) {
        expect(api.body.paths[path].get.responses['200']).toBeDefined();
      }
      // Every $ref points at something the document holds.
      const refs = JSON.stringify(api.body).match(/"\$ref":"#\/[^"]+"/g) ?? [];
      for (const ref of refs) {
        const target = ref.slice(10, -1).split('/');
        expect(target.reduce((node: any, key) => node?.[key], api.body)).toBeDefined();
      }
    });
  });

  describe('collections', () => {
    it('lists the geography to public callers, each with the members the standard requires, and incidents only to analysts', async () => {
      const open = await get('/ogc/collections');
      expect(open.status).toBe(200);
      expect(linksProblems(open.body.links, 'collections')).toEqual([]);
      expect(open.body.collections.map((c: any) => c.id)).toEqual(['wards', 'areas', 'lsoas', 'police-neighbourhoods']);
      expect(open.body.collections.flatMap(collectionProblems)).toEqual([]);
      const withKey = await get('/ogc/collections', analyst);
      const incidents = withKey.body.collections.find((c: any) => c.id === 'incidents');
      expect(collectionProblems(incidents)).toEqual([]);
      // The real month the hub ships, December 2018, lies within the temporal extent.
      const [[start, end]] = incidents.extent.temporal.interval;
      expect(Date.parse(start)).toBeLessThanOrEqual(Date.parse('2018-12-01T00:00:00Z'));
      expect(Date.parse(end)).toBeGreaterThanOrEqual(Date.parse('2018-12-31T23:59:59Z'));
    });

    it('describes one collection as the list does, and 404s an unknown one in the OGC exception shape', async () => {
      const list = await get('/ogc/collections');
      const wards = await get('/ogc/collections/wards');
      expect(wards.status).toBe(200);
      expect(wards.body).toEqual(list.body.collections[0]);
      expectException(
        await get('/ogc/collections/parishes'),
        404,
        /no collection "parishes"; the collections are wards, /,
      );
    });

    it('gives each collection a spatial extent holding all its features', async () => {
      const list = await get('/ogc/collections');
      for (const c of list.body.collections) {
        const [west, south, east, north] = c.extent.spatial.bbox[0];
        const [page] = await allPages(`/ogc/collections/${c.id}/items?limit=1000`);
        const [w, s, e, n] = turf.bbox(page);
        expect([w >= west, s >= south, e <= east, n <= north]).toEqual([true, true, true, true]);
      }
    });
  });

  describe('items', () => {
    it("returns today's wards, as many as the shipped current ward file holds, valid RFC 7946", async () => {
      const wards = await get('/ogc/collections/wards/items');
      expect(wards.status).toBe(200);
      expect(wards.type).toMatch(/^application\/geo\+json/);
      expect(itemsProblems(wards.body)).toEqual([]);
      expect(wards.body.numberMatched).toBe(current.wards.size);
      expect(wards.body.features.map((f: any) => f.id).sort()).toEqual([...current.wards.keys()].sort());
      const arboretum = wards.body.features.find((f: any) => f.id === unitAt(current.wards, CATHEDRAL));
      expect(arboretum.properties).toMatchObject({
        name: current.names.get(arboretum.id),
        boundary_set: 'ons-wards-2023',
        valid_to: null,
      });
      // Both sets: ?boundarySet= reads the 2013 wards.
      const earlier = await get('/ogc/collections/wards/items?boundarySet=ons-wards-2013');
      expect(earlier.body.numberMatched).toBe(wardSetFiles()[0].wards.size);
    });

    it('pages by limit and offset: next links reach every feature once, numberMatched stays the same', async () => {
      const pages = await allPages('/ogc/collections/lsoas/items?limit=40');
      const ids = pages.flatMap((p) => p.features.map((f: any) => f.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(pages.map((p) => p.numberMatched))).toEqual(new Set([ids.length]));
      expect(pages.length).toBe(Math.ceil(ids.length / 40));
      expect(pages[0].links.some((l: any) => l.rel === 'prev')).toBe(false);
      expect(pages[1].links.find((l: any) => l.rel === 'prev').href).toMatch(/offset=0/);
      // The current LSOA set: the 2011 LSOAs less E01013479, plus its two successors.
      expect(ids).toContain('E01034256');
      expect(ids).not.toContain('E01013479');
      const second = await get('/ogc/collections/lsoas/items?limit=40&offset=40');
      expect(second.body.features).toEqual(pages[1].features);
    });

    it('returns only the features that intersect a bbox, and none for a bbox away from Derby', async () => {
      const box = [-1.49, 52.915, -1.47, 52.93];
      const answer = await get(`/ogc/collections/wards/items?bbox=${box.join(',')}`);
      expect(itemsProblems(answer.body)).toEqual([]);
      const square = turf.bboxPolygon(box as [number, number, number, number]);
      for (const f of answer.body.features) {
        expect(turf.booleanIntersects(f as Feature, square)).toBe(true);
      }
      const expected = [...current.wards].filter(([, f]) => turf.booleanIntersects(f, square)).map(([code]) => code);
      expect(answer.body.features.map((f: any) => f.id).sort()).toEqual(expected.sort());
      expect(answer.body.features.map((f: any) => f.id)).toContain(unitAt(current.wards, CATHEDRAL));
      // Six numbers carry heights, which flat geometries ignore.
      const withHeights = await get(
        `/ogc/collections/wards/items?bbox=${[box[0], box[1], 0, box[2], box[3], 100].join(',')}`,
      );
      expect(withHeights.body.features.map((f: any) => f.id)).toEqual(answer.body.features.map((f: any) => f.id));
      const london = await get('/ogc/collections/lsoas/items?bbox=-0.2,51.45,-0.05,51.55');
      expect(london.body).toMatchObject({ numberMatched: 0, numberReturned: 0, features: [] });
    });

    it('filters by the collection`s properties', async () => {
      const north = await get('/ogc/collections/wards/items?area_code=north');
      const areas = await graphql('{ areas { code wards { code } } }', {});
      const northWards = areas.data.areas.find((a: any) => a.code === 'NORTH').wards.map((w: any) => w.code);
      expect(north.body.features.map((f: any) => f.id).sort()).toEqual(northWards.sort());
      expect(north.body.features.every((f: any) => f.properties.area_code === 'NORTH')).toBe(true);
      const area = await get('/ogc/collections/areas/items?code=NORTH');
      expect(area.body.features.map((f: any) => f.id)).toEqual(['NORTH']);
      expect(area.body.features[0].properties.ward_count).toBe(northWards.length);
      const ward = [...current.wards.keys()][0];
      const lsoas = await get(`/ogc/collections/lsoas/items?ward_code=${ward}&limit=1000`);
      expect(lsoas.body.numberMatched).toBeGreaterThan(0);
      expect(lsoas.body.features.every((f: any) => f.properties.ward_code === ward)).toBe(true);
      expect(lsoas.body.features.every((f: any) => Number.isInteger(f.properties.population))).toBe(true);
    });

    it('returns one feature by id equal to the one in the list, and 404s a missing one', async () => {
      const list = await get('/ogc/collections/police-neighbourhoods/items');
      const first = list.body.features[0];
      const one = await get(`/ogc/collections/police-neighbourhoods/items/${encodeURIComponent(first.id)}`);
      expect(one.status).toBe(200);
      expect(featureProblems(one.body, 'item')).toEqual([]);
      const { links, ...rest } = one.body;
      expect(rest).toEqual(first);
      expect(links.map((l: any) => l.rel).sort()).toEqual(['collection', 'self']);
      expect(linksProblems(links, 'item')).toEqual([]);
      const ward = await get(`/ogc/collections/wards/items/${unitAt(current.wards, CATHEDRAL)}`);
      expect(ward.body.properties.name).toBe(current.names.get(unitAt(current.wards, CATHEDRAL) as string));
      expectException(
        await get('/ogc/collections/wards/items/E05999999'),
        404,
        /collection wards has no feature "E05999999"/,
      );
      expectException(await get('/ogc/collections/incidents/items/not-a-number', analyst), 404, /has no feature/);
    });
  });

  describe('incidents', () => {
    it('refuses public callers as the GraphQL incidents query does, and bad credentials, in the OGC shape', async () => {
      for (const route of [
        '/ogc/collections/incidents',
        '/ogc/collections/incidents/items',
        '/ogc/collections/incidents/items/1',
      ]) {
        expectException(await get(route), 401, /the incidents collection needs the analyst role or above/);
      }
      const wrong = await get('/ogc/collections/wards/items', { authorization: 'Bearer nhk_wrong' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('UNAUTHENTICATED');
      expect(typeof wrong.body.description).toBe('string');
    });

    it('filters by datetime on the month, as the GraphQL filter by months counts', async () => {
      const count = async (filter: string) =>
        (await graphql(`{ incidents(filter: { ${filter} }, first: 1) { totalCount } }`, analyst)).data.incidents
          .totalCount;
      const december = await count('from: "2018-12", to: "2018-12"');
      expect(december).toBeGreaterThanOrEqual(2710);
      for (const datetime of [
        '2018-12-01T00:00:00Z/2018-12-31T23:59:59Z',
        '2018-12-15T12:00:00Z',
        '2018-12-10',
        '2018-11-30T23:00:00-01:00/2018-12-31T23:59:59.999Z',
      ]) {
        const answer = await get(
          `/ogc/collections/incidents/items?datetime=${encodeURIComponent(datetime)}&limit=5`,
          analyst,
        );
        expect(itemsProblems(answer.body)).toEqual([]);
        expect([datetime, answer.body.numberMatched]).toEqual([datetime, december]);
        expect(answer.body.features.every((f: any) => f.properties.month === '2018-12')).toBe(true);
      }
      const before = await get('/ogc/collections/incidents/items?datetime=../2018-11-30T23:59:59Z', analyst);
      expect(before.body.numberMatched).toBe(await count('to: "2018-11"'));
      const after = await get('/ogc/collections/incidents/items?datetime=2019-01-01T00:00:00Z/', analyst);
      expect(after.body.numberMatched).toBe(await count('from: "2019-01"'));
      // Collections without time match every feature (/req/core/fc-time-response C).
      const wards = await get('/ogc/collections/wards/items?datetime=1999-01-01T00:00:00Z');
      expect(wards.body.numberMatched).toBe(current.wards.size);
    });

    it('filters by category as the GraphQL incidents query does, and pages through the result', async () => {
      const burglary = await get('/ogc/collections/incidents/items?category=burglary&limit=1000', analyst);
      const total = (
        await graphql('{ incidents(filter: { categories: ["burglary"] }, first: 1) { totalCount } }', analyst)
      ).data.incidents.totalCount;
      expect(burglary.body.numberMatched).toBe(total);
      expect(total).toBeGreaterThan(0);
      expect(burglary.body.features.every((f: any) => f.properties.category === 'burglary')).toBe(true);
      const pages = await allPages('/ogc/collections/incidents/items?category=burglary&limit=100', analyst);
      const ids = pages.flatMap((p) => p.features.map((f: any) => f.id));
      expect(ids.length).toBe(total);
      expect(new Set(ids).size).toBe(total);
    });

    it('shows a street-scene report at its published point to analysts and at its exact point, with what the resident wrote, only to officers', async () => {
      const exact = [-1.47762, 52.92538];
      const releaseTodaysIncidents = await holdTodaysIncidentsLock('shared');
      const reported = await graphql(
        `mutation { reportIssue(input: { category: "fly-tipping", lon: ${exact[0]}, lat: ${exact[1]}, description: "sofa by the ogc test" }) { id } }`,
        officer,
      );
      const id = reported.data.reportIssue.id;
      try {
        const seen = await get(`/ogc/collections/incidents/items/${id}`, analyst);
        expect(seen.status).toBe(200);
        expect(seen.body.geometry.coordinates).not.toEqual(exact);
        expect(turf.distance(seen.body.geometry.coordinates, exact, { units: 'metres' })).toBeLessThan(75);
        expect(seen.body.properties).not.toHaveProperty('description');
        expect(seen.body.properties).not.toHaveProperty('occurred_at');
        const full = await get(`/ogc/collections/incidents/items/${id}`, officer);
        expect(full.body.geometry.coordinates).toEqual(exact);
        expect(full.body.properties).toMatchObject({ description: 'sofa by the ogc test', status: 'open' });
        // A small box around the exact point does not find it for an analyst (published point elsewhere).
        const tiny = [exact[0] - 0.00001, exact[1] - 0.00001, exact[0] + 0.00001, exact[1] + 0.00001].join(',');
        const boxed = await get(`/ogc/collections/incidents/items?bbox=${tiny}`, analyst);
        expect(boxed.body.features.map((f: any) => f.id)).not.toContain(id);
        const boxedOfficer = await get(`/ogc/collections/incidents/items?bbox=${tiny}`, officer);
        expect(boxedOfficer.body.features.map((f: any) => f.id)).toContain(id);
      } finally {
        const { dataSource, db } = await connectTestDatabase();
        try {
          await db.query('DELETE FROM incident WHERE id = $1', [id]);
        } finally {
          await dataSource.destroy();
          await releaseTodaysIncidents();
        }
      }
    });
  });

  describe('bad input', () => {
    it('refuses malformed or out-of-range bbox, datetime, limit and offset with 400 saying why', async () => {
      const cases: [string, RegExp][] = [
        ['bbox=1,2,3', /bbox must be four numbers west,south,east,north/],
        ['bbox=a,b,c,d', /bbox must be four numbers/],
        ['bbox=-1.5,95,-1.4,96', /bbox south must be from -90 to 90/],
        [
          'bbox=-1.5,52.9,-1.4,91',
          /bbox north must be from -90 to 90 \(CRS84 latitude\), got 91; longitude comes first/,
        ],
        ['bbox=200,52,201,53', /bbox west must be from -180 to 180/],
        ['bbox=-1.4,52.9,-1.5,53', /west <= east/],
        ['datetime=yesterday', /datetime must be an RFC 3339 date-time/],
        ['datetime=2018-02-30T00:00:00Z', /datetime must be an RFC 3339 date-time/],
        ['datetime=../..', /at least one end/],
        ['datetime=2019-01-01T00:00:00Z/2018-01-01T00:00:00Z', /ends before it starts/],
        ['limit=1001', /limit must be a whole number from 1 to 1000, got "1001"/],
        ['limit=0', /limit must be a whole number from 1 to 1000/],
        ['limit=ten', /limit must be a whole number/],
        ['offset=-1', /offset must be a whole number from 0/],
        ['limit=5&limit=6', /limit must be given once/],
        [
          'colour=red',
          /unknown query parameter "colour"; this endpoint takes "f", "limit", "offset", "bbox", "datetime"/,
        ],
        ['category=burglary', /unknown query parameter "category"/],
        ['boundarySet=ons-wards-1999', /boundarySet must name a ward boundary set the hub holds/],
        ['f=html', /f must be "json" or "geojson" here/],
      ];
      for (const [query, description] of cases) {
        const answer = await get(`/ogc/collections/wards/items?${query}`);
        expect([query, answer.status]).toEqual([query, 400]);
        expectException(answer, 400, description);
      }
      expectException(
        await get('/ogc/conformance?limit=5'),
        400,
        /unknown query parameter "limit"; this endpoint takes "f"/,
      );
    });

    it('answers 406 when Accept allows no format the resource has, and JSON for a browser', async () => {
      expectException(
        await get('/ogc/collections/wards/items', { accept: 'text/html' }),
        406,
        /available as application\/geo\+json or application\/json/,
      );
      const browser = await get('/ogc/collections', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
      expect(browser.status).toBe(200);
      expect(browser.type).toMatch(/^application\/json/);
    });

    it("spends the caller's rate-limit points by the features a page returns, and refuses in the OGC shape once they are spent", async () => {
      // 18 wards at 8 points and 10 for the request: 154 of a budget of 200 a minute.
      const small = await startHub({
        ...readConfig({ RATE_LIMITS: 'public=200' }),
        port: 0,
        databaseUrl: testDatabaseUrl(),
      });
      try {
        await small.ready;
        const route = `${new URL(small.url).origin}/ogc/collections/wards/items?limit=1000`;
        const first = await fetch(route);
        expect(first.status).toBe(200);
        let refused: Response | undefined;
        for (let i = 0; i < 3 && !refused; i += 1) {
          const next = await fetch(route);
          refused = next.status === 429 ? next : undefined;
        }
        expect(refused).toBeDefined();
        expect(Number((refused as Response).headers.get('retry-after'))).toBeGreaterThan(0);
        const body = (await (refused as Response).json()) as any;
        expect(body).toEqual({ code: 'RATE_LIMITED', description: expect.stringMatching(/try again in \d+ s/) });
      } finally {
        await small.stop();
      }
    });

    it('answers unknown routes and other methods under /ogc in the OGC shape', async () => {
      expectException(await get('/ogc/tiles'), 404, /no such resource/);
      const post = await fetch(`${origin}/ogc/collections`, { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
    });
  });
});
