import * as turf from '@turf/turf';
import type { Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';

import { LOCATE_MANY_LIMIT } from '../src/geography/locate.resolver';

import { countingDb } from './helpers/database';
import { csv, geojson } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

const wardFile = geojson('derby-wards-2013.geojson');
const lookup = csv('derby-lsoa-ward-lookup.csv');

// Independent of PostGIS: two ONS generalised wards are neighbours when their rings share an
// edge (the files share vertices exactly along common boundaries).
function edgesOf(geometry: Polygon | MultiPolygon): Set<string> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const edges = new Set<string>();
  for (const ring of polygons.flat()) {
    for (let i = 0; i + 1 < ring.length; i += 1) {
      const [a, b] = [ring[i].join(','), ring[i + 1].join(',')].sort();
      edges.add(`${a}|${b}`);
    }
  }
  return edges;
}

describe('areas and wards', () => {
  it('answers 17 wards, each in one of 4 areas', async () => {
    const result = await suite.client.run<{ wards: { code: string; area: { name: string } }[] }>(
      suite.db,
      '{ wards { code name area { name } } }',
    );
    expect(result.errors).toBeUndefined();
    const wards = result.data?.wards ?? [];
    expect(wards).toHaveLength(17);
    expect(new Set(wards.map((w) => w.code))).toEqual(new Set(wardFile.features.map((f) => f.properties?.WD13CD)));
    expect(new Set(wards.map((w) => w.area.name)).size).toBe(4);
  });

  it('lists the wards of an area, and wards by part of their name in any case', async () => {
    const byArea = await suite.client.run<{ wards: { name: string }[] }>(
      suite.db,
      '{ wards(filter: { areaCode: "NORTH" }) { name } }',
    );
    expect(byArea.data?.wards.map((w) => w.name)).toEqual(['Allestree', 'Darley', 'Derwent', 'Oakwood']);
    const byName = await suite.client.run<{ wards: { name: string }[] }>(
      suite.db,
      '{ wards(filter: { nameContains: "OVER" }) { name } }',
    );
    expect(byName.data?.wards.map((w) => w.name)).toEqual(['Littleover', 'Mickleover']);
    const wildcard = await suite.client.run<{ wards: unknown[] }>(
      suite.db,
      '{ wards(filter: { nameContains: "%" }) { name } }',
    );
    expect(wildcard.data?.wards).toEqual([]);
  });

  it('finds every ward its neighbours as the shared edges of the source file do', async () => {
    const result = await suite.client.run<{ wards: { code: string; neighbours: { code: string }[] }[] }>(
      suite.db,
      '{ wards { code neighbours { code } } }',
    );
    const edges = new Map(wardFile.features.map((f) => [f.properties?.WD13CD as string, edgesOf(f.geometry)]));
    for (const ward of result.data?.wards ?? []) {
      const mine = edges.get(ward.code) as Set<string>;
      const expected = [...edges]
        .filter(([code, theirs]) => code !== ward.code && [...theirs].some((e) => mine.has(e)))
        .map(([code]) => code)
        .sort();
      expect({ ward: ward.code, neighbours: ward.neighbours.map((n) => n.code).sort() }).toEqual({
        ward: ward.code,
        neighbours: expected,
      });
    }
  });

  it("lists Arboretum's neighbours by name", async () => {
    const result = await suite.client.run<{ ward: { neighbours: { name: string }[] } }>(
      suite.db,
      '{ ward(code: "E05001770") { neighbours { name } } }',
    );
    expect(result.data?.ward.neighbours.map((n) => n.name)).toEqual([
      'Abbey',
      'Alvaston',
      'Darley',
      'Derwent',
      'Normanton',
      'Sinfin',
    ]);
  });

  it('gives NOT_FOUND for an unknown ward, area or LSOA parent', async () => {
    for (const query of [
      '{ ward(code: "E05999999") { name } }',
      '{ area(code: "NOWHERE") { name } }',
      '{ lsoas(wardCode: "X") { code } }',
    ]) {
      const result = await suite.client.run(suite.db, query);
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(result.errors?.[0].message).toMatch(/No (ward|area) with code/);
    }
  });

  it('measures land area in EPSG:27700 within 0.5 % of a spherical measure of the source polygons', async () => {
    const result = await suite.client.run<{ wards: { code: string; areaSqKm: number }[] }>(
      suite.db,
      '{ wards { code areaSqKm } }',
    );
    for (const ward of result.data?.wards ?? []) {
      const feature = wardFile.features.find((f) => f.properties?.WD13CD === ward.code);
      const spherical = turf.area(feature as turf.AllGeoJSON) / 1e6;
      expect(Math.abs(ward.areaSqKm - spherical) / spherical).toBeLessThan(0.005);
    }
  });

  it('returns outlines as RFC 7946 GeoJSON: counter-clockwise exteriors, simplified on request', async () => {
    const query = `query ($m: Float!) { ward(code: "E05001770") { full: geometry raw: geometry(simplifyMetres: 0) simple: geometry(simplifyMetres: $m) centroid } }`;
    const result = await suite.client.run<{
      ward: { full: Geometry; raw: Geometry; simple: Geometry; centroid: Point };
    }>(suite.db, query, { m: 50 });
    const { full, simple, centroid } = result.data?.ward as {
      full: MultiPolygon;
      simple: MultiPolygon;
      centroid: Point;
    };
    expect(full.type).toBe('MultiPolygon');
    expect(simple.type).toBe('MultiPolygon');
    for (const polygon of [...full.coordinates, ...simple.coordinates]) {
      expect(turf.booleanClockwise(polygon[0] as Position[])).toBe(false);
      polygon.slice(1).forEach((hole) => expect(turf.booleanClockwise(hole as Position[])).toBe(true));
    }
    const vertices = (g: MultiPolygon) => g.coordinates.flat(2).length;
    expect(vertices(simple)).toBeLessThan(vertices(full));
    expect(turf.booleanPointInPolygon(centroid.coordinates, full)).toBe(true);
  });

  it('refuses a simplification tolerance over 1 km', async () => {
    const result = await suite.client.run(suite.db, '{ ward(code: "E05001770") { geometry(simplifyMetres: 5000) } }');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(/simplifyMetres must be between 0 and 1000, got 5000/);
  });

  it("unions an area's wards into its outline", async () => {
    const result = await suite.client.run<{ area: { geometry: MultiPolygon; wards: { areaSqKm: number }[] } }>(
      suite.db,
      '{ area(code: "WEST") { geometry wards { areaSqKm } } }',
    );
    const area = result.data?.area as { geometry: MultiPolygon; wards: { areaSqKm: number }[] };
    expect(area.geometry.coordinates).toHaveLength(1);
    const sumOfWards = area.wards.reduce((s, w) => s + w.areaSqKm, 0);
    // turf measures on the sphere, the hub in EPSG:27700: they agree to a fraction of a per cent.
    expect(Math.abs(turf.area(area.geometry) / 1e6 - sumOfWards) / sumOfWards).toBeLessThan(0.005);
  });
});

