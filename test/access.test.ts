import fs from 'node:fs';
import path from 'node:path';

import { ApolloServer } from '@apollo/server';
import { isObjectType } from 'graphql';
import { buildSchema, Query, Resolver } from 'type-graphql';

import { anonymous, type Caller } from '../src/auth/caller';
import { POLICY } from '../src/auth/policy';
import { type Role, ROLES } from '../src/auth/roles';
import type { Db } from '../src/db/db';
import { createApolloServer } from '../src/graphql/apollo';
import { createContext, type HubContext } from '../src/graphql/context';
import { buildHubSchema, RESOLVERS } from '../src/graphql/schema';
import { PROJECT_ROOT } from '../src/paths';

import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, type GraphQLResult, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

const CALLERS: Record<Role, Caller> = {
  public: anonymous('198.51.100.7'),
  analyst: { role: 'analyst', identity: 'api-key:101 (test analyst)', limitKey: 'api-key:101' },
  officer: { role: 'officer', identity: 'api-key:102 (test officer)', limitKey: 'api-key:102' },
  admin: { role: 'admin', identity: 'api-key:103 (test admin)', limitKey: 'api-key:103' },
};

const GRID = 'from: "2018-12", to: "2018-12", cellSizeMetres: 1000';

/**
 * The README's role table, written out here on its own (not read from src/auth/policy.ts), with
 * one small operation per root field. Arguments are chosen so that a caller who may use the
 * field gets an answer or a domain error, never a refusal.
 */
