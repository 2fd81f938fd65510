import fs from 'node:fs';
import path from 'node:path';

import * as turf from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

import { POLICE_HEADER, SYNTHETIC_REPORTER } from '../police/police-row';
import { REPORT_HEADER } from '../reports/import-reports';

import { cumulative, Random } from './random';

/**
 * Approximate national shares of police.uk street-level categories (England and Wales), which
 * the generator's category mix follows.
 */
export const NATIONAL_SHARES: ReadonlyArray<[string, number]> = [
  ['Violence and sexual offences', 0.3],
  ['Anti-social behaviour', 0.22],
  ['Criminal damage and arson', 0.08],
  ['Other theft', 0.07],
  ['Public order', 0.07],
  ['Shoplifting', 0.06],
  ['Vehicle crime', 0.06],
  ['Burglary', 0.05],
  ['Drugs', 0.03],
  ['Other crime', 0.015],
  ['Theft from the person', 0.01],
  ['Robbery', 0.01],
  ['Bicycle theft', 0.01],
  ['Possession of weapons', 0.005],
];

const SLUG_TO_NAME = new Map(
  NATIONAL_SHARES.map(([name]) => [
    name === 'Violence and sexual offences'
      ? 'violent-crime'
      : name === 'Criminal damage and arson'
        ? 'criminal-damage-arson'
        : name.toLowerCase().replace(/ /g, '-'),
    name,
  ]),
);

const STREET_SCENE = [
  'fly-tipping',
  'graffiti',
  'litter',
  'dog-fouling',
  'drug-litter',
  'abandoned-vehicle',
  'street-lighting',
  'pothole',
  'damaged-street-furniture',
];
const OUTCOMES = [
  'Investigation complete; no suspect identified',
  'Unable to prosecute suspect',
  'Under investigation',
  'Awaiting court outcome',
  'Local resolution',
];

export interface GeneratorOptions {
  count: number;
  seed: string;
  months: number;
  /** Last month generated, YYYY-MM. */
  end: string;
  /** The geodata folder: LSOA and ward outlines, IMD 2019, population, the planted spots. */
  geodataDir: string;
  /**
   * When given, every incident is moved to the nearest of this many anonymous map points, as
   * police.uk publishes them (each crime at a street centre or public place near it, so many
   * incidents share one point). The points follow population and are drawn from their own stream
   * of numbers, so the incidents before snapping are those of the same options without it.
   */
  mapPoints?: number;
}

interface Spot {
  name: string;
  centre: Position;
  radiusMetres: number;
  share: number;
  categories: string[];
  wards?: string[];
}

interface Lsoa {
  code: string;
  name: string;
  wardCode: string;
  weight: number;
  triangles: Position[][];
  triangleWeights: number[];
}

/** One generated row, before it is written as police.uk CSV. */
export interface GeneratedIncident {
  month: string;
  lon: number;
  lat: number;
  lsoaCode: string;
  lsoaName: string;
  crimeType: string;
  spot: string | null;
}

/** An anonymous map point: where police.uk would publish every incident near it. */
interface MapPoint {
  at: Position;
  lsoa: Lsoa;
}

/** Metres per degree of latitude, the generator's flat-earth scale at city size. */
const METRES_PER_DEGREE = 111_320;

/**
 * Finds the nearest map point to a position by looking in the squares of a grid around it, ring
 * by ring, until a ring can hold nothing nearer than the best found.
 */
function nearestMapPoint(points: MapPoint[]): (p: Position) => MapPoint {
  const cosLat = Math.cos((points[0].at[1] * Math.PI) / 180);
  const xy = (p: Position) => [p[0] * METRES_PER_DEGREE * cosLat, p[1] * METRES_PER_DEGREE];
  const size = 250;
  const squares = new Map<string, MapPoint[]>();
  for (const point of points) {
    const [x, y] = xy(point.at);
    const key = `${Math.floor(x / size)},${Math.floor(y / size)}`;
    squares.set(key, [...(squares.get(key) ?? []), point]);
  }
  return (p) => {
    const [x, y] = xy(p);
    const [cx, cy] = [Math.floor(x / size), Math.floor(y / size)];
    let best: MapPoint = points[0];
    let bestD = Infinity;
    for (let ring = 0; ring === 0 || (ring - 1) * size < Math.sqrt(bestD); ring += 1) {
      for (let i = cx - ring; i <= cx + ring; i += 1) {
        for (let j = cy - ring; j <= cy + ring; j += 1) {
          if (Math.max(Math.abs(i - cx), Math.abs(j - cy)) !== ring) {
            continue;
          }
          for (const candidate of squares.get(`${i},${j}`) ?? []) {
            const [qx, qy] = xy(candidate.at);
            const d = (qx - x) ** 2 + (qy - y) ** 2;
            if (d < bestD) {
              best = candidate;
              bestD = d;
            }
          }
        }
      }
    }
    return best;
  };
}

