import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as turf from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';

import type { Db } from '../src/db/db';
import { generator, NATIONAL_SHARES, writeSynthetic } from '../src/ingest/generator/generate';
import { importPoliceFiles } from '../src/ingest/police/import-police';
import { SYNTHETIC_REPORTER } from '../src/ingest/police/police-row';
import { importReports } from '../src/ingest/reports/import-reports';

import { connectTestDatabase } from './helpers/database';
import { csv, GEODATA, geojson } from './helpers/geodata-files';
import { errorCodes, graphqlClient } from './helpers/graphql';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-generator-'));
const options = { count: 20_000, seed: 'test', months: 24, end: '2033-12', geodataDir: GEODATA };
let rows: Record<string, string>[];

beforeAll(async () => {
  await writeSynthetic(options, { out: path.join(dir, 'a.csv'), streetScene: path.join(dir, 'reports.csv') });
  rows = parse(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8'), { columns: true });
});

const wards = geojson('derby-wards-2013.geojson');
const lsoas = geojson('derby-lsoa-2011.geojson');
const wardAt = (r: Record<string, string>) =>
  wards.features.find((f) => turf.booleanPointInPolygon([Number(r.Longitude), Number(r.Latitude)], f.geometry))
    ?.properties?.WD13CD;

describe('the incident generator', () => {
  it('snaps every incident to the nearest of a fixed set of map points when asked, as police.uk publishes them', () => {
    const small = { ...options, count: 3000 };
    const plain = [...generator(small).rows];
    const snapped = [...generator({ ...small, mapPoints: 60 }).rows];
    const points = [...new Map(snapped.map((r) => [`${r.lon},${r.lat}`, [r.lon, r.lat]])).values()];
    expect(points.length).toBeLessThanOrEqual(60);
    expect(points.length).toBeGreaterThan(30);
    expect(snapped.map((r) => [r.month, r.crimeType, r.spot])).toEqual(
      plain.map((r) => [r.month, r.crimeType, r.spot]),
    );
    // Each incident sits at the map point nearest where it happened (on a local flat scale), and
    // in that point's LSOA.
    const cosLat = Math.cos((52.92 * Math.PI) / 180);
    const d = (a: number[], b: number[]) => ((a[0] - b[0]) * cosLat) ** 2 + (a[1] - b[1]) ** 2;
    plain.forEach((r, k) => {
      const nearest = Math.min(...points.map((p) => d(p, [r.lon, r.lat])));
      expect(d([snapped[k].lon, snapped[k].lat], [r.lon, r.lat])).toBeCloseTo(nearest, 12);
    });
    const lsoaOf = new Map(snapped.map((r) => [`${r.lon},${r.lat}`, r.lsoaCode]));
    expect(snapped.every((r) => lsoaOf.get(`${r.lon},${r.lat}`) === r.lsoaCode)).toBe(true);
  });

  it('is deterministic for a seed and differs for another', async () => {
    await writeSynthetic(options, { out: path.join(dir, 'b.csv') });
    await writeSynthetic({ ...options, seed: 'other' }, { out: path.join(dir, 'c.csv') });
    const a = fs.readFileSync(path.join(dir, 'a.csv'), 'utf8');
    expect(fs.readFileSync(path.join(dir, 'b.csv'), 'utf8')).toBe(a);
    expect(fs.readFileSync(path.join(dir, 'c.csv'), 'utf8')).not.toBe(a);
  });

  it('labels every row synthetic, and covers the months asked for', () => {
    expect(rows).toHaveLength(20_000);
    expect(rows.every((r) => r['Reported by'] === SYNTHETIC_REPORTER && r.Context.startsWith('SYNTHETIC'))).toBe(true);
    expect(new Set(rows.map((r) => r.Month)).size).toBe(24);
    expect(rows.every((r) => r.Month >= '2032-01' && r.Month <= '2033-12')).toBe(true);
  });

  it('mixes categories close to the national shares', () => {
    const total = NATIONAL_SHARES.reduce((s, [, share]) => s + share, 0);
    for (const [name, share] of NATIONAL_SHARES) {
      const observed = rows.filter((r) => r['Crime type'] === name).length / rows.length;
      expect(Math.abs(observed - share / total)).toBeLessThan(0.03);
    }
  });

  it('carries a seasonal swing: July busier than January', () => {
    const month = (m: string) => rows.filter((r) => r.Month.endsWith(m)).length;
    expect(month('-07') / month('-01')).toBeGreaterThan(1.15);
  });

  it('puts more incidents per head where deprivation is higher', () => {
    const decile = new Map(csv('derby-imd2019.csv').map((r) => [r.lsoa_code, Number(r.imd_decile)]));
    const people = new Map(csv('derby-lsoa-population-mid2020.csv').map((r) => [r.lsoa_code, Number(r.population)]));
    const background = rows.filter((r) => !r.Context.includes('planted'));
    const rate = (deciles: number[]) => {
      const codes = [...decile].filter(([, d]) => deciles.includes(d)).map(([c]) => c);
      const n = background.filter((r) => codes.includes(r['LSOA code'])).length;
      return n / codes.reduce((s, c) => s + (people.get(c) ?? 0), 0);
    };
    expect(rate([1, 2]) / rate([9, 10])).toBeGreaterThan(2);
  });

  it('plants every documented spot, with boundary spots falling on both sides of their boundary', () => {
    const planted = JSON.parse(fs.readFileSync(path.join(GEODATA, 'synthetic-hotspots.json'), 'utf8'));
    for (const spot of planted.spots) {
      const mine = rows.filter((r) => r.Context.includes(`planted spot: ${spot.name}`));
      expect(mine.length / rows.length).toBeGreaterThan(spot.share * 0.7);
      if (spot.wards) {
        for (const ward of spot.wards) {
          expect(mine.filter((r) => wardAt(r) === ward).length / mine.length).toBeGreaterThan(0.2);
        }
      }
    }
  });

  it('seeds Mickleover uniformly by land area, with no planted spot', () => {
    const mickleover = lsoas.features.filter((f) =>
      csv('derby-lsoa-ward-lookup.csv').some(
        (r) => r.lsoa_code === f.properties?.LSOA11CD && r.ward_code === 'E05001779',
      ),
    );
    const densities = mickleover.map(
      (f) => rows.filter((r) => r['LSOA code'] === f.properties?.LSOA11CD).length / turf.area(f),
    );
    const mean = densities.reduce((a, b) => a + b) / densities.length;
    densities.forEach((d) => expect(Math.abs(d - mean) / mean).toBeLessThan(0.35));
    expect(rows.filter((r) => r.Context.includes('planted') && wardAt(r) === 'E05001779')).toHaveLength(0);
  });

  it('writes the planted spots as GeoJSON for a map', () => {
    const spots = JSON.parse(fs.readFileSync(path.join(dir, 'a.csv.hotspots.geojson'), 'utf8'));
    expect(spots.features.length).toBe(5);
    expect(spots.features.every((f: { properties: { synthetic: boolean } }) => f.properties.synthetic)).toBe(true);
  });
});

describe('generated data through the importers', () => {
  let dataSource: DataSource;
  let db: Db;

  beforeAll(async () => {
    ({ dataSource, db } = await connectTestDatabase());
  });

  afterAll(async () => {
    await db.query(
      `DELETE FROM incident WHERE source LIKE 'synthetic-%' AND month BETWEEN '2032-01-01' AND '2033-12-01'`,
    );
    await dataSource.destroy();
  });

  it('imports as synthetic-police.uk, shown as synthetic through GraphQL, and as synthetic street-scene reports', async () => {
    const small = path.join(dir, 'small.csv');
    await writeSynthetic({ ...options, count: 400 }, { out: small, streetScene: path.join(dir, 'small-reports.csv') });
    const result = await importPoliceFiles(dataSource, [small]);
    expect(result.counts.read).toBe(400);
    expect(result.counts.inserted + result.counts.outsideCity).toBe(400);
    const reports = await importReports(dataSource, path.join(dir, 'small-reports.csv'));
    expect(reports).toMatchObject({ read: 100, rejected: 0 });
    const client = await graphqlClient();
    const page = await client.run<{ incidents: { totalCount: number; edges: { node: { synthetic: boolean } }[] } }>(
      db,
      '{ incidents(filter: { sources: ["synthetic-police.uk", "synthetic-council-report"], from: "2032-01", to: "2033-12" }, first: 1000) { totalCount edges { node { synthetic } } } }',
    );
    await client.stop();
    expect(page.data?.incidents.totalCount).toBe(result.counts.inserted + reports.inserted);
    expect(page.data?.incidents.edges.every((e) => e.node.synthetic)).toBe(true);
    expect(errorCodes(page)).toEqual([]);
  });
});