const ROOT_FIELDS: Record<string, [Role, string]> = {
  'Query.areas': ['public', '{ areas { code } }'],
  'Query.area': ['public', '{ area(code: "NORTH") { code } }'],
  'Query.wards': ['public', '{ wards { code } }'],
  'Query.ward': ['public', '{ ward(code: "E05001770") { code } }'],
  'Query.lsoas': ['public', '{ lsoas(wardCode: "E05001770") { code } }'],
  'Query.locate': ['public', '{ locate(lon: -1.4776, lat: 52.9254) { ward { code } } }'],
  'Query.locateMany': ['public', '{ locateMany(points: [{ lon: -1.4776, lat: 52.9254 }]) { index } }'],
  'Query.boundarySets': ['public', '{ boundarySets { id validFrom validTo } }'],
  'Query.wardChange': ['public', '{ wardChange(from: "E05001772") { boundarySet successors { landShare } } }'],
  'Query.categories': ['public', '{ categories { slug } }'],
  'Query.policeNeighbourhoods': ['public', '{ policeNeighbourhoods { code } }'],
  'Query.policeNeighbourhood': ['public', '{ policeNeighbourhood(id: "999999") { code } }'],
  'Query.alignmentOverlay': ['public', '{ alignmentOverlay }'],
  'Query.boundaryAlignment': ['public', '{ boundaryAlignment(from: "2018-12", to: "2018-12") { score } }'],
  'Query.hotspots': ['public', `{ hotspots(input: { ${GRID} }) { warnings } }`],
  'Query.hotspotTrend': ['public', `{ hotspotTrend(input: { ${GRID} }) { cells } }`],
  'Query.persistentHotspots': [
    'public',
    `{ persistentHotspots(input: { ${GRID} }, months: 1, minSignificantMonths: 1) { id } }`,
  ],
  'Query.hotspotAccuracy': [
    'public',
    `{ hotspotAccuracy(input: { ${GRID} }, testFrom: "2018-12", testTo: "2018-12") { flaggedCells } }`,
  ],
  'Query.need': ['public', '{ need(input: {}) { units { code index } } }'],
  'Query.priorityNeighbourhoods': [
    'public',
    '{ priorityNeighbourhoods(input: { n: 2, tiers: { method: BY_COUNT, red: 1, amber: 1 } }) { entries { rank } } }',
  ],
  'Query.proposeAllocation': [
    'public',
    '{ proposeAllocation(input: { priority: { n: 2, tiers: { method: BY_COUNT, red: 1, amber: 1 } }, posts: 1, dedicated: 0, pairing: SIMILAR_NEED, budget: { total: 100, floor: 10 } }) { totals { posts } } }',
  ],
  'Query.incidents': ['analyst', '{ incidents(first: 1) { totalCount } }'],
  'Query.clusters': [
    'analyst',
    '{ clusters(input: { from: "2018-12", to: "2018-12", epsMetres: 50, minPoints: 30 }) { count } }',
  ],
  'Query.clusterAnalysis': [
    'analyst',
    '{ clusterAnalysis(input: { from: "2018-12", to: "2018-12", epsMetres: 50, minPoints: 30 }) { warnings } }',
  ],
  'Query.crossBoundaryIssues': [
    'analyst',
    `{ crossBoundaryIssues(input: { ${GRID} }, level: WARD, includeClusters: false) { kind } }`,
  ],
  'Query.crossBoundaryAnalysis': [
    'analyst',
    `{ crossBoundaryAnalysis(input: { ${GRID} }, level: WARD, includeClusters: false) { warnings } }`,
  ],
  'Query.dataQuality': ['analyst', '{ dataQuality(from: "2018-12", to: "2018-12") { from } }'],
  // k: 1 is refused by the search itself, which shows the caller got past the access check.
  'Query.proposeAreaGrouping': ['analyst', '{ proposeAreaGrouping(k: 1) { score } }'],
  'Query.plans': ['analyst', '{ plans { id } }'],
  'Query.plan': ['analyst', '{ plan(id: "999999") { id } }'],
  'Query.planComparison': ['analyst', '{ planComparison(id: "999999") { summary } }'],
  // An unknown task and a refused list size: domain errors, which show the caller got past the access check.
  'Query.taskEffect': ['analyst', '{ taskEffect(taskId: "999999999") { verdict } }'],
  'Query.problemsNotResolved': ['analyst', '{ problemsNotResolved(input: { first: 0 }) { total } }'],
  'Mutation.reportIssue': [
    'officer',
    'mutation { reportIssue(input: { category: "fly-tipping", lon: -1.4776, lat: 52.9254, description: "access test" }) { id } }',
  ],
  'Mutation.updateIssueStatus': ['officer', 'mutation { updateIssueStatus(id: "1", status: CLOSED) { id } }'],
  'Mutation.savePlan': [
    'officer',
    'mutation { savePlan(input: { title: "access test", decidedBy: "test", allocation: { priority: { n: 2, tiers: { method: BY_COUNT, red: 1, amber: 1 } }, posts: 1, dedicated: 0, pairing: SIMILAR_NEED, budget: { total: 100, floor: 10 } } }) { id } }',
  ],
  'Mutation.setWardAreas': ['admin', 'mutation { setWardAreas(assignments: []) { changeSet } }'],
  // Agencies, boards and neighbourhood plans (issue 13). Unknown ids get NOT_FOUND past the check.
  'Query.agencies': ['public', '{ agencies { code name kind } }'],
  'Query.boards': ['analyst', '{ boards { id name } }'],
  'Query.board': ['analyst', '{ board(id: "999999") { id } }'],
  'Query.neighbourhoodPlan': ['analyst', '{ neighbourhoodPlan(id: "999999") { id } }'],
  'Mutation.createAgency': [
    'admin',
    'mutation { createAgency(input: { code: "ACCESS_TEST", name: "access test", kind: VOLUNTARY }) { code } }',
  ],
  'Mutation.setCategoryOwner': [
    'admin',
    'mutation { setCategoryOwner(category: "graffiti", agency: "STREETPRIDE") { slug } }',
  ],
  'Mutation.createBoard': [
    'admin',
    'mutation { createBoard(input: { name: "access test", units: [{ level: AREA, code: "NORTH" }] }) { id } }',
  ],
  'Mutation.createWardBoards': ['admin', 'mutation { createWardBoards { id } }'],
  'Mutation.addBoardMember': [
    'officer',
    'mutation { addBoardMember(boardId: "999999", input: { role: RESIDENT, name: "access test" }) { id } }',
  ],
  'Mutation.removeBoardMember': ['officer', 'mutation { removeBoardMember(id: "999999") { id } }'],
  'Mutation.recordMeeting': [
    'officer',
    'mutation { recordMeeting(boardId: "999999", input: { heldOn: "2025-01-01" }) { id } }',
  ],
  'Mutation.createNeighbourhoodPlan': [
    'officer',
    'mutation { createNeighbourhoodPlan(boardId: "999999", year: 2026, title: "access test") { id } }',
  ],
  'Mutation.addPlanPriority': [
    'officer',
    'mutation { addPlanPriority(planId: "999999", input: { title: "t", place: { area: "NORTH" }, leadAgency: "POLICE", targetChangePercent: -10 }) { id } }',
  ],
  'Mutation.removePlanPriority': ['officer', 'mutation { removePlanPriority(id: "999999") { id } }'],
  // Tasks: unknown ids and codes, so that a caller let through gets NOT_FOUND.
  'Query.task': ['analyst', '{ task(id: "999999") { id } }'],
  'Query.tasks': ['analyst', '{ tasks { tasks { id } } }'],
  'Query.taskingView': ['analyst', '{ taskingView(board: "999999") { asOf } }'],
  'Query.taskDraft': ['officer', '{ taskDraft(place: { ward: "E05999999" }) { title } }'],
  'Mutation.createTask': [
    'officer',
    'mutation { createTask(input: { place: { ward: "E05999999" }, agency: "STREETPRIDE", ownerRole: AGENCY_OFFICER, dueOn: "2100-01-01" }) { id } }',
  ],
  'Mutation.updateTaskStatus': [
    'officer',
    'mutation { updateTaskStatus(id: "999999", status: DONE, note: "access test") { id } }',
  ],
};