const rowAt = (month: string, p: Position, lsoa: Lsoa, crimeType: string, spot: string | null): GeneratedIncident => ({
  month,
  lon: p[0],
  lat: p[1],
  lsoaCode: lsoa.code,
  lsoaName: lsoa.name,
  crimeType,
  spot,
});

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** A point of the boundary two wards share: the middle of their common vertices. */
function sharedBoundaryPoint(a: Feature<Polygon | MultiPolygon>, b: Feature<Polygon | MultiPolygon>): Position {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const mine = new Set(turf.coordAll(a).map(key));
  const common = turf.coordAll(b).filter((p) => mine.has(key(p)));
  if (common.length === 0) {
    throw new Error(`wards ${a.properties?.WD13CD} and ${b.properties?.WD13CD} share no boundary`);
  }
  return common[Math.floor(common.length / 2)];
}

function triangulate(feature: Feature<Polygon | MultiPolygon>): { triangles: Position[][]; weights: number[] } {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const triangles: Position[][] = [];
  for (const rings of polygons) {
    for (const t of turf.tesselate(turf.polygon(rings)).features) {
      triangles.push(t.geometry.coordinates[0].slice(0, 3));
    }
  }
  return { triangles, weights: triangles.map((t) => Math.abs(turf.area(turf.polygon([[...t, t[0]]])))) };
}

function pointIn(lsoa: Lsoa, random: Random): Position {
  const [a, b, c] = lsoa.triangles[random.pick(lsoa.triangleWeights)];
  let u = random.next();
  let v = random.next();
  if (u + v > 1) {
    u = 1 - u;
    v = 1 - v;
  }
  return [a[0] + u * (b[0] - a[0]) + v * (c[0] - a[0]), a[1] + u * (b[1] - a[1]) + v * (c[1] - a[1])];
}

