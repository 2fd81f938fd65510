import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Point } from 'geojson';
import { Client } from 'pg';

import { createDataSource } from '../src/db/data-source';
import { typeormDb } from '../src/db/db';
import { ImportRefusedError } from '../src/ingest/import-refused';
import { demoLayer } from '../src/ingest/police-neighbourhoods/demo-layer';
import { importNeighbourhoods } from '../src/ingest/police-neighbourhoods/import-neighbourhoods';

import { countingDb, inIsolation, testDatabaseUrl } from './helpers/database';
import { GEODATA, geojson } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

// The ward codes of each shipped set, from the files the hub loads.
const WARDS_2013 = geojson('derby-wards-2013.geojson').features.map((f) => f.properties?.WD13CD as string);
const WARDS_2023 = geojson('derby-wards-2023.geojson').features.map((f) => f.properties?.WD23CD as string);

const suite = graphqlSuite(async (db) => {
  await db.query(`DELETE FROM police_neighbourhood_layer WHERE force LIKE 'test-%'`);
});

function file(name: string, text: string): string {
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-snt-')), name);
  fs.writeFileSync(p, text);
  return p;
}

// Test layers lie far from Derby (around 55.9° N, 3.5° W), so importing them, which re-assigns
// incidents to the current neighbourhoods of every force, never moves Derby's incidents.
// A small square as data.police.uk's boundary JSON: strings, ring left open.
const policeJson = JSON.stringify(
  [
    [-3.48, 55.92],
    [-3.47, 55.92],
    [-3.47, 55.93],
    [-3.48, 55.93],
  ].map(([lon, lat]) => ({ latitude: String(lat), longitude: String(lon) })),
);