const REFUSED = ['UNAUTHENTICATED', 'FORBIDDEN'];

async function writes(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM incident) + (SELECT count(*) FROM incident_status_change)
            + (SELECT count(*) FROM ward_area_change) + (SELECT count(*) FROM api_key)
            + (SELECT count(*) FROM allocation_plan) + (SELECT count(*) FROM agency) + (SELECT count(*) FROM board)
            + (SELECT count(*) FROM board_unit) + (SELECT count(*) FROM board_member)
            + (SELECT count(*) FROM board_meeting) + (SELECT count(*) FROM neighbourhood_plan)
            + (SELECT count(*) FROM plan_priority)
            + (SELECT count(*) FROM task) + (SELECT count(*) FROM task_status_change) AS n`,
  );
  return Number(row.n);
}

/** Runs an operation as a caller in a transaction that is rolled back, noting whether it wrote. */
async function attempt(query: string, caller: Caller): Promise<{ result: GraphQLResult<unknown>; wrote: boolean }> {
  return inRolledBackTransaction(suite.dataSource, async (tx) => {
    const before = await writes(tx);
    const result = await suite.client.run(tx, query, undefined, caller);
    return { result, wrote: (await writes(tx)) !== before };
  });
}

const allows = (role: Role, needed: Role) => ROLES.indexOf(role) >= ROLES.indexOf(needed);

describe('the role table', () => {
  it('names every query and mutation the schema has', async () => {
    const schema = await buildHubSchema();
    const roots = ['Query', 'Mutation'].flatMap((type) =>
      Object.keys((schema.getType(type) as { getFields(): object }).getFields()).map((f) => `${type}.${f}`),
    );
    expect(Object.keys(ROOT_FIELDS).sort()).toEqual(roots.sort());
  });

  it.each(Object.entries(ROOT_FIELDS).map(([field, [role, query]]) => [field, role, query] as const))(
    '%s is for %s and above',
    async (field, needed, query) => {
      for (const role of ROLES) {
        const { result, wrote } = await attempt(query, CALLERS[role]);
        const codes = errorCodes(result);
        if (allows(role, needed)) {
          expect({ role, codes }).toEqual({ role, codes: codes.filter((c) => !REFUSED.includes(c as string)) });
        } else {
          expect({ role, codes }).toEqual({ role, codes: [role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN'] });
          expect(result.errors?.[0].message).toContain(field);
          expect(result.data ?? null).toBeNull();
          expect(wrote).toBe(false);
        }
      }
    },
  );

  it("is the README's table, row for row", () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(\w+)`\s+\| (public|analyst|officer|admin)\s+\|$/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    const table = Object.entries(ROOT_FIELDS).map(([field, [role]]) => [field.split('.')[1], role]);
    expect(rows.sort()).toEqual(table.sort());
  });

  it('agrees with the access rules in src/auth/policy.ts', () => {
    for (const [field, [role]] of Object.entries(ROOT_FIELDS)) {
      const [type, name] = field.split('.');
      expect({ field, role: POLICY[type][name].role }).toEqual({ field, role });
    }
  });
});