describe('LSOAs and population', () => {
  it("lists a ward's LSOAs by the ONS best-fit lookup", async () => {
    const result = await suite.client.run<{ lsoas: { code: string; ward: { code: string } }[] }>(
      suite.db,
      '{ lsoas(wardCode: "E05001770") { code ward { code } } }',
    );
    const expected = lookup
      .filter((r) => r.ward_code === 'E05001770')
      .map((r) => r.lsoa_code)
      .sort();
    expect(result.data?.lsoas.map((l) => l.code)).toEqual(expected);
    result.data?.lsoas.forEach((l) => expect(l.ward.code).toBe('E05001770'));
  });

  it('gives each LSOA its published mid-2020 and mid-2015 populations', async () => {
    const result = await suite.client.run<{ lsoas: { code: string; population: number; populationMid2015: number }[] }>(
      suite.db,
      '{ lsoas(wardCode: "E05001767") { code population populationMid2015 } }',
    );
    const mid2020 = new Map(csv('derby-lsoa-population-mid2020.csv').map((r) => [r.lsoa_code, Number(r.population)]));
    const mid2015 = new Map(csv('derby-imd2019.csv').map((r) => [r.lsoa_code, Number(r.population_mid2015)]));
    for (const lsoa of result.data?.lsoas ?? []) {
      expect(lsoa.population).toBe(mid2020.get(lsoa.code));
      expect(lsoa.populationMid2015).toBe(mid2015.get(lsoa.code));
    }
  });

  it('apportions LSOA population to wards by land share, keeping the city total', async () => {
    const result = await suite.client.run<{
      wards: { code: string; population: number }[];
      areas: { population: number }[];
    }>(suite.db, '{ wards { code population } areas { population } }');
    const cityTotal = csv('derby-lsoa-population-mid2020.csv').reduce((s, r) => s + Number(r.population), 0);
    const wardTotal = (result.data?.wards ?? []).reduce((s, w) => s + w.population, 0);
    const areaTotal = (result.data?.areas ?? []).reduce((s, a) => s + a.population, 0);
    // Every LSOA's shares sum to 1, so apportioning moves people between wards but loses none.
    expect(wardTotal).toBeCloseTo(cityTotal, 6);
    expect(areaTotal).toBeCloseTo(wardTotal, 6);
    // Apportioning stays close to the best-fit sums (derived in the source folder) for every ward.
    const bestFit = new Map(csv('derby-ward-population-mid2020.csv').map((r) => [r.ward_code, Number(r.population)]));
    for (const ward of result.data?.wards ?? []) {
      expect(
        Math.abs(ward.population - (bestFit.get(ward.code) as number)) / (bestFit.get(ward.code) as number),
      ).toBeLessThan(0.05);
    }
  });
});