function monthsEnding(end: string, months: number): string[] {
  const [y, m] = end.split('-').map(Number);
  const last = y * 12 + (m - 1);
  return Array.from({ length: months }, (_, i) => {
    const k = last - months + 1 + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * Makes SYNTHETIC incidents for Derby. Background density follows LSOA population weighted by
 * IMD 2019 decile (decile 1 three times decile 10); one ward (Mickleover) is uniform by land area;
 * planted hot spots (geodata/synthetic-hotspots.json) add tight clusters, several centred on a
 * ward boundary and one on an area boundary. Months carry a seasonal swing (peak in summer).
 * The same options always give the same rows.
 * @returns an iterator of rows, and the planted spots as GeoJSON for a map
 */
export function generator(options: GeneratorOptions): { rows: Generator<GeneratedIncident>; spots: FeatureCollection } {
  const dir = options.geodataDir;
  const random = new Random(options.seed);
  const wards = readJson<FeatureCollection<Polygon | MultiPolygon>>(path.join(dir, 'derby-wards-2013.geojson'));
  const lsoaShapes = readJson<FeatureCollection<Polygon | MultiPolygon>>(path.join(dir, 'derby-lsoa-2011.geojson'));
  const planted = readJson<{ uniformWard: { code: string }; spots: Spot[] }>(path.join(dir, 'synthetic-hotspots.json'));
  const csvRows = (file: string) =>
    parse(fs.readFileSync(path.join(dir, file), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  const decile = new Map(csvRows('derby-imd2019.csv').map((r) => [r.lsoa_code, Number(r.imd_decile)]));
  const population = new Map(
    csvRows('derby-lsoa-population-mid2020.csv').map((r) => [r.lsoa_code, Number(r.population)]),
  );
  const wardOf = new Map(csvRows('derby-lsoa-ward-lookup.csv').map((r) => [r.lsoa_code, r.ward_code]));

  const uniformArea = lsoaShapes.features
    .filter((f) => wardOf.get(f.properties?.LSOA11CD) === planted.uniformWard.code)
    .reduce((s, f) => s + turf.area(f), 0);
  const uniformPeople = lsoaShapes.features
    .filter((f) => wardOf.get(f.properties?.LSOA11CD) === planted.uniformWard.code)
    .reduce((s, f) => s + (population.get(f.properties?.LSOA11CD) ?? 0), 0);
  const lsoas: Lsoa[] = lsoaShapes.features.map((f) => {
    const code = f.properties?.LSOA11CD as string;
    const { triangles, weights } = triangulate(f);
    const wardCode = wardOf.get(code) as string;
    // Deprivation lifts the rate: decile 1 carries 3x the incidents per head of decile 10.
    const perHead = 1 + (2 * (10 - (decile.get(code) ?? 5))) / 9;
    const weight =
      wardCode === planted.uniformWard.code
        ? (turf.area(f) / uniformArea) * uniformPeople
        : (population.get(code) ?? 0) * perHead;
    return { code, name: f.properties?.LSOA11NM, wardCode, weight, triangles, triangleWeights: cumulative(weights) };
  });
  const lsoaWeights = cumulative(lsoas.map((l) => l.weight));
  const wardFeature = (code: string) =>
    wards.features.find((f) => f.properties?.WD13CD === code) as Feature<Polygon | MultiPolygon>;
  const spots = planted.spots.map((s) => ({
    ...s,
    centre: s.wards ? sharedBoundaryPoint(wardFeature(s.wards[0]), wardFeature(s.wards[1])) : s.centre,
  }));
  const spotShare = spots.reduce((sum, s) => sum + s.share, 0);
  const spotWeights = cumulative(spots.map((s) => s.share));
  const months = monthsEnding(options.end, options.months);
  // A seasonal swing of ±15 %, highest in July.
  const monthWeights = cumulative(
    months.map((m) => 1 + 0.15 * Math.cos((2 * Math.PI * (Number(m.slice(5)) - 7)) / 12)),
  );
  const categoryWeights = cumulative(NATIONAL_SHARES.map(([, share]) => share));
  const boxes = lsoaShapes.features.map((f) => turf.bbox(f));
  const lsoaOf = (p: Position): Lsoa | undefined =>
    lsoas.find((_, i) => {
      const [w, s, e, n] = boxes[i];
      return p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n && turf.booleanPointInPolygon(p, lsoaShapes.features[i]);
    });

  // Map points follow where people live (police.uk's each cover at least eight addresses).
  const pointRandom = new Random(`${options.seed}/map-points`);
  const peopleWeights = cumulative(lsoas.map((l) => population.get(l.code) ?? 0));
  const mapPoints = Array.from({ length: options.mapPoints ?? 0 }, () => {
    const lsoa = lsoas[pointRandom.pick(peopleWeights)];
    return { at: pointIn(lsoa, pointRandom), lsoa };
  });
  const snap = mapPoints.length > 0 ? nearestMapPoint(mapPoints) : null;
  const published = (
    month: string,
    p: Position,
    lsoa: Lsoa,
    crimeType: string,
    spot: string | null,
  ): GeneratedIncident => {
    const point = snap?.(p);
    return point ? rowAt(month, point.at, point.lsoa, crimeType, spot) : rowAt(month, p, lsoa, crimeType, spot);
  };

  function* rows(): Generator<GeneratedIncident> {
    for (let i = 0; i < options.count; i += 1) {
      const month = months[random.pick(monthWeights)];
      if (random.next() < spotShare) {
        const spot = spots[random.pick(spotWeights)];
        for (let attempt = 0; attempt < 20; attempt += 1) {
          // Normal scatter with sigma half the radius, in metres converted to degrees here.
          const dy = (random.normal() * spot.radiusMetres) / 2 / METRES_PER_DEGREE;
          const dx =
            (random.normal() * spot.radiusMetres) /
            2 /
            (METRES_PER_DEGREE * Math.cos((spot.centre[1] * Math.PI) / 180));
          const p = [spot.centre[0] + dx, spot.centre[1] + dy];
          const lsoa = lsoaOf(p);
          if (lsoa) {
            const slug = spot.categories[Math.floor(random.next() * spot.categories.length)];
            yield published(month, p, lsoa, SLUG_TO_NAME.get(slug) as string, spot.name);
            break;
          }
        }
        continue;
      }
      const lsoa = lsoas[random.pick(lsoaWeights)];
      const p = pointIn(lsoa, random);
      yield published(month, p, lsoa, NATIONAL_SHARES[random.pick(categoryWeights)][0], null);
    }
  }

  const spotMap: FeatureCollection = {
    type: 'FeatureCollection',
    features: spots.map((s) =>
      turf.circle(s.centre, s.radiusMetres / 1000, {
        steps: 32,
        properties: { name: s.name, synthetic: true, wards: s.wards ?? [], fill: '#e31a1c', 'fill-opacity': 0.3 },
      }),
    ),
  };
  return { rows: rows(), spots: spotMap };
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * One generated incident as a police.uk CSV line, labelled synthetic in `Reported by` (which the
 * importer turns into the source synthetic-police.uk) and in `Context`.
 */
export function policeLine(row: GeneratedIncident, random: Random, seed: string): string {
  const asb = row.crimeType === 'Anti-social behaviour';
  const fields = [
    asb ? '' : random.hex(64),
    row.month,
    SYNTHETIC_REPORTER,
    'Derbyshire Constabulary',
    row.lon.toFixed(6),
    row.lat.toFixed(6),
    'On or near Synthetic Street',
    row.lsoaCode,
    row.lsoaName,
    row.crimeType,
    asb ? '' : OUTCOMES[Math.floor(random.next() * OUTCOMES.length)],
    `SYNTHETIC (seed ${seed}${row.spot ? `; planted spot: ${row.spot}` : ''})`,
  ];
  return fields.map(csvField).join(',');
}

/** One generated street-scene report line: a category, the point, a synthetic description. */
export function reportLine(row: GeneratedIncident, random: Random, n: number): string {
  const category = STREET_SCENE[Math.floor(random.next() * STREET_SCENE.length)];
  const day = String(1 + Math.floor(random.next() * 28)).padStart(2, '0');
  return [
    category,
    row.lon.toFixed(6),
    row.lat.toFixed(6),
    `SYNTHETIC report ${n}`,
    `${row.month}-${day}T10:00:00Z`,
    '',
    'synthetic-council-report',
  ]
    .map(csvField)
    .join(',');
}

async function write(stream: fs.WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) {
    await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
}

/**
 * Writes generated incidents as police.uk CSV (and, when asked, one street-scene report for every
 * fourth incident), streaming, plus the planted spots as `OUT.hotspots.geojson`.
 * @returns how many incidents were written
 */
export async function writeSynthetic(
  options: GeneratorOptions,
  files: { out: string; streetScene?: string; onProgress?: (done: number) => void },
): Promise<number> {
  const { rows, spots } = generator(options);
  // Separate streams of numbers, so asking for reports does not change the incidents.
  const random = new Random(`${options.seed}/fields`);
  const reportRandom = new Random(`${options.seed}/reports`);
  const out = fs.createWriteStream(files.out);
  const reports = files.streetScene ? fs.createWriteStream(files.streetScene) : null;
  await write(out, `${POLICE_HEADER.join(',')}\n`);
  if (reports) {
    await write(reports, `${REPORT_HEADER.join(',')}\n`);
  }
  let n = 0;
  let chunk = '';
  let reportChunk = '';
  for (const row of rows) {
    n += 1;
    chunk += `${policeLine(row, random, options.seed)}\n`;
    if (reports && n % 4 === 0) {
      reportChunk += `${reportLine(row, reportRandom, n / 4)}\n`;
    }
    if (n % 10_000 === 0) {
      await write(out, chunk);
      chunk = '';
      if (reports) {
        await write(reports, reportChunk);
        reportChunk = '';
      }
      files.onProgress?.(n);
    }
  }
  await write(out, chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  if (reports) {
    await write(reports, reportChunk);
    await new Promise<void>((resolve) => reports.end(() => resolve()));
  }
  fs.writeFileSync(`${files.out}.hotspots.geojson`, `${JSON.stringify(spots, null, 2)}\n`);
  return n;
}