describe('fields residents wrote, and exact places and times', () => {
  // Incident fields and who may read them; everything else about an incident is for analysts.
  const OFFICER_ONLY = ['description', 'occurredAt', 'statusHistory { note }', 'statusHistory { changedBy }'];

  it.each(OFFICER_ONLY)('Incident.%s is for officers and above', async (field) => {
    const query = `{ incidents(first: 1, filter: { sources: ["police.uk"] }) { edges { node { id ${field} } } } }`;
    for (const role of ROLES) {
      const { result } = await attempt(query, CALLERS[role]);
      const refused = errorCodes(result).some((c) => REFUSED.includes(c as string));
      expect({ role, refused }).toEqual({ role, refused: !allows(role, 'officer') });
    }
  });

  it('has no field that returns a reporter contact', async () => {
    const schema = await buildHubSchema();
    for (const type of Object.values(schema.getTypeMap())) {
      if (isObjectType(type)) {
        expect(Object.keys(type.getFields()).filter((f) => /contact/i.test(f))).toEqual([]);
      }
    }
  });

  it("gives analysts a report at its 100 m cell's centre, in lists and filters, and officers the exact point", async () => {
    const exact = [-1.47763, 52.92541];
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const made = await suite.client.run<{ reportIssue: { id: string; point: { coordinates: number[] } } }>(
        tx,
        `mutation { reportIssue(input: { category: "graffiti", lon: ${exact[0]}, lat: ${exact[1]}, description: "tag on the wall", reporterContact: "resident@example.org" }) { id point } }`,
        undefined,
        CALLERS.officer,
      );
      const id = made.data?.reportIssue.id as string;
      // The centre of its 100 m British National Grid cell, worked out here from the exact point.
      const [centre] = await tx.query<{ lon: number; lat: number }>(
        `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (
           SELECT ST_Transform(ST_SetSRID(ST_MakePoint(floor(ST_X(b) / 100) * 100 + 50, floor(ST_Y(b) / 100) * 100 + 50), 27700), 4326) AS c
           FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700) AS b) p) q`,
        exact,
      );
      const find = async (caller: Caller, bbox: number[]) =>
        (
          await suite.client.run<{
            incidents: { edges: { node: { id: string; point: { coordinates: number[] } } }[] };
          }>(
            tx,
            `{ incidents(filter: { sources: ["council-report"], bbox: [${bbox}] }, first: 50) { edges { node { id point } } } }`,
            undefined,
            caller,
          )
        ).data?.incidents.edges.find((e) => e.node.id === id)?.node.point.coordinates;
      const around = (p: number[], d: number) => [p[0] - d, p[1] - d, p[0] + d, p[1] + d];
      return {
        officerMade: made.data?.reportIssue.point.coordinates,
        centre: [centre.lon, centre.lat],
        analystWide: await find(CALLERS.analyst, around(exact, 0.01)),
        officerWide: await find(CALLERS.officer, around(exact, 0.01)),
        // A box of about 2 m round the exact point finds it for officers only; one round the
        // published point finds it for analysts.
        analystAtExact: await find(CALLERS.analyst, around(exact, 0.00002)),
        officerAtExact: await find(CALLERS.officer, around(exact, 0.00002)),
        analystAtCentre: await find(CALLERS.analyst, around([centre.lon, centre.lat], 0.00002)),
      };
    });
    expect(outcome.officerMade).toEqual(exact);
    expect(outcome.officerWide).toEqual(exact);
    expect(outcome.officerAtExact).toEqual(exact);
    expect(outcome.analystWide?.[0]).toBeCloseTo(outcome.centre[0], 6);
    expect(outcome.analystWide?.[1]).toBeCloseTo(outcome.centre[1], 6);
    expect(outcome.analystWide).not.toEqual(exact);
    expect(outcome.analystAtExact).toBeUndefined();
    expect(outcome.analystAtCentre).toEqual(outcome.analystWide);
  });

  it("clusters analysts' reports at published points: every hull corner is a cell centre", async () => {
    // Twelve reports within a few metres of each other, at points no cell centre can be.
    const points = Array.from({ length: 12 }, (_, k) => [
      -1.47763 + (k % 4) * 0.00003,
      52.92541 + Math.floor(k / 4) * 0.00003,
    ]);
    const corners = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      for (const [lon, lat] of points) {
        await suite.client.run(
          tx,
          `mutation { reportIssue(input: { category: "graffiti", lon: ${lon}, lat: ${lat}, description: "tag" }) { id } }`,
          undefined,
          CALLERS.officer,
        );
      }
      // Each hull corner in British National Grid metres, to see where on its cell it lies.
      const cornersOf = async (caller: Caller) => {
        const result = await suite.client.run<{ clusters: { hull: unknown }[] }>(
          tx,
          '{ clusters(input: { from: "2015-01", to: "2100-12", sources: ["council-report"], epsMetres: 50, minPoints: 5 }) { hull } }',
          undefined,
          caller,
        );
        const hulls = (result.data?.clusters ?? []).map((c) => JSON.stringify(c.hull));
        return tx.query<{ lon: number; lat: number; x: number; y: number }>(
          `SELECT ST_X(d.geom) AS lon, ST_Y(d.geom) AS lat,
                  ST_X(ST_Transform(d.geom, 27700)) AS x, ST_Y(ST_Transform(d.geom, 27700)) AS y
           FROM unnest($1::text[]) AS h(g), ST_DumpPoints(ST_GeomFromGeoJSON(h.g)) AS d`,
          [hulls],
        );
      };
      return { analyst: await cornersOf(CALLERS.analyst), officer: await cornersOf(CALLERS.officer) };
    });
    const onCentre = (c: { x: number; y: number }) =>
      Math.abs((((c.x % 100) + 100) % 100) - 50) < 0.5 && Math.abs((((c.y % 100) + 100) % 100) - 50) < 0.5;
    const isExact = (c: { lon: number; lat: number }) =>
      points.some(([lon, lat]) => Math.abs(lon - c.lon) < 2e-6 && Math.abs(lat - c.lat) < 2e-6);
    expect(corners.officer.length).toBeGreaterThan(0);
    expect(corners.officer.some(isExact)).toBe(true);
    expect(corners.analyst.length).toBeGreaterThan(0);
    expect(corners.analyst.filter((c) => !onCentre(c))).toEqual([]);
    expect(corners.analyst.filter(isExact)).toEqual([]);
  });
});

