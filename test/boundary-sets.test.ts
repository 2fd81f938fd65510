import fs from 'node:fs';
import path from 'node:path';

import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

import type { Caller } from '../src/auth/caller';
import { incidentFilesOf } from '../src/ingest/geodata/read';
import { importPoliceFiles } from '../src/ingest/police/import-police';
import { DEFAULT_MANIFEST } from '../src/paths';

import { lsoaSetFiles, unitAt, type WardSetFile, wardSetFiles } from './helpers/boundary-sets';
import { inRolledBackTransaction } from './helpers/database';
import { csv, GEODATA } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

// Derby's wards changed on 4 May 2023: the hub holds the 17 wards of 2013 and the 18 that replaced
// them as two dated boundary sets, with a crosswalk between them. Every expectation here comes
// from the shipped files (geodata/), measured with turf, not from the hub.
const suite = graphqlSuite();

const [earlier, current] = wardSetFiles();
const [, lsoas2021] = lsoaSetFiles();
const history = csv('derby-ward-code-history.csv');
const police = csv('police-uk-derbyshire-sample.csv');
const ANALYST: Caller = { role: 'analyst', identity: 'api-key:201 (boundary sets)', limitKey: 'api-key:201' };
const CATHEDRAL = [-1.4776, 52.9254];
// The illustrative grouping file names the 2013 wards' areas.
const grouping: { areas: { code: string; wards: { code: string }[] }[] } = JSON.parse(
  fs.readFileSync(path.join(GEODATA, 'derby-areas-illustrative.json'), 'utf8'),
);
const areaOf2013 = new Map(grouping.areas.flatMap((a) => a.wards.map((w) => [w.code, a.code] as const)));

type Outline = Feature<Polygon | MultiPolygon>;
const features = (set: WardSetFile) => [...set.wards.values()];
/** The union of a set's wards (turf, on the sphere). */
const unionOf = (set: WardSetFile) => turf.union(turf.featureCollection(features(set))) as Outline;

// Overlaps smaller than this (a 10 m square) are where generalised lines cross by rounding, not
// land two wards both hold.
const SLIVER_SQ_M = 100;
// The two sets' outer lines were generalised separately: their unions may differ by thin strips
// along the city edge. 0.2 km² is a quarter of one per cent of the city's 78 km²; a ward left out
// or added (the smallest is over 2 km²) would be ten times that.
const CITY_EDGE_SQ_KM = 0.2;
// Crosswalk shares are ratios of areas within one small city, so the scale difference between
// turf's sphere and the hub's British National Grid cancels to about 1e-5; 0.001 (a tenth of
// the sliver threshold) leaves room for that and nothing else.
const SHARE_TOLERANCE = 0.001;

/** Each ward's neighbours by the edges the file's rings share (the files share vertices exactly). */
function sharedEdges(set: WardSetFile): Map<string, string[]> {
  const edges = new Map(
    [...set.wards].map(([code, f]) => {
      const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
      const mine = new Set<string>();
      for (const ring of rings) {
        for (let i = 0; i + 1 < ring.length; i += 1) {
          mine.add([ring[i].join(','), ring[i + 1].join(',')].sort().join('|'));
        }
      }
      return [code, mine] as const;
    }),
  );
  return new Map(
    [...edges].map(([code, mine]) => [
      code,
      [...edges].filter(([other, theirs]) => other !== code && [...theirs].some((e) => mine.has(e))).map(([o]) => o),
    ]),
  );
}

/**
 * The crosswalk computed here with turf from the two files, as the hub defines it: each
 * intersection's land, pieces under 0.1 % of both wards' land dropped as slivers, shares of the
 * land each ward has in the kept pieces.
 */