describe('locate', () => {
  it('names the ward, area and LSOA of the cathedral', async () => {
    const result = await suite.client.run<{
      locate: { ward: { name: string }; area: { name: string }; lsoa: { code: string } };
    }>(suite.db, '{ locate(lon: -1.4776, lat: 52.9254) { ward { name } area { name } lsoa { code } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.locate.ward.name).toBe('Arboretum');
    expect(result.data?.locate.area.name).toBe('South and City Centre');
    const lsoaFile = geojson('derby-lsoa-2011.geojson');
    const expected = lsoaFile.features.find((f) => turf.booleanPointInPolygon([-1.4776, 52.9254], f.geometry));
    expect(result.data?.locate.lsoa.code).toBe(expected?.properties?.LSOA11CD);
  });

  it('gives BAD_USER_INPUT for a longitude out of range, naming the range', async () => {
    const result = await suite.client.run(suite.db, '{ locate(lon: 200, lat: 52.9) { ward { name } } }');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toBe('lon must be between -180 and 180 degrees (WGS 84), got 200');
  });

  it('hints when longitude and latitude look swapped', async () => {
    const swapped = await suite.client.run(suite.db, '{ locate(lon: 1.47, lat: 152.9) { ward { name } } }');
    expect(errorCodes(swapped)).toEqual(['BAD_USER_INPUT']);
    expect(swapped.errors?.[0].message).toMatch(/look swapped/);
  });

  it('hints at a swap when Derby is given latitude first, both numbers in range', async () => {
    // The cathedral as "52.9254, -1.4776" read as lon, lat: a valid point in the Indian Ocean.
    const located = await suite.client.run(suite.db, '{ locate(lon: 52.9254, lat: -1.4776) { ward { name } } }');
    expect(errorCodes(located)).toEqual(['NOT_FOUND']);
    expect(located.errors?.[0].message).toMatch(
      /look swapped: \(lon -1.4776, lat 52.9254\) is in the city \(ward E05\d+\)/,
    );
    const reported = await suite.client.run(
      suite.db,
      'mutation { reportIssue(input: { category: "graffiti", lon: 52.9254, lat: -1.4776, description: "swapped" }) { id } }',
    );
    expect(errorCodes(reported)).toEqual(['BAD_USER_INPUT']);
    expect(reported.errors?.[0].message).toMatch(/look swapped/);
  });

  it('gives NOT_FOUND for a point in London, with no swap hint', async () => {
    const result = await suite.client.run(suite.db, '{ locate(lon: -0.1276, lat: 51.5072) { ward { name } } }');
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0].message).toMatch(/outside the city/);
    expect(result.errors?.[0].message).not.toMatch(/swapped/);
  });

  it('locates every published police.uk point in one statement, agreeing with turf point-in-polygon', async () => {
    const rows = csv('police-uk-derbyshire-sample.csv');
    const points = rows.map((r) => ({ lon: Number(r.Longitude), lat: Number(r.Latitude) }));
    points.push({ lon: -0.1276, lat: 51.5072 });
    const counting = countingDb(suite.db);
    const result = await suite.client.run<{
      locateMany: { index: number; ward: { code: string } | null; area: { code: string } | null }[];
    }>(counting, 'query ($p: [PointInput!]!) { locateMany(points: $p) { index ward { code } area { code } } }', {
      p: points,
    });
    expect(result.errors).toBeUndefined();
    const located = result.data?.locateMany ?? [];
    expect(located.map((l) => l.index)).toEqual(points.map((_, i) => i));
    // One statement locates all points; loading the distinct wards and areas adds one each.
    expect(counting.statements.filter((s) => s.includes('unnest'))).toHaveLength(1);
    expect(counting.count).toBe(3);
    expect(located[located.length - 1].ward).toBeNull();
    const wardOf = (lon: number, lat: number) =>
      wardFile.features.find((f) => turf.booleanPointInPolygon([lon, lat], f.geometry))?.properties?.WD13CD;
    located.slice(0, -1).forEach((l, i) => {
      expect(l.ward).not.toBeNull();
      if (i % 10 === 0) {
        expect(l.ward?.code).toBe(wardOf(points[i].lon, points[i].lat));
      }
    });
  });

  it(`refuses more than ${LOCATE_MANY_LIMIT} points, and names a bad point by its index`, async () => {
    const many = Array.from({ length: LOCATE_MANY_LIMIT + 1 }, () => ({ lon: -1.47, lat: 52.92 }));
    const tooMany = await suite.client.run(
      suite.db,
      'query ($p: [PointInput!]!) { locateMany(points: $p) { index } }',
      {
        p: many,
      },
    );
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0].message).toBe(
      `points must be at most ${LOCATE_MANY_LIMIT} per call, got ${LOCATE_MANY_LIMIT + 1}`,
    );
    const bad = await suite.client.run(suite.db, 'query ($p: [PointInput!]!) { locateMany(points: $p) { index } }', {
      p: [
        { lon: -1.47, lat: 52.92 },
        { lon: -1.47, lat: 95 },
      ],
    });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].message).toMatch(/points\[1\]/);
  });

  it('answers an empty list with an empty list', async () => {
    const result = await suite.client.run<{ locateMany: unknown[] }>(suite.db, '{ locateMany(points: []) { index } }');
    expect(result.data?.locateMany).toEqual([]);
  });
});