describe('small counts', () => {
  // Every figure of incidents a public caller can ask for, over small areas and cells.
  const FIGURES = `{
    wards { stats(from: "2018-12", to: "2018-12") { total previousYearTotal openIssues change disclosure byCategory { count } byMonth { count } } }
    areas { stats(from: "2018-12", to: "2018-12", categories: ["drugs"]) { total byCategory { count } } }
    policeNeighbourhoods { stats(from: "2018-12", to: "2018-12", categories: ["robbery"]) { total byCategory { count } } }
    hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 250 }) { disclosure cells { count } }
    persistentHotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 250, fdr: false }, months: 1, minSignificantMonths: 1) { count }
    boundaryAlignment(from: "2018-12", to: "2018-12") { disclosure pairs { incidents } }
  }`;
  const COUNT_KEYS = new Set([
    'total',
    'previousYearTotal',
    'openIssues',
    'count',
    'incidents',
    'testIncidents',
    'capturedIncidents',
  ]);

  function counts(value: unknown, out: number[] = []): number[] {
    if (Array.isArray(value)) {
      value.forEach((v) => counts(v, out));
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (COUNT_KEYS.has(key) && typeof v === 'number') {
          out.push(v);
        } else {
          counts(v, out);
        }
      }
    }
    return out;
  }

  it('never shows a public caller a count from 1 to 4, where an analyst sees many', async () => {
    const analyst = await suite.client.run(suite.db, FIGURES, undefined, CALLERS.analyst);
    const shown = await suite.client.run(suite.db, FIGURES, undefined, CALLERS.public);
    expect(analyst.errors).toBeUndefined();
    expect(shown.errors).toBeUndefined();
    const small = (n: number) => n >= 1 && n <= 4;
    expect(counts(analyst.data).filter(small).length).toBeGreaterThan(20);
    expect(counts(shown.data).filter(small)).toEqual([]);
    expect(JSON.stringify(shown.data)).toContain('SMALL_COUNTS_SUPPRESSED');
    expect(JSON.stringify(analyst.data)).not.toContain('SMALL_COUNTS_SUPPRESSED');
  });

  it('withholds the interval of a rate with the count it rests on, and gives it whole where the count is shown', async () => {
    const STATS =
      '{ wards { code stats(from: "2018-12", to: "2018-12", categories: ["drugs"]) { total ratePer1000 ratePer1000Low ratePer1000High } } }';
    type Row = { code: string; stats: Record<string, number | null> };
    const analyst = await suite.client.run<{ wards: Row[] }>(suite.db, STATS, undefined, CALLERS.analyst);
    const shown = await suite.client.run<{ wards: Row[] }>(suite.db, STATS, undefined, CALLERS.public);
    expect(shown.errors).toBeUndefined();
    const exact = new Map((analyst.data?.wards ?? []).map((w) => [w.code, w.stats]));
    let withheld = 0;
    for (const w of shown.data?.wards ?? []) {
      const e = exact.get(w.code) as Record<string, number | null>;
      if ((e.total as number) >= 1 && (e.total as number) <= 4) {
        withheld += 1;
        expect(e.ratePer1000Low).not.toBeNull();
        expect([w.stats.total, w.stats.ratePer1000, w.stats.ratePer1000Low, w.stats.ratePer1000High]).toEqual([
          null,
          null,
          null,
          null,
        ]);
      } else {
        expect(w.stats).toEqual(e);
      }
    }
    expect(withheld).toBeGreaterThan(0);
  });

  it('withholds small counts from hotspotTrend and hotspotAccuracy for public callers too', async () => {
    // A 4 × 3 grid of 250 m cells away from Derby: two hot cells in January, and a February in
    // which they hold 3 of the 4 incidents, so the test period's counts are small.
    const X0 = 500_000;
    const Y0 = 200_000;
    const january = [20, 18, 0, 0, 19, 17, 0, 1, 0, 0, 1, 0];
    const february = [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    const results = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      for (const [month, counts] of [
        ['2036-01-01', january],
        ['2036-02-01', february],
      ] as const) {
        await tx.query(
          `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng)
           SELECT 'test-grid', 'access-' || $4 || '-' || c.k || '-' || g, 'drugs', $4::date, ST_Transform(p, 4326), p
           FROM unnest($1::float8[], $2::float8[], $3::int[]) WITH ORDINALITY AS c(x, y, n, k),
                LATERAL (SELECT ST_SetSRID(ST_MakePoint(c.x, c.y), 27700) AS p) pt,
                generate_series(1, c.n) g`,
          [
            counts.map((_, k) => X0 + (k % 4) * 250 + 125),
            counts.map((_, k) => Y0 + Math.floor(k / 4) * 250 + 125),
            [...counts],
            month,
          ],
        );
      }
      const [{ within }] = await tx.query<{ within: string }>(
        `SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 27700), 4326))::text AS within`,
        [X0 + 1, Y0 + 1, X0 + 999, Y0 + 749],
      );
      const query = `query ($within: GeoJSON) {
        hotspotTrend(input: { from: "2036-01", to: "2036-02", cellSizeMetres: 250, fdr: false, within: $within }) { total months { count } }
        hotspotAccuracy(input: { from: "2036-01", to: "2036-01", cellSizeMetres: 250, fdr: false, within: $within }, testFrom: "2036-02", testTo: "2036-02") { testIncidents capturedIncidents hitRate }
      }`;
      return {
        analyst: await suite.client.run(tx, query, { within: JSON.parse(within) }, CALLERS.analyst),
        shown: await suite.client.run(tx, query, { within: JSON.parse(within) }, CALLERS.public),
      };
    });
    expect(results.analyst.errors).toBeUndefined();
    expect(results.shown.errors).toBeUndefined();
    const small = (n: number) => n >= 1 && n <= 4;
    expect(counts(results.analyst.data).filter(small).length).toBeGreaterThanOrEqual(3);
    expect(counts(results.shown.data).filter(small)).toEqual([]);
    expect((results.shown.data as { hotspotAccuracy: { hitRate: unknown } }).hotspotAccuracy.hitRate).toBeNull();
  });
});