function turfCrosswalk(): { from: string; to: string; shareOfFrom: number; shareOfTo: number }[] {
  const pieces: { from: string; to: string; land: number }[] = [];
  for (const [from, a] of earlier.wards) {
    for (const [to, b] of current.wards) {
      const piece = turf.intersect(turf.featureCollection([a, b]));
      if (piece) {
        pieces.push({ from, to, land: turf.area(piece) });
      }
    }
  }
  const total = (key: 'from' | 'to', code: string, of: typeof pieces) =>
    of.filter((p) => p[key] === code).reduce((s, p) => s + p.land, 0);
  const kept = pieces.filter(
    (p) => p.land / total('from', p.from, pieces) >= 1e-3 || p.land / total('to', p.to, pieces) >= 1e-3,
  );
  return kept.map((p) => ({
    from: p.from,
    to: p.to,
    shareOfFrom: p.land / total('from', p.from, kept),
    shareOfTo: p.land / total('to', p.to, kept),
  }));
}

describe('the boundary sets held', () => {
  it('are the 2013 and current ward sets and the 2011 and 2021 LSOA sets, with the code history’s dates', async () => {
    const result = await suite.client.run<{
      boundarySets: { id: string; kind: string; validFrom: string; validTo: string | null; current: boolean }[];
    }>(suite.db, '{ boundarySets { id kind validFrom validTo current lsoaSet } }');
    expect(result.errors).toBeUndefined();
    const sets = result.data?.boundarySets ?? [];
    expect(sets.filter((s) => s.kind === 'ward')).toEqual(
      [earlier, current].map((s) => ({
        id: s.id,
        kind: 'ward',
        validFrom: s.validFrom,
        validTo: s.validTo,
        current: s.validTo === null,
        lsoaSet: s.lsoaSet,
      })),
    );
    expect(sets.filter((s) => s.kind === 'lsoa').map((s) => s.id)).toEqual(lsoaSetFiles().map((s) => s.id));
    // The 2013 wards end the day before the current ones start.
    const dayAfter = new Date(Date.parse(`${earlier.validTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(dayAfter).toBe(current.validFrom);
  });
});

describe('the current wards', () => {
  it('are 18, with the codes, names and dates of the ONS code history, as the 2013 ones are 17', async () => {
    const result = await suite.client.run<{
      now: { code: string; name: string; validFrom: string; validTo: string | null }[];
      then: { code: string; name: string; validFrom: string; validTo: string | null }[];
    }>(
      suite.db,
      `query ($then: String) { now: wards { code name validFrom validTo }
         then: wards(filter: { boundarySet: $then }) { code name validFrom validTo } }`,
      { then: earlier.id },
    );
    const rows = (live: boolean) =>
      history
        .filter((h) => (h.end === '') === live)
        .map((h) => ({ code: h.WD_CD, name: h.WD_NM, validFrom: h.start, validTo: h.end || null }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
    expect(result.data?.now).toHaveLength(18);
    expect(result.data?.now).toEqual(rows(true));
    expect(result.data?.then).toHaveLength(17);
    expect(result.data?.then).toEqual(rows(false));
    // The files hold the same codes and names.
    expect(current.names).toEqual(new Map(rows(true).map((r) => [r.code, r.name])));
    expect(earlier.names).toEqual(new Map(rows(false).map((r) => [r.code, r.name])));
  });

  it('are contiguous: every ward shares an edge with another, and together they make one piece without holes', async () => {
    for (const [code, neighbours] of sharedEdges(current)) {
      expect({ code, touches: neighbours.length > 0 }).toEqual({ code, touches: true });
    }
    const union = unionOf(current);
    expect(union.geometry.type).toBe('Polygon');
    expect(union.geometry.coordinates).toHaveLength(1);
    // As the hub stores them too.
    const [stored] = await suite.db.query<{ pieces: number; holes: number }>(
      `SELECT ST_NumGeometries(u) AS pieces, ST_NumInteriorRings(ST_GeometryN(u, 1)) AS holes
       FROM (SELECT ST_Union(geom) AS u FROM ward WHERE boundary_set_id = $1) x`,
      [current.id],
    );
    expect(stored).toEqual({ pieces: 1, holes: 0 });
  });

  it(`do not overlap: no two share more than ${SLIVER_SQ_M} m² of land`, async () => {
    const outlines = features(current);
    for (let i = 0; i < outlines.length; i += 1) {
      for (let j = i + 1; j < outlines.length; j += 1) {
        const both = turf.intersect(turf.featureCollection([outlines[i], outlines[j]]));
        expect(both ? turf.area(both) : 0).toBeLessThan(SLIVER_SQ_M);
      }
    }
    // Measured by the hub in EPSG:27700 on what it stores.
    const [stored] = await suite.db.query<{ largest: number | null }>(
      `SELECT max(ST_Area(ST_Intersection(ST_Transform(a.geom, 27700), ST_Transform(b.geom, 27700)))) AS largest
       FROM ward a JOIN ward b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)
       WHERE a.boundary_set_id = $1 AND b.boundary_set_id = $1`,
      [current.id],
    );
    expect(stored.largest ?? 0).toBeLessThan(SLIVER_SQ_M);
  });

  it(`cover the city the 2013 wards covered, to within ${CITY_EDGE_SQ_KM} km² along its edge`, async () => {
    const [now, then] = [unionOf(current), unionOf(earlier)];
    const outside = [
      turf.difference(turf.featureCollection([now, then])),
      turf.difference(turf.featureCollection([then, now])),
    ];
    const differenceSqKm = outside.reduce((s, d) => s + (d ? turf.area(d) : 0), 0) / 1e6;
    expect(differenceSqKm).toBeLessThan(CITY_EDGE_SQ_KM);
    expect(turf.area(now) / 1e6).toBeGreaterThan(70);
    const [stored] = await suite.db.query<{ difference: number; city: number }>(
      `WITH u AS (SELECT boundary_set_id AS set, ST_Transform(ST_Union(geom), 27700) AS g FROM ward GROUP BY 1)
       SELECT ST_Area(ST_SymDifference(a.g, b.g)) / 1e6 AS difference, ST_Area(a.g) / 1e6 AS city
       FROM u a, u b WHERE a.set = $1 AND b.set = $2`,
      [current.id, earlier.id],
    );
    expect(stored.difference).toBeLessThan(CITY_EDGE_SQ_KM);
    expect(Math.abs(stored.city - turf.area(now) / 1e6) / stored.city).toBeLessThan(0.005);
  });
});

describe('the crosswalk from the 2013 wards to the current ones', () => {
  interface Share {
    ward: { code: string; boundarySet: { id: string } };
    landShare: number;
    landSqKm: number;
    residents: number;
    residentsShare: number;
  }
  const SHARE = 'ward { code boundarySet { id } } landShare landSqKm residents residentsShare';
  let then: { code: string; areaSqKm: number; successors: Share[]; predecessors: Share[] }[];
  let now: { code: string; population: number; successors: Share[]; predecessors: Share[] }[];

  beforeAll(async () => {
    const result = await suite.client.run<{ then: typeof then; now: typeof now }>(
      suite.db,
      `query ($then: String) {
         then: wards(filter: { boundarySet: $then }) { code areaSqKm successors { ${SHARE} } predecessors { ${SHARE} } }
         now: wards { code population successors { ${SHARE} } predecessors { ${SHARE} } } }`,
      { then: earlier.id },
    );
    expect(result.errors).toBeUndefined();
    ({ then, now } = result.data as { then: typeof then; now: typeof now });
  });

  const sum = (shares: Share[], key: 'landShare' | 'residentsShare' | 'residents' | 'landSqKm') =>
    shares.reduce((s, x) => s + x[key], 0);

  it("passes all of every 2013 ward's land and residents to current wards: shares sum to 1 within 1e-9", () => {
    expect(then).toHaveLength(17);
    for (const ward of then) {
      expect(ward.predecessors).toEqual([]);
      expect(ward.successors.length).toBeGreaterThan(0);
      ward.successors.forEach((s) => expect(s.ward.boundarySet.id).toBe(current.id));
      expect(Math.abs(sum(ward.successors, 'landShare') - 1)).toBeLessThan(1e-9);
      expect(Math.abs(sum(ward.successors, 'residentsShare') - 1)).toBeLessThan(1e-9);
      // Only slivers (under 0.1 % of the ward) are left out of the land passed on.
      expect(Math.abs(sum(ward.successors, 'landSqKm') - ward.areaSqKm) / ward.areaSqKm).toBeLessThan(0.005);
      // Largest share first.
      const shares = ward.successors.map((s) => s.landShare);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
    }
    for (const ward of now) {
      expect(ward.successors).toEqual([]);
      expect(Math.abs(sum(ward.predecessors, 'landShare') - 1)).toBeLessThan(1e-9);
      expect(Math.abs(sum(ward.predecessors, 'residentsShare') - 1)).toBeLessThan(1e-9);
    }
  });

  it('keeps the city’s residents: what passed adds up to the mid-2020 population of the LSOAs, to 1e-6', () => {
    const passed = then.reduce((s, w) => s + sum(w.successors, 'residents'), 0);
    const received = now.reduce((s, w) => s + sum(w.predecessors, 'residents'), 0);
    const population = [...lsoas2021.populationMid2020.values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(passed - population) / population).toBeLessThan(1e-6);
    expect(Math.abs(received - population) / population).toBeLessThan(1e-6);
    // Each current ward received about the residents its own LSOA shares give it (the two differ
    // only by the slivers the crosswalk leaves out).
    for (const ward of now) {
      expect(Math.abs(sum(ward.predecessors, 'residents') - ward.population) / ward.population).toBeLessThan(0.01);
    }
  });

  it('passes each 2013 ward’s land to the wards that now cover it, as turf’s overlay of the two files does', () => {
    const expected = turfCrosswalk();
    const byFrom = (code: string) => expected.filter((e) => e.from === code);
    // Boulton and Alvaston, named in the issue, then every other ward.
    const order = [
      'E05001772',
      'E05001769',
      ...then.map((w) => w.code).filter((c) => !['E05001772', 'E05001769'].includes(c)),
    ];
    for (const code of order) {
      const ward = then.find((w) => w.code === code);
      const mine = byFrom(code);
      expect({ code, to: ward?.successors.map((s) => s.ward.code).sort() }).toEqual({
        code,
        to: mine.map((e) => e.to).sort(),
      });
      for (const share of ward?.successors ?? []) {
        const e = mine.find((m) => m.to === share.ward.code);
        expect(Math.abs(share.landShare - (e?.shareOfFrom as number))).toBeLessThan(SHARE_TOLERANCE);
      }
    }
    // And from the other side: each current ward's predecessors and their shares of its land.
    for (const ward of now) {
      const mine = expected.filter((e) => e.to === ward.code);
      expect(ward.predecessors.map((p) => p.ward.code).sort()).toEqual(mine.map((e) => e.from).sort());
      for (const share of ward.predecessors) {
        const e = mine.find((m) => m.from === share.ward.code);
        expect(Math.abs(share.landShare - (e?.shareOfTo as number))).toBeLessThan(SHARE_TOLERANCE);
      }
    }
  });
});

describe('the areas of the current wards', () => {
  it('are carried over by residents: each ward joins the area most of its residents were in, and every area stays in one piece', async () => {
    const result = await suite.client.run<{
      wards: { code: string; area: { code: string }; predecessors: { ward: { code: string }; residents: number }[] }[];
    }>(suite.db, '{ wards { code area { code } predecessors { ward { code } residents } } }');
    const wards = result.data?.wards ?? [];
    expect(wards).toHaveLength(current.wards.size);
    for (const ward of wards) {
      // Residents by the area (in the grouping file) of the 2013 ward they lived in.
      const byArea = new Map<string, number>();
      ward.predecessors.forEach((p) => {
        const area = areaOf2013.get(p.ward.code) as string;
        byArea.set(area, (byArea.get(area) ?? 0) + p.residents);
      });
      const [most] = [...byArea].sort((a, b) => b[1] - a[1]);
      expect({ ward: ward.code, area: ward.area.code }).toEqual({ ward: ward.code, area: most[0] });
    }
    // Contiguous by the file's shared edges: from any ward of an area, its other wards are reached
    // through neighbours in the same area.
    const neighbours = sharedEdges(current);
    const areaOf = new Map(wards.map((w) => [w.code, w.area.code]));
    for (const area of new Set(areaOf.values())) {
      const members = [...areaOf].filter(([, a]) => a === area).map(([code]) => code);
      const reached = new Set([members[0]]);
      for (const code of reached) {
        (neighbours.get(code) ?? []).filter((n) => areaOf.get(n) === area).forEach((n) => reached.add(n));
      }
      expect({ area, reached: [...reached].sort() }).toEqual({ area, reached: members.sort() });
    }
    expect(new Set(areaOf.values())).toEqual(new Set(grouping.areas.map((a) => a.code)));
    // The loader recorded each assignment, with its reason.
    const recorded = await suite.db.query<{ ward: string; area: string; why: string }>(
      `SELECT DISTINCT ON (ward_code) ward_code AS ward, to_area AS area, on_behalf_of AS why FROM ward_area_change
       WHERE ward_code = ANY($1) ORDER BY ward_code, id DESC`,
      [[...current.wards.keys()]],
    );
    expect(recorded.map((r) => [r.ward, r.area])).toEqual([...areaOf].sort());
    recorded.forEach((r) => expect(r.why).toMatch(/carried over from ons-wards-2013/));
  });
});

describe('incidents either side of the change', () => {
  const REPORT = `mutation ($at: DateTimeISO!) {
    reportIssue(input: { category: "graffiti", lon: ${CATHEDRAL[0]}, lat: ${CATHEDRAL[1]}, description: "boundary sets", reportedAt: $at }) {
      ward { code boundarySet { id } } currentWard { code } area { code } currentArea { code } } }`;
  const STATS = `query ($ward: String!) { ward(code: $ward) {
    stats(from: "2023-04", to: "2023-05", categories: ["graffiti"]) { total boundarySet monthsNotOnSet byMonth { month count } } } }`;
  type Stats = {
    total: number;
    boundarySet: string;
    monthsNotOnSet: string[];
    byMonth: { month: string; count: number }[];
  };

  it('puts April 2023 in a 2013 ward and May 2023 in a current one, both in the current ward today', async () => {
    const then = unitAt(earlier.wards, CATHEDRAL) as string;
    const now = unitAt(current.wards, CATHEDRAL) as string;
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const stats = async (ward: string) =>
        (await suite.client.run<{ ward: { stats: Stats } }>(tx, STATS, { ward }, ANALYST)).data?.ward.stats as Stats;
      const before = { then: await stats(then), now: await stats(now) };
      type Made = {
        ward: { code: string; boundarySet: { id: string } };
        currentWard: { code: string };
        area: { code: string };
        currentArea: { code: string };
      };
      const report = async (at: string) =>
        (await suite.client.run<{ reportIssue: Made }>(tx, REPORT, { at })).data?.reportIssue as Made;
      const april = await report('2023-04-20T12:00:00Z');
      // Two days before the new wards came in, but placed by its month's last day, under them.
      const may = await report('2023-05-02T12:00:00Z');
      const after = { then: await stats(then), now: await stats(now) };
      const areas = await suite.client.run<{ then: { area: { code: string } }; now: { area: { code: string } } }>(
        tx,
        'query ($then: String!, $now: String!) { then: ward(code: $then) { area { code } } now: ward(code: $now) { area { code } } }',
        { then, now },
      );
      return { april, may, before, after, areas: areas.data };
    });
    expect(then).not.toBe(now);
    expect(outcome.april.ward).toEqual({ code: then, boundarySet: { id: earlier.id } });
    expect(outcome.may.ward).toEqual({ code: now, boundarySet: { id: current.id } });
    expect(outcome.april.currentWard.code).toBe(now);
    expect(outcome.may.currentWard.code).toBe(now);
    expect(outcome.april.area.code).toBe(outcome.areas?.then.area.code);
    expect([outcome.may.area.code, outcome.april.currentArea.code]).toEqual([
      outcome.areas?.now.area.code,
      outcome.areas?.now.area.code,
    ]);
    // The 2013 ward counts only April, the months it was in force; the current ward counts both.
    expect(outcome.after.then.boundarySet).toBe(earlier.id);
    expect(outcome.after.then.monthsNotOnSet).toEqual(['2023-05']);
    expect(outcome.after.then.total - outcome.before.then.total).toBe(1);
    expect(outcome.after.then.byMonth.map((m) => m.month)).toEqual(['2023-04', '2023-05']);
    expect(outcome.after.now.boundarySet).toBe(current.id);
    expect(outcome.after.now.monthsNotOnSet).toEqual([]);
    expect(outcome.after.now.total - outcome.before.now.total).toBe(2);
  });

  it('gives the real December 2018 month, imported again, the 2013 wards’ figures a point-in-polygon count gives', async () => {
    const again = await importPoliceFiles(suite.dataSource, incidentFilesOf(DEFAULT_MANIFEST));
    expect(again.counts).toMatchObject({ read: police.length, rejected: 0, outsideCity: 0 });
    // Counted here with turf over the file's points; a row without a point by its LSOA's
    // best-fit ward of the set.
    const count = (set: WardSetFile) => {
      const counts = new Map([...set.wards.keys()].map((code) => [code, 0]));
      for (const row of police) {
        const point: Position = [Number(row.Longitude), Number(row.Latitude)];
        const ward = row.Longitude === '' ? set.lookup.get(row['LSOA code']) : unitAt(set.wards, point);
        counts.set(ward as string, (counts.get(ward as string) ?? 0) + 1);
      }
      return counts;
    };
    for (const set of [earlier, current]) {
      const result = await suite.client.run<{
        wards: { code: string; stats: { total: number; boundarySet: string; monthsNotOnSet: string[] } }[];
      }>(
        suite.db,
        `query ($set: String) { wards(filter: { boundarySet: $set }) {
           code stats(from: "2018-12", to: "2018-12") { total boundarySet monthsNotOnSet } } }`,
        { set: set.id },
        ANALYST,
      );
      expect(result.errors).toBeUndefined();
      const wards = result.data?.wards ?? [];
      wards.forEach((w) => expect([w.stats.boundarySet, w.stats.monthsNotOnSet]).toEqual([set.id, []]));
      expect(new Map(wards.map((w) => [w.code, w.stats.total]))).toEqual(count(set));
      // Every row of the month is in exactly one ward of each set.
      expect(wards.reduce((s, w) => s + w.stats.total, 0)).toBe(police.length);
    }
  });
});

describe('asOf and boundarySet', () => {
  it('answers the 2013 wards as of a day they were in force, up to their last, and the current ones after', async () => {
    const codesOn = async (asOf: string) =>
      (
        await suite.client.run<{ wards: { code: string }[] }>(
          suite.db,
          'query ($asOf: String) { wards(filter: { asOf: $asOf }) { code } }',
          { asOf },
        )
      ).data?.wards.map((w) => w.code);
    expect(new Set(await codesOn('2020-06-01'))).toEqual(new Set(earlier.wards.keys()));
    expect(new Set(await codesOn(earlier.validTo as string))).toEqual(new Set(earlier.wards.keys()));
    expect(new Set(await codesOn(current.validFrom))).toEqual(new Set(current.wards.keys()));
    expect(await codesOn('2023-05-04')).toHaveLength(18);
    const areas = await suite.client.run<{ areas: { boundarySet: { id: string }; wards: { code: string }[] }[] }>(
      suite.db,
      '{ areas(asOf: "2020-06-01") { boundarySet { id } wards { code } } }',
    );
    expect(new Set(areas.data?.areas.map((a) => a.boundarySet.id))).toEqual(new Set([earlier.id]));
    expect(new Set(areas.data?.areas.flatMap((a) => a.wards.map((w) => w.code)))).toEqual(
      new Set(earlier.wards.keys()),
    );
  });

  it('locates on the wards of the day asked about, on both sides of the change', async () => {
    const LOCATE = `query ($asOf: String) { locate(lon: ${CATHEDRAL[0]}, lat: ${CATHEDRAL[1]}, asOf: $asOf) {
      boundarySet { id } ward { code } } }`;
    const on = async (asOf: string) =>
      (
        await suite.client.run<{ locate: { boundarySet: { id: string }; ward: { code: string } } }>(suite.db, LOCATE, {
          asOf,
        })
      ).data?.locate;
    expect(await on(earlier.validTo as string)).toEqual({
      boundarySet: { id: earlier.id },
      ward: { code: unitAt(earlier.wards, CATHEDRAL) },
    });
    expect(await on(current.validFrom)).toEqual({
      boundarySet: { id: current.id },
      ward: { code: unitAt(current.wards, CATHEDRAL) },
    });
    // Every police.uk point of December 2018 on that month's wards, as turf finds them.
    const points = police.map((r) => ({ lon: Number(r.Longitude), lat: Number(r.Latitude) }));
    const result = await suite.client.run<{ locateMany: { ward: { code: string } | null }[] }>(
      suite.db,
      'query ($p: [PointInput!]!) { locateMany(points: $p, asOf: "2018-12-31") { ward { code } } }',
      { p: points },
    );
    expect(result.data?.locateMany.map((l) => l.ward?.code ?? null)).toEqual(
      points.map((p) => unitAt(earlier.wards, [p.lon, p.lat])),
    );
  });

  it('finds a 2013 ward by code on a day it was in force, and refuses it after, saying when it was', async () => {
    const boulton = await suite.client.run<{ ward: { name: string; validTo: string } }>(
      suite.db,
      '{ ward(code: "E05001772", asOf: "2020-06-01") { name validTo } }',
    );
    expect(boulton.data?.ward).toEqual({ name: earlier.names.get('E05001772'), validTo: earlier.validTo });
    const ended = await suite.client.run(suite.db, '{ ward(code: "E05001772", asOf: "2024-01-01") { name } }');
    expect(errorCodes(ended)).toEqual(['NOT_FOUND']);
    expect(ended.errors?.[0].message).toContain(
      `in force ${earlier.validFrom} to ${earlier.validTo}, not on 2024-01-01`,
    );
    const early = await suite.client.run(suite.db, '{ ward(code: "E05015511", asOf: "2020-06-01") { name } }');
    expect(errorCodes(early)).toEqual(['NOT_FOUND']);
    expect(early.errors?.[0].message).toContain(`in force ${current.validFrom} to today`);
  });

  const HELD = [earlier, current].map((s) => `${s.id} (${s.validFrom} to ${s.validTo ?? 'today'})`).join(', ');

  it.each([
    [
      'a day before every set',
      '{ wards(filter: { asOf: "2001-01-01" }) { code } }',
      /asOf 2001-01-01 is before every ward set/,
    ],
    ['a day that does not exist', '{ wards(filter: { asOf: "2023-02-30" }) { code } }', /got "2023-02-30"/],
    ['a word', '{ locate(lon: -1.4776, lat: 52.9254, asOf: "yesterday") { ward { code } } }', /got "yesterday"/],
    ['a word to locateMany', '{ locateMany(points: [], asOf: "yesterday") { index } }', /got "yesterday"/],
    ['a word to ward', '{ ward(code: "E05001772", asOf: "yesterday") { name } }', /got "yesterday"/],
    ['a word to areas', '{ areas(asOf: "yesterday") { code } }', /got "yesterday"/],
  ])('refuses %s as asOf with BAD_USER_INPUT naming the sets held', async (_name, query, message) => {
    const result = await suite.client.run(suite.db, query);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(message);
    expect(result.errors?.[0].message).toContain(HELD);
  });

  it('refuses an asOf outside the boundarySet asked for', async () => {
    const result = await suite.client.run(
      suite.db,
      'query ($set: String) { wards(filter: { asOf: "2020-06-01", boundarySet: $set }) { code } }',
      { set: current.id },
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toContain(`asOf 2020-06-01 falls in ${earlier.id}`);
  });

  it.each([
    ['wards', '{ wards(filter: { boundarySet: "nope" }) { code } }'],
    ['areas', '{ areas(boundarySet: "nope") { code } }'],
    ['area', '{ area(code: "NORTH", boundarySet: "nope") { code } }'],
  ])('gives NOT_FOUND for a boundarySet the hub does not hold, to %s, naming those it does', async (_name, query) => {
    const result = await suite.client.run(suite.db, query);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0].message).toBe(`no ward boundary set "nope"; the hub holds ${HELD}`);
  });
});