// A bow-tie (self-intersecting) ring in KML.
const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>SN-99</name>
<Polygon><outerBoundaryIs><LinearRing><coordinates>
-3.50,55.90,0 -3.49,55.91,0 -3.49,55.90,0 -3.50,55.91,0 -3.50,55.90,0
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`;

const geojsonLayer = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'SN-01', name: 'Mackworth and Morley' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-3.53, 55.92],
            [-3.51, 55.92],
            [-3.51, 55.94],
            [-3.53, 55.94],
            [-3.53, 55.92],
          ],
        ],
      },
    },
  ],
});

async function layers(force: string): Promise<{ current: number; all: number }> {
  const [row] = await suite.db.query<{ current: number; all: number }>(
    `SELECT count(*) FILTER (WHERE is_current)::int AS current, count(*)::int AS "all" FROM police_neighbourhood_layer WHERE force = $1`,
    [force],
  );
  return row;
}

describe('importing police neighbourhood boundaries', () => {
  it('reads data.police.uk JSON (closing an open ring), KML (repairing a bow-tie) and GeoJSON into one layer', async () => {
    const result = await importNeighbourhoods(
      suite.dataSource,
      [file('SN-07.json', policeJson), file('boundaries.kml', kml), file('layer.geojson', geojsonLayer)],
      { force: 'test-formats', retrievedAt: '2026-11-01' },
    );
    expect(result.neighbourhoods).toBe(3);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        'SN-07.json: ring was not closed; closed it',
        expect.stringMatching(/^SN-99: .*Self-intersection.*\(repaired with ST_MakeValid\)$/),
      ]),
    );
    const rows = await suite.db.query<{ code: string; valid: boolean; area: number }>(
      `SELECT code, ST_IsValid(geom) AS valid, ST_Area(ST_Transform(geom, 27700)) AS area FROM police_neighbourhood WHERE layer_id = $1 ORDER BY code`,
      [result.layerId],
    );
    expect(rows.map((r) => r.code)).toEqual(['SN-01', 'SN-07', 'SN-99']);
    rows.forEach((r) => {
      expect(r.valid).toBe(true);
      expect(r.area).toBeGreaterThan(0);
    });
  });

  it('keeps earlier versions when a new one is imported, with one current', async () => {
    await importNeighbourhoods(suite.dataSource, [file('layer.geojson', geojsonLayer)], { force: 'test-versions' });
    await importNeighbourhoods(suite.dataSource, [file('layer.geojson', geojsonLayer)], { force: 'test-versions' });
    expect(await layers('test-versions')).toEqual({ current: 1, all: 2 });
  });

  it.each([
    ['bad.json', '{"type": "Feature"', /bad\.json is neither KML nor valid JSON/],
    ['empty.kml', '<kml><Document></Document></kml>', /empty\.kml: no <Placemark> found/],
    [
      'noid.geojson',
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] }),
      /noid\.geojson feature 0: needs an "id"/,
    ],
    [
      'line.json',
      JSON.stringify([
        { latitude: '55.9', longitude: '-3.4' },
        { latitude: '55.91', longitude: '-3.4' },
      ]),
      /line\.json: a ring needs at least 3 distinct points, got 2/,
    ],
    [
      'far.json',
      JSON.stringify([{ latitude: '95', longitude: '-1.4' }]),
      /far\.json: a point is not a WGS 84 longitude and latitude/,
    ],
  ])('refuses %s with the reason and writes nothing', async (name, text, message) => {
    const before = await layers('test-refused');
    const attempt = importNeighbourhoods(suite.dataSource, [file('ok.geojson', geojsonLayer), file(name, text)], {
      force: 'test-refused',
    });
    await expect(attempt).rejects.toThrow(ImportRefusedError);
    await expect(attempt).rejects.toThrow(message);
    expect(await layers('test-refused')).toEqual(before);
  });
});

// statement_timeout is a server's: PGlite ignores it.
(process.env.HUB_TEST_DATABASE_MODE === 'server' ? describe : describe.skip)(
  'a layer imported on a database whose re-assignment outlasts the request timeout',
  () => {
    // A hub starting on a million incidents and no layer imports the demo layer, whose
    // re-assignment of every incident ran past the pool's 60 s limit and was retried for ever.
    // The same without the wait: a session limit of 250 ms, and the incident table held by
    // another session for 1.5 s, so the re-assignment must wait past the limit.
    it('completes, and the session keeps its own limit afterwards', async () => {
      // One connection, so the session's limit is the one every statement of the import meets.
      const dataSource = await createDataSource(testDatabaseUrl(), 1).initialize();
      const db = typeormDb(dataSource);
      const holder = new Client({ connectionString: testDatabaseUrl() });
      await holder.connect();
      try {
        await db.query(`SET statement_timeout = '250ms'`);
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE incident IN SHARE MODE');
        const release = new Promise((resolve) => setTimeout(resolve, 1_500)).then(() => holder.query('COMMIT'));
        const imported = importNeighbourhoods(dataSource, [file('layer.geojson', geojsonLayer)], {
          force: 'test-long',
        });
        await release;
        expect((await imported).neighbourhoods).toBe(1);
        expect(await layers('test-long')).toEqual({ current: 1, all: 1 });
        expect(await db.query(`SELECT current_setting('statement_timeout') AS limit`)).toEqual([{ limit: '250ms' }]);
      } finally {
        await holder.end();
        await dataSource.destroy();
      }
    });
  },
);

describe('the synthetic demo layer', () => {
  const shipped: FeatureCollection<MultiPolygon> = JSON.parse(
    fs.readFileSync(path.join(GEODATA, 'synthetic-police-neighbourhoods.geojson'), 'utf8'),
  );

  it('is labelled synthetic in the file and in the data, and is what the script makes from the LSOAs', async () => {
    expect((shipped as unknown as { properties: { label: string } }).properties.label).toBe('SYNTHETIC');
    const made = await demoLayer(suite.db);
    expect(made.features.map((f) => f.properties)).toEqual(shipped.features.map((f) => f.properties));
    made.features.forEach((f, i) => {
      const a = turf.area(f);
      expect(Math.abs(a - turf.area(shipped.features[i])) / a).toBeLessThan(1e-6);
    });
    const result = await suite.client.run<{ policeNeighbourhoods: { code: string; synthetic: boolean }[] }>(
      suite.db,
      '{ policeNeighbourhoods(force: "derbyshire") { code synthetic } }',
    );
    expect(result.data?.policeNeighbourhoods.map((n) => n.code)).toEqual(shipped.features.map((f) => f.properties?.id));
    expect(result.data?.policeNeighbourhoods.every((n) => n.synthetic)).toBe(true);
  });

  it('lists the wards each neighbourhood touches, with land shares summing to about 1', async () => {
    const result = await suite.client.run<{
      policeNeighbourhoods: { wards: { ward: { code: string }; share: number }[] }[];
    }>(suite.db, '{ policeNeighbourhoods(force: "derbyshire") { wards { ward { code } share } } }');
    for (const n of result.data?.policeNeighbourhoods ?? []) {
      expect(n.wards.length).toBeGreaterThan(0);
      expect(Math.abs(n.wards.reduce((s, w) => s + w.share, 0) - 1)).toBeLessThan(0.01);
    }
  });
});

describe('incidents and police neighbourhoods', () => {
  it('gives every located December 2018 incident the demo neighbourhood containing it', async () => {
    const [row] = await suite.db.query<{ total: number; placed: number; wrong: number }>(
      `SELECT count(*)::int AS total,
              count(i.police_neighbourhood_id)::int AS placed,
              count(*) FILTER (WHERE i.police_neighbourhood_id IS NOT NULL AND NOT ST_Intersects(n.geom, i.geom))::int AS wrong
       FROM incident i LEFT JOIN police_neighbourhood n ON n.id = i.police_neighbourhood_id
       WHERE i.source = 'police.uk' AND i.month = '2018-12-01'`,
    );
    expect(row.total).toBe(2710);
    expect(row.wrong).toBe(0);
    // The demo layer is the union of the LSOAs; a few points sit in gaps of the generalised outlines.
    expect(row.placed).toBeGreaterThan(2700);
  });
});

describe('police neighbourhood stats', () => {
  it('counts incidents per neighbourhood as assigned, with rates on apportioned population', async () => {
    const result = await suite.client.run<{
      policeNeighbourhoods: { id: string; stats: { total: number; ratePer1000: number } }[];
    }>(
      suite.db,
      '{ policeNeighbourhoods(force: "derbyshire") { id stats(from: "2018-12", to: "2018-12") { total ratePer1000 } } }',
    );
    expect(result.errors).toBeUndefined();
    const counts = new Map(
      (
        await suite.db.query<{ id: string; n: number }>(
          `SELECT police_neighbourhood_id::text AS id, count(*)::int AS n FROM incident
           WHERE month = '2018-12-01' AND police_neighbourhood_id IS NOT NULL GROUP BY 1`,
        )
      ).map((r) => [r.id, r.n]),
    );
    let people = 0;
    for (const n of result.data?.policeNeighbourhoods ?? []) {
      expect(n.stats.total).toBe(counts.get(n.id) ?? 0);
      people += (n.stats.total / n.stats.ratePer1000) * 1000;
    }
    // The layer is the union of the LSOAs, so apportioned populations add up to the city's.
    expect(Math.abs(people - 256_814) / 256_814).toBeLessThan(0.001);
  });
});

interface Alignment {
  boundarySet: string;
  monthsNotOnSet: string[];
  score: number;
  measure: string;
  pairs: {
    area: { code: string; boundarySet: { id: string } };
    landSqKm: number;
    shareOfArea: number;
    population: number;
    incidents: number;
  }[];
  areas: { area: { code: string; wards: { code: string }[] }; score: number; neighbourhoods: { code: string }[] }[];
  wards: { ward: { code: string }; neighbourhoods: { share: number }[] }[];
}

const ALIGNMENT = `boundarySet monthsNotOnSet score measure
  pairs { area { code boundarySet { id } } landSqKm shareOfArea population incidents }
  areas { area { code wards { code } } score neighbourhoods { code } }
  wards { ward { code } neighbourhoods { share } }`;

describe('boundaryAlignment', () => {
  it.each([
    ['the current set by default', '', 'ons-wards-2023', WARDS_2023, 'area_code'],
    ['the 2013 set when asked', ', boundarySet: "ons-wards-2013"', 'ons-wards-2013', WARDS_2013, 'month_area_code'],
  ])(
    'splits land, residents and incidents between the areas of %s and the neighbourhoods, and scores the grouping',
    async (_, args, set, codes, placement) => {
      const result = await suite.client.run<{ boundaryAlignment: Alignment }>(
        suite.db,
        `{ boundaryAlignment(from: "2018-12", to: "2018-12"${args}) { ${ALIGNMENT} } }`,
      );
      expect(result.errors).toBeUndefined();
      const a = result.data?.boundaryAlignment as Alignment;
      expect(a.boundarySet).toBe(set);
      expect(a.monthsNotOnSet).toEqual([]);
      expect(a.score).toBeGreaterThan(0);
      expect(a.score).toBeLessThan(1);
      expect(a.measure).toMatch(/adjusted Rand index/);
      // Residents of the set's own LSOAs, each counted once: the city's total.
      const people = a.pairs.reduce((s, p) => s + p.population, 0);
      expect(Math.abs(people - 256_814) / 256_814).toBeLessThan(0.001);
      for (const area of ['NORTH', 'EAST', 'SOUTH', 'WEST']) {
        const shares = a.pairs.filter((p) => p.area.code === area).reduce((s, p) => s + p.shareOfArea, 0);
        expect(Math.abs(shares - 1)).toBeLessThan(0.01);
      }
      expect(a.pairs.every((p) => p.area.boundarySet.id === set)).toBe(true);
      // Incidents by their area on the set: today's for the current set, their month's for 2013.
      const [{ n }] = await suite.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident WHERE month = '2018-12-01' AND ${placement} IS NOT NULL AND police_neighbourhood_id IS NOT NULL`,
      );
      expect(a.pairs.reduce((s, p) => s + p.incidents, 0)).toBe(n);
      expect(a.areas).toHaveLength(4);
      expect(a.areas.flatMap((x) => x.area.wards.map((w) => w.code)).sort()).toEqual([...codes].sort());
      expect(a.wards.map((w) => w.ward.code).sort()).toEqual([...codes].sort());
      a.wards.forEach((w) =>
        expect(Math.abs(w.neighbourhoods.reduce((s, x) => s + x.share, 0) - 1)).toBeLessThan(0.01),
      );
    },
  );

  it('counts incidents on an earlier set only over the months it was in force, and says which it left out', async () => {
    const ask = (args: string) =>
      suite.client.run<{ boundaryAlignment: Alignment }>(
        suite.db,
        `{ boundaryAlignment(from: "2018-12", to: "2023-06"${args}) { boundarySet monthsNotOnSet pairs { incidents } } }`,
      );
    const [older, current] = [await ask(', boundarySet: "ons-wards-2013"'), await ask('')];
    expect(older.errors).toBeUndefined();
    // The 2013 set ended on 2023-05-03: May 2023's incidents are placed on the 2023 wards.
    expect(older.data?.boundaryAlignment.monthsNotOnSet).toEqual(['2023-05', '2023-06']);
    expect(current.data?.boundaryAlignment).toMatchObject({ boundarySet: 'ons-wards-2023', monthsNotOnSet: [] });
    const total = (a?: { pairs: { incidents: number }[] }) => (a?.pairs ?? []).reduce((s, p) => s + p.incidents, 0);
    const [counted] = await suite.db.query<{ older: number; current: number }>(
      `SELECT count(*) FILTER (WHERE month_area_code IS NOT NULL AND month <= '2023-04-01')::int AS older,
              count(*) FILTER (WHERE area_code IS NOT NULL)::int AS current
       FROM incident WHERE month BETWEEN '2018-12-01' AND '2023-06-01' AND police_neighbourhood_id IS NOT NULL`,
    );
    expect(total(older.data?.boundaryAlignment)).toBe(counted.older);
    expect(total(current.data?.boundaryAlignment)).toBe(counted.current);
  });

  it('refuses a boundary set the hub does not hold, naming those it does', async () => {
    for (const query of [
      '{ boundaryAlignment(from: "2018-12", to: "2018-12", boundarySet: "ons-wards-1999") { score } }',
      '{ alignmentOverlay(boundarySet: "ons-wards-1999") }',
    ]) {
      const result = await suite.client.run(suite.db, query);
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(result.errors?.[0].message).toMatch(
        /no ward boundary set "ons-wards-1999"; the hub holds ons-wards-2013 .*ons-wards-2023/,
      );
    }
  });

  it.each([
    ['', 'ons-wards-2023'],
    ['(boundarySet: "ons-wards-2013")', 'ons-wards-2013'],
  ])(
    'exports, as GeoJSON, the pieces where an area and a neighbourhood matched elsewhere overlap %s',
    async (args, set) => {
      const result = await suite.client.run<{ alignmentOverlay: FeatureCollection & { boundarySet: string } }>(
        suite.db,
        `{ alignmentOverlay${args} }`,
      );
      expect(result.errors).toBeUndefined();
      const overlay = result.data?.alignmentOverlay as FeatureCollection & { boundarySet: string };
      expect(overlay.type).toBe('FeatureCollection');
      expect(overlay.boundarySet).toBe(set);
      expect(overlay.features.length).toBeGreaterThan(0);
      // The same pieces as the alignment's pairs on the set whose neighbourhood is matched elsewhere.
      const pairs = await suite.client.run<{
        boundaryAlignment: {
          pairs: { area: { code: string }; policeNeighbourhood: { code: string }; landSqKm: number }[];
          areas: { area: { code: string }; policeNeighbourhoods: { code: string }[] }[];
        };
      }>(
        suite.db,
        `{ boundaryAlignment(from: "2018-12", to: "2018-12", boundarySet: "${set}") {
          pairs { area { code } policeNeighbourhood { code } landSqKm } areas { area { code } policeNeighbourhoods { code } } } }`,
      );
      const matched = new Map(
        (pairs.data?.boundaryAlignment.areas ?? []).flatMap((a) =>
          a.policeNeighbourhoods.map((n) => [n.code, a.area.code]),
        ),
      );
      const elsewhere = (pairs.data?.boundaryAlignment.pairs ?? []).filter(
        (p) => matched.get(p.policeNeighbourhood.code) !== p.area.code,
      );
      expect(overlay.features.map((f) => [f.properties?.areaCode, f.properties?.neighbourhoodCode])).toEqual(
        elsewhere.map((p) => [p.area.code, p.policeNeighbourhood.code]),
      );
      for (const f of overlay.features) {
        expect(f.properties?.neighbourhoodMatchedToArea).not.toBe(f.properties?.areaCode);
        expect(f.properties?.areaName).toEqual(expect.any(String));
        expect(f.properties?.neighbourhoodName).toEqual(expect.any(String));
        expect(f.properties?.landSqKm).toBeGreaterThan(0);
        expect(['Polygon', 'MultiPolygon', 'GeometryCollection']).toContain(f.geometry.type);
      }
    },
  );

  it('equals independent measures on hand-made polygons, to 1e-9', async () => {
    // Two wards side by side (each its own area), two neighbourhoods cut 500 m east of the ward
    // line, four LSOAs each wholly inside one piece. Built in metres (EPSG:27700).
    const box = (x0: number, x1: number) =>
      `ST_Multi(ST_Transform(ST_MakeEnvelope(${600000 + x0}, 300000, ${600000 + x1}, 301000, 27700), 4326))`;
    // It empties the geography tables, so it runs apart from the suites beside it. Its wards
    // and LSOAs are one set of each kind, current, paired with each other.
    const outcome = await inIsolation(suite.dataSource, async (tx) => {
      for (const table of [
        'incident_status_change',
        'incident',
        'lsoa_ward_share',
        'lsoa_deprivation',
        'lsoa',
        'ward_area_change',
        'ward',
        'area',
      ]) {
        await tx.query(`DELETE FROM ${table}`);
      }
      // Ward sets name their LSOA sets, so they go first.
      await tx.query(`DELETE FROM boundary_set WHERE kind = 'ward'`);
      await tx.query(`DELETE FROM boundary_set`);
      await tx.query(
        `INSERT INTO boundary_set (id, kind, vintage, source, licence, valid_from) VALUES ('test-lsoas', 'lsoa', 2011, 'test', 'test', '2011-01-01')`,
      );
      await tx.query(
        `INSERT INTO boundary_set (id, kind, vintage, source, licence, valid_from, lsoa_set_id) VALUES ('test-wards', 'ward', 2013, 'test', 'test', '2011-01-01', 'test-lsoas')`,
      );
      await tx.query(`INSERT INTO area (code, name) VALUES ('L', 'Left'), ('R', 'Right')`);
      await tx.query(
        `INSERT INTO ward (code, name, area_code, boundary_set_id, geom) VALUES
         ('E05900001', 'West', 'L', 'test-wards', ${box(0, 2000)}), ('E05900002', 'East', 'R', 'test-wards', ${box(2000, 4000)})`,
      );
      await tx.query(
        `INSERT INTO lsoa (code, name, boundary_set_id, valid_from, population_mid2015, population_mid2020, geom) VALUES
         ('E01900001', 'T 1', 'test-lsoas', '2011-01-01', 0, 100, ${box(0, 1000)}),
         ('E01900002', 'T 2', 'test-lsoas', '2011-01-01', 0, 200, ${box(1000, 2000)}),
         ('E01900003', 'T 3', 'test-lsoas', '2011-01-01', 0, 50, ${box(2000, 2500)}),
         ('E01900004', 'T 4', 'test-lsoas', '2011-01-01', 0, 150, ${box(2500, 4000)})`,
      );
      const [{ id }] = await tx.query<{ id: number }>(
        `INSERT INTO police_neighbourhood_layer (force, source, is_current) VALUES ('test-align', 'hand-made', true) RETURNING id`,
      );
      await tx.query(
        `INSERT INTO police_neighbourhood (layer_id, code, name, geom) VALUES ($1, 'N1', 'One', ${box(0, 2500)}), ($1, 'N2', 'Two', ${box(2500, 4000)})`,
        [id],
      );
      const independent = await tx.query<{ area: string; code: string; ofArea: number; ofN: number; km2: number }>(
        `SELECT w.area_code AS area, n.code,
                ST_Area(ST_Intersection(ST_Transform(w.geom, 27700), ST_Transform(n.geom, 27700))) / ST_Area(ST_Transform(w.geom, 27700)) AS "ofArea",
                ST_Area(ST_Intersection(ST_Transform(w.geom, 27700), ST_Transform(n.geom, 27700))) / ST_Area(ST_Transform(n.geom, 27700)) AS "ofN",
                ST_Area(ST_Intersection(ST_Transform(w.geom, 27700), ST_Transform(n.geom, 27700))) / 1e6 AS km2
         FROM ward w JOIN police_neighbourhood n ON n.layer_id = $1 AND ST_Area(ST_Intersection(ST_Transform(w.geom, 27700), ST_Transform(n.geom, 27700))) > 1
         ORDER BY 1, 2`,
        [id],
      );
      const result = await suite.client.run<{
        boundaryAlignment: {
          score: number;
          pairs: {
            area: { code: string };
            policeNeighbourhood: { code: string };
            shareOfArea: number;
            shareOfNeighbourhood: number;
            landSqKm: number;
            population: number;
          }[];
        };
      }>(
        tx,
        '{ boundaryAlignment(from: "2018-12", to: "2018-12", force: "test-align") { score pairs { area { code } policeNeighbourhood { code } shareOfArea shareOfNeighbourhood landSqKm population } } }',
      );
      return { independent, result };
    });
    expect(outcome.result.errors).toBeUndefined();
    const pairs = outcome.result.data?.boundaryAlignment.pairs ?? [];
    expect(pairs.map((p) => `${p.area.code}-${p.policeNeighbourhood.code}`)).toEqual(['L-N1', 'R-N1', 'R-N2']);
    pairs.forEach((p, i) => {
      const ref = outcome.independent[i];
      expect(Math.abs(p.shareOfArea - ref.ofArea)).toBeLessThan(1e-9);
      expect(Math.abs(p.shareOfNeighbourhood - ref.ofN)).toBeLessThan(1e-9);
      expect(Math.abs(p.landSqKm - ref.km2)).toBeLessThan(1e-9);
    });
    // And against the plan: 1, 0.8; 0.25, 0.2; 0.75, 1; residents 300, 50, 150.
    [
      [1, 0.8, 300],
      [0.25, 0.2, 50],
      [0.75, 1, 150],
    ].forEach(([ofArea, ofN, people], i) => {
      expect(pairs[i].shareOfArea).toBeCloseTo(ofArea, 6);
      expect(pairs[i].shareOfNeighbourhood).toBeCloseTo(ofN, 6);
      expect(pairs[i].population).toBeCloseTo(people, 6);
    });
    // Table L [300, 0], R [50, 150]: Σn² = 115,000; rows 300, 200 -> 130,000; columns 350, 150
    // -> 145,000; e = 130,000 · 145,000 / 500² = 75,400; ARI = 39,600 / (137,500 − 75,400).
    expect(outcome.result.data?.boundaryAlignment.score).toBeCloseTo(39600 / 62100, 6);
  });

  it('refuses a force with no layer', async () => {
    const result = await suite.client.run(
      suite.db,
      '{ boundaryAlignment(from: "2018-12", to: "2018-12", force: "nowhere") { score } }',
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('locate with police neighbourhoods', () => {
  it('names the neighbourhood containing a point, in one statement for many points', async () => {
    const counting = countingDb(suite.db);
    const points = [
      { lon: -1.4776, lat: 52.9254 },
      { lon: -1.5135, lat: 52.9107 },
      { lon: -0.1276, lat: 51.5072 },
    ];
    const result = await suite.client.run<{
      locateMany: { policeNeighbourhood: { code: string; geometry: MultiPolygon } | null }[];
    }>(counting, 'query ($p: [PointInput!]!) { locateMany(points: $p) { policeNeighbourhood { code geometry } } }', {
      p: points,
    });
    expect(result.errors).toBeUndefined();
    const found = result.data?.locateMany ?? [];
    found.slice(0, 2).forEach((l, i) => {
      expect(l.policeNeighbourhood).not.toBeNull();
      const point: Point = { type: 'Point', coordinates: [points[i].lon, points[i].lat] };
      expect(turf.booleanPointInPolygon(point, l.policeNeighbourhood!.geometry)).toBe(true);
    });
    expect(found[2].policeNeighbourhood).toBeNull();
    // The boundary sets (for the day located on), locate, neighbourhoods at the points,
    // neighbourhoods by id, their outlines.
    expect(counting.count).toBe(5);
  });

  it('gives NOT_FOUND for an unknown neighbourhood', async () => {
    const result = await suite.client.run(suite.db, '{ policeNeighbourhood(id: "999999") { name } }');
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});
