import fs from 'node:fs';
import path from 'node:path';

import * as turf from '@turf/turf';
import type { Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';

import { LOCATE_MANY_LIMIT } from '../src/geography/locate.resolver';

import { lsoaSetFiles, lsoasOf, unitAt, type WardSetFile, wardSetFiles } from './helpers/boundary-sets';
import { countingDb } from './helpers/database';
import { csv, GEODATA } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

// The 2013 set (17 wards, in force until 3 May 2023) and the current one (18 wards since then).
const [earlier, current] = wardSetFiles();
const [lsoas2011, lsoas2021] = lsoaSetFiles();
// The illustrative grouping, which names the 2013 wards.
const grouping: { areas: { code: string; name: string; wards: { code: string }[] }[] } = JSON.parse(
  fs.readFileSync(path.join(GEODATA, 'derby-areas-illustrative.json'), 'utf8'),
);
const areaOf2013 = new Map(grouping.areas.flatMap((a) => a.wards.map((w) => [w.code, a] as const)));
const CATHEDRAL = [-1.4776, 52.9254];

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

/** Each ward's neighbours as the shared edges of a set's file give them, by code. */
function neighboursInFile(set: WardSetFile): Map<string, string[]> {
  const edges = new Map([...set.wards].map(([code, f]) => [code, edgesOf(f.geometry)]));
  return new Map(
    [...edges].map(([code, mine]) => [
      code,
      [...edges]
        .filter(([other, theirs]) => other !== code && [...theirs].some((e) => mine.has(e)))
        .map(([other]) => other)
        .sort(),
    ]),
  );
}

describe('areas and wards', () => {
  it('answers the 18 wards of the current set by default, each in one of 4 areas', async () => {
    const result = await suite.client.run<{
      wards: { code: string; name: string; boundarySet: { id: string }; area: { name: string } }[];
    }>(suite.db, '{ wards { code name boundarySet { id } area { name } } }');
    expect(result.errors).toBeUndefined();
    const wards = result.data?.wards ?? [];
    expect(wards).toHaveLength(18);
    expect(new Map(wards.map((w) => [w.code, w.name]))).toEqual(current.names);
    expect(new Set(wards.map((w) => w.boundarySet.id))).toEqual(new Set([current.id]));
    expect(new Set(wards.map((w) => w.area.name)).size).toBe(4);
  });

  it('answers the 17 wards of 2013 in the areas of the grouping file when asked for that set', async () => {
    const result = await suite.client.run<{ wards: { code: string; name: string; area: { code: string } }[] }>(
      suite.db,
      'query ($set: String) { wards(filter: { boundarySet: $set }) { code name area { code } } }',
      { set: earlier.id },
    );
    expect(result.errors).toBeUndefined();
    const wards = result.data?.wards ?? [];
    expect(wards).toHaveLength(17);
    expect(new Map(wards.map((w) => [w.code, w.name]))).toEqual(earlier.names);
    wards.forEach((w) => expect([w.code, w.area.code]).toEqual([w.code, areaOf2013.get(w.code)?.code]));
  });

  it('lists the wards of an area, and wards by part of their name in any case', async () => {
    const north2013 = await suite.client.run<{ wards: { name: string }[] }>(
      suite.db,
      'query ($set: String) { wards(filter: { areaCode: "NORTH", boundarySet: $set }) { name } }',
      { set: earlier.id },
    );
    const inFile = grouping.areas.find((a) => a.code === 'NORTH')?.wards.map((w) => earlier.names.get(w.code)) ?? [];
    expect(inFile.length).toBeGreaterThan(0);
    expect(north2013.data?.wards.map((w) => w.name)).toEqual(inFile.sort());
    // On the current set, the filter keeps exactly the wards whose area is North.
    const all = await suite.client.run<{ wards: { name: string; area: { code: string } }[] }>(
      suite.db,
      '{ wards { name area { code } } }',
    );
    const north = await suite.client.run<{ wards: { name: string }[] }>(
      suite.db,
      '{ wards(filter: { areaCode: "NORTH" }) { name } }',
    );
    expect(north.data?.wards.map((w) => w.name)).toEqual(
      all.data?.wards.filter((w) => w.area.code === 'NORTH').map((w) => w.name),
    );
    expect(north.data?.wards.length).toBeGreaterThan(0);
    const byName = await suite.client.run<{ wards: { name: string }[] }>(
      suite.db,
      '{ wards(filter: { nameContains: "OVER" }) { name } }',
    );
    const overs = [...current.names.values()].filter((n) => n.toLowerCase().includes('over')).sort();
    expect(overs.length).toBeGreaterThan(1);
    expect(byName.data?.wards.map((w) => w.name)).toEqual(overs);
    const wildcard = await suite.client.run<{ wards: unknown[] }>(
      suite.db,
      '{ wards(filter: { nameContains: "%" }) { name } }',
    );
    expect(wildcard.data?.wards).toEqual([]);
  });

  it.each([
    ['current', current],
    ['2013', earlier],
  ])('finds every ward of the %s set its neighbours as the shared edges of its file do', async (_name, set) => {
    const result = await suite.client.run<{ wards: { code: string; neighbours: { code: string }[] }[] }>(
      suite.db,
      'query ($set: String) { wards(filter: { boundarySet: $set }) { code neighbours { code } } }',
      { set: set.id },
    );
    const expected = neighboursInFile(set);
    expect(result.data?.wards).toHaveLength(set.wards.size);
    for (const ward of result.data?.wards ?? []) {
      expect({ ward: ward.code, neighbours: ward.neighbours.map((n) => n.code).sort() }).toEqual({
        ward: ward.code,
        neighbours: expected.get(ward.code),
      });
    }
  });

  it("lists Arboretum's neighbours by name, in its own set", async () => {
    const result = await suite.client.run<{ ward: { neighbours: { name: string }[] } }>(
      suite.db,
      '{ ward(code: "E05015511") { neighbours { name } } }',
    );
    const names = (neighboursInFile(current).get('E05015511') ?? []).map((c) => current.names.get(c) as string);
    expect(names.length).toBeGreaterThan(2);
    expect(result.data?.ward.neighbours.map((n) => n.name)).toEqual(names.sort());
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

  it.each([
    ['current', current],
    ['2013', earlier],
  ])(
    'measures land area of the %s wards in EPSG:27700 within 0.5 %% of a spherical measure of the source polygons',
    async (_name, set) => {
      const result = await suite.client.run<{ wards: { code: string; areaSqKm: number }[] }>(
        suite.db,
        'query ($set: String) { wards(filter: { boundarySet: $set }) { code areaSqKm } }',
        { set: set.id },
      );
      expect(result.data?.wards).toHaveLength(set.wards.size);
      for (const ward of result.data?.wards ?? []) {
        const spherical = turf.area(set.wards.get(ward.code) as turf.AllGeoJSON) / 1e6;
        expect(Math.abs(ward.areaSqKm - spherical) / spherical).toBeLessThan(0.005);
      }
    },
  );

  it('returns outlines as RFC 7946 GeoJSON: counter-clockwise exteriors, simplified on request', async () => {
    const query = `query ($m: Float!) { ward(code: "E05015511") { full: geometry raw: geometry(simplifyMetres: 0) simple: geometry(simplifyMetres: $m) centroid } }`;
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

  it.each([
    ['current', current],
    ['2013', earlier],
  ])("unions an area's wards of the %s set into its outline", async (_name, set) => {
    const result = await suite.client.run<{
      area: { boundarySet: { id: string }; geometry: MultiPolygon; wards: { code: string; areaSqKm: number }[] };
    }>(
      suite.db,
      'query ($set: String) { area(code: "WEST", boundarySet: $set) { boundarySet { id } geometry wards { code areaSqKm } } }',
      {
        set: set.id,
      },
    );
    const area = result.data?.area as {
      boundarySet: { id: string };
      geometry: MultiPolygon;
      wards: { code: string; areaSqKm: number }[];
    };
    expect(area.boundarySet.id).toBe(set.id);
    area.wards.forEach((w) => expect(set.wards.has(w.code)).toBe(true));
    expect(area.geometry.coordinates).toHaveLength(1);
    const sumOfWards = area.wards.reduce((s, w) => s + w.areaSqKm, 0);
    // turf measures on the sphere, the hub in EPSG:27700: they agree to a fraction of a per cent.
    expect(Math.abs(turf.area(area.geometry) / 1e6 - sumOfWards) / sumOfWards).toBeLessThan(0.005);
  });
});

describe('LSOAs and population', () => {
  it.each([
    ['current', current, 'E05015511'],
    ['2013', earlier, 'E05001770'],
  ])("lists a %s ward's LSOAs by the ONS best-fit lookup of its set", async (_name, set, ward) => {
    const result = await suite.client.run<{ lsoas: { code: string; ward: { code: string } }[] }>(
      suite.db,
      'query ($ward: String!) { lsoas(wardCode: $ward) { code ward { code } } }',
      { ward },
    );
    const expected = lsoasOf(set, ward);
    expect(expected.length).toBeGreaterThan(0);
    expect(result.data?.lsoas.map((l) => l.code)).toEqual(expected);
    result.data?.lsoas.forEach((l) => expect(l.ward.code).toBe(ward));
  });

  it('gives each LSOA its published mid-2020 and mid-2015 populations', async () => {
    const result = await suite.client.run<{ lsoas: { code: string; population: number; populationMid2015: number }[] }>(
      suite.db,
      '{ lsoas(wardCode: "E05001767") { code population populationMid2015 } }',
    );
    const mid2020 = new Map(csv('derby-lsoa-population-mid2020.csv').map((r) => [r.lsoa_code, Number(r.population)]));
    const mid2015 = new Map(csv('derby-imd2019.csv').map((r) => [r.lsoa_code, Number(r.population_mid2015)]));
    expect(result.data?.lsoas.length).toBeGreaterThan(0);
    for (const lsoa of result.data?.lsoas ?? []) {
      expect(lsoa.population).toBe(mid2020.get(lsoa.code));
      expect(lsoa.populationMid2015).toBe(mid2015.get(lsoa.code));
    }
  });

  it('gives the 2021 successors of E01013479 its population shared by land, with their dates', async () => {
    const successors = [...lsoas2021.lsoas.keys()].filter((code) => !lsoas2011.lsoas.has(code));
    const history = new Map(csv('derby-lsoa-code-history.csv').map((r) => [r.LSOA_CD, r]));
    expect(successors).toHaveLength(2);
    for (const code of successors) {
      const ward = current.lookup.get(code) as string;
      const result = await suite.client.run<{
        lsoas: { code: string; population: number; validFrom: string; validTo: string | null }[];
      }>(suite.db, 'query ($ward: String!) { lsoas(wardCode: $ward) { code population validFrom validTo } }', {
        ward,
      });
      const lsoa = result.data?.lsoas.find((l) => l.code === code);
      expect(lsoa).toEqual({
        code,
        population: lsoas2021.populationMid2020.get(code),
        validFrom: history.get(code)?.start,
        validTo: history.get(code)?.end || null,
      });
    }
    // Shared out, the old LSOA's residents are all still counted.
    const total = (set: typeof lsoas2011) => [...set.populationMid2020.values()].reduce((a, b) => a + b, 0);
    expect(total(lsoas2021)).toBe(total(lsoas2011));
  });

  // The 2013 wards were drawn on 2011 LSOA lines, so apportioning by land stays within 5 % of the
  // best-fit sums; the 2023 wards cut through LSOAs that the best-fit lookup gives whole to one
  // ward (by population-weighted centroid), so there the two differ by up to about 14 %.
  it.each([
    ['current', current, lsoas2021, 0.15],
    ['2013', earlier, lsoas2011, 0.05],
  ])(
    'apportions LSOA population to the %s wards by land share, keeping the city total',
    async (_name, set, lsoaSet, tolerance) => {
      const result = await suite.client.run<{
        wards: { code: string; population: number }[];
        areas: { population: number }[];
      }>(
        suite.db,
        'query ($set: String) { wards(filter: { boundarySet: $set }) { code population } areas(boundarySet: $set) { population } }',
        { set: set.id },
      );
      const cityTotal = [...lsoaSet.populationMid2020.values()].reduce((a, b) => a + b, 0);
      const wardTotal = (result.data?.wards ?? []).reduce((s, w) => s + w.population, 0);
      const areaTotal = (result.data?.areas ?? []).reduce((s, a) => s + a.population, 0);
      // Every LSOA's shares sum to 1, so apportioning moves people between wards but loses none.
      expect(wardTotal).toBeCloseTo(cityTotal, 6);
      expect(areaTotal).toBeCloseTo(wardTotal, 6);
      // Apportioning stays close to the best-fit sums of the set's lookup for every ward.
      const bestFit = new Map<string, number>();
      set.lookup.forEach((ward, lsoa) =>
        bestFit.set(ward, (bestFit.get(ward) ?? 0) + (lsoaSet.populationMid2020.get(lsoa) as number)),
      );
      expect(result.data?.wards).toHaveLength(set.wards.size);
      for (const ward of result.data?.wards ?? []) {
        const expected = bestFit.get(ward.code) as number;
        expect({ ward: ward.code, close: Math.abs(ward.population - expected) / expected < tolerance }).toEqual({
          ward: ward.code,
          close: true,
        });
      }
    },
  );

  it('sums the best-fit populations of the 2013 wards as the derived file in the source folder does', () => {
    const derived = new Map(csv('derby-ward-population-mid2020.csv').map((r) => [r.ward_code, Number(r.population)]));
    const summed = new Map<string, number>();
    earlier.lookup.forEach((ward, lsoa) =>
      summed.set(ward, (summed.get(ward) ?? 0) + (lsoas2011.populationMid2020.get(lsoa) as number)),
    );
    expect(summed).toEqual(derived);
  });
});

describe('locate', () => {
  type Located = {
    boundarySet: { id: string };
    ward: { code: string; area: { code: string } };
    area: { code: string; name: string };
    lsoa: { code: string };
  };
  const LOCATE = `query ($asOf: String) { locate(lon: ${CATHEDRAL[0]}, lat: ${CATHEDRAL[1]}, asOf: $asOf) {
    boundarySet { id } ward { code area { code } } area { code name } lsoa { code } } }`;

  it('names the ward, area and LSOA of the cathedral today, on the current sets', async () => {
    const result = await suite.client.run<{ locate: Located }>(suite.db, LOCATE);
    expect(result.errors).toBeUndefined();
    const located = result.data?.locate as Located;
    expect(located.boundarySet.id).toBe(current.id);
    expect(located.ward.code).toBe(unitAt(current.wards, CATHEDRAL));
    expect(located.area.code).toBe(located.ward.area.code);
    expect(located.lsoa.code).toBe(unitAt(lsoas2021.lsoas, CATHEDRAL));
  });

  it('names the ward, area and LSOA of the cathedral in 2020, on the 2013 wards and 2011 LSOAs', async () => {
    const result = await suite.client.run<{ locate: Located }>(suite.db, LOCATE, { asOf: '2020-06-01' });
    expect(result.errors).toBeUndefined();
    const located = result.data?.locate as Located;
    const ward = unitAt(earlier.wards, CATHEDRAL) as string;
    expect(located.boundarySet.id).toBe(earlier.id);
    expect(located.ward.code).toBe(ward);
    expect(located.area).toEqual({ code: areaOf2013.get(ward)?.code, name: areaOf2013.get(ward)?.name });
    expect(located.lsoa.code).toBe(unitAt(lsoas2011.lsoas, CATHEDRAL));
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

  it('locates every published police.uk point in one statement, agreeing with turf point-in-polygon on the current wards', async () => {
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
    // One statement locates all points; reading the boundary sets, and loading the distinct
    // wards and areas, add one each.
    expect(counting.statements.filter((s) => s.includes('unnest'))).toHaveLength(1);
    expect(counting.count).toBe(4);
    expect(located[located.length - 1].ward).toBeNull();
    located.slice(0, -1).forEach((l, i) => {
      expect(l.ward).not.toBeNull();
      if (i % 10 === 0) {
        expect(l.ward?.code).toBe(unitAt(current.wards, [points[i].lon, points[i].lat]));
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