describe('a field with no access rule', () => {
  @Resolver()
  class UndeclaredResolver {
    @Query(() => String, { description: 'A field added without a rule in src/auth/policy.ts.' })
    secretNewField(): string {
      return 'should never be seen';
    }
  }

  it('is refused to every caller, administrators included, until a rule is declared', async () => {
    const schema = await buildSchema({ resolvers: [...RESOLVERS, UndeclaredResolver], validate: false });
    const server: ApolloServer<HubContext> = createApolloServer(schema, { development: true });
    await server.start();
    try {
      for (const role of ROLES) {
        const response = await server.executeOperation(
          { query: '{ secretNewField }' },
          { contextValue: createContext(suite.db, CALLERS[role]) },
        );
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        expect(body?.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(body?.errors?.[0].message).toBe('Query.secretNewField has no access rule yet, so no caller may use it');
        expect(JSON.stringify(body)).not.toContain('should never be seen');
      }
    } finally {
      await server.stop();
    }
  });

  it('is not in the real schema: every field of every type has a rule, and every rule a field', async () => {
    const schema = await buildHubSchema();
    const fields = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__'))
      .flatMap((t) => Object.keys((t as { getFields(): object }).getFields()).map((f) => `${t.name}.${f}`));
    const ruled = Object.entries(POLICY).flatMap(([type, rules]) => Object.keys(rules).map((f) => `${type}.${f}`));
    expect(fields.filter((f) => !ruled.includes(f))).toEqual([]);
    expect(ruled.filter((f) => !fields.includes(f))).toEqual([]);
  });
});
