import * as turf from '@turf/turf';
import type { Point } from 'geojson';

import type { Db } from '../src/db/db';
import { MAX_PAGE_SIZE } from '../src/incidents/incidents.resolver';

import { unitAt, wardSetFiles } from './helpers/boundary-sets';
import { countingDb, inRolledBackTransaction } from './helpers/database';
import { csv } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();
const [earlier, current] = wardSetFiles();
const CATHEDRAL = [-1.4776, 52.9254];
// The ward the cathedral is in today, by turf on the current set's file.
const CATHEDRAL_WARD = unitAt(current.wards, CATHEDRAL) as string;

const DECEMBER = '{ sources: ["police.uk"], from: "2018-12", to: "2018-12" }';
const police = csv('police-uk-derbyshire-sample.csv');

interface Page {
  incidents: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; month: string; point: Point; category: { slug: string } } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

describe('incidents', () => {
  it('pages through every December 2018 row once, in a stable order, with the total on every page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const result: { data?: Page | null } = await suite.client.run<Page>(
        suite.db,
        `query ($after: String) { incidents(filter: ${DECEMBER}, first: 1000, after: $after) {
           totalCount edges { cursor node { id month } }
           pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        { after },
      );
      if (!result.data) {
        throw new Error(JSON.stringify((result as { errors?: unknown }).errors));
      }
      const data = result.data?.incidents as Page['incidents'];
      expect(data.totalCount).toBe(2710);
      // Relay's page info: where the page starts and ends, and whether one came before it.
      expect(data.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(data.pageInfo.startCursor).toBe(data.edges[0].cursor);
      expect(data.pageInfo.endCursor).toBe(data.edges[data.edges.length - 1].cursor);
      seen.push(...data.edges.map((e) => e.node.id));
      if (!data.pageInfo.hasNextPage) {
        break;
      }
      after = data.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(2710);
    expect(new Set(seen).size).toBe(2710);
    const ids = seen.map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('filters by category, ward, area, bbox and polygon', async () => {
    const count = async (filter: string, variables?: Record<string, unknown>) => {
      const result = await suite.client.run<Page>(
        suite.db,
        `query${variables ? ' ($within: GeoJSON)' : ''} { incidents(filter: ${filter}, first: 1) { totalCount } }`,
        variables,
      );
      if (result.errors) {
        throw new Error(JSON.stringify(result.errors));
      }
      return result.data?.incidents.totalCount;
    };
    const burglaries = police.filter((r) => r['Crime type'] === 'Burglary').length;
    expect(await count('{ sources: ["police.uk"], from: "2018-12", to: "2018-12", categories: ["burglary"] }')).toBe(
      burglaries,
    );
    // A ward code of either set finds the incidents in that ward: a 2013 code by the ward of
    // their month, a current code by their ward today.
    for (const [set, code] of [
      [earlier, 'E05001770'],
      [current, 'E05015511'],
    ] as const) {
      const ward = set.wards.get(code);
      const inWard = police.filter((r) =>
        turf.booleanPointInPolygon([Number(r.Longitude), Number(r.Latitude)], ward!.geometry),
      ).length;
      expect(inWard).toBeGreaterThan(0);
      expect([
        code,
        await count(`{ sources: ["police.uk"], from: "2018-12", to: "2018-12", wardCodes: ["${code}"] }`),
      ]).toEqual([code, inWard]);
      expect(
        await count('{ sources: ["police.uk"], from: "2018-12", to: "2018-12", within: $within }', {
          within: ward!.geometry,
        }),
      ).toBe(inWard);
    }
    const arboretum = await count(
      '{ sources: ["police.uk"], from: "2018-12", to: "2018-12", wardCodes: ["E05015511"] }',
    );
    const [west, south, east, north] = [-1.49, 52.91, -1.47, 52.93];
    const inBox = police.filter((r) => {
      const [x, y] = [Number(r.Longitude), Number(r.Latitude)];
      return x >= west && x <= east && y >= south && y <= north;
    }).length;
    expect(
      await count(
        `{ sources: ["police.uk"], from: "2018-12", to: "2018-12", bbox: [${west}, ${south}, ${east}, ${north}] }`,
      ),
    ).toBe(inBox);
    // Arboretum is one of several current wards in South and City Centre.
    const south_ = await count('{ sources: ["police.uk"], from: "2018-12", to: "2018-12", areaCodes: ["SOUTH"] }');
    expect(south_).toBeGreaterThan(arboretum as number);
  });

  it("carries police.uk's Crime ID and the police neighbourhood, and filters by neighbourhood", async () => {
    type Node = { crimeId: string | null; category: { slug: string }; policeNeighbourhood: { id: string } | null };
    const result = await suite.client.run<{ incidents: { edges: { node: Node }[] } }>(
      suite.db,
      `{ incidents(filter: ${DECEMBER}, first: 1000) { edges { node { crimeId category { slug } policeNeighbourhood { id } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = (result.data?.incidents.edges ?? []).map((e) => e.node);
    const fileIds = new Set(police.map((r) => r['Crime ID']).filter((id) => id !== ''));
    for (const node of nodes) {
      if (node.category.slug === 'anti-social-behaviour') {
        expect(node.crimeId).toBeNull();
      } else {
        expect(fileIds.has(node.crimeId as string)).toBe(true);
      }
    }
    const placed = nodes.filter((n) => n.policeNeighbourhood !== null);
    expect(placed.length).toBeGreaterThan(0);
    const id = placed[0].policeNeighbourhood?.id as string;
    const [expected] = await suite.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incident
       WHERE source = 'police.uk' AND month = '2018-12-01' AND police_neighbourhood_id = $1`,
      [Number(id)],
    );
    const filtered = await suite.client.run<{ incidents: { totalCount: number } }>(
      suite.db,
      `{ incidents(filter: { sources: ["police.uk"], from: "2018-12", to: "2018-12", policeNeighbourhoodIds: ["${id}"] }, first: 1) { totalCount } }`,
    );
    expect(filtered.data?.incidents.totalCount).toBe(expected.n);
    expect(expected.n).toBeGreaterThan(0);
    expect(expected.n).toBeLessThan(2710);
  });

  it('returns points as GeoJSON and categories with their service', async () => {
    const result = await suite.client.run<{
      incidents: { edges: { node: { point: Point; synthetic: boolean; category: { service: string } } }[] };
    }>(
      suite.db,
      `{ incidents(filter: ${DECEMBER}, first: 5) { edges { node { point synthetic category { service } } } } }`,
    );
    for (const { node } of result.data?.incidents.edges ?? []) {
      expect(node.point.type).toBe('Point');
      expect(node.synthetic).toBe(false);
      expect(['POLICE', 'COMMUNITY_SAFETY']).toContain(node.category.service);
    }
  });

  it.each([
    [
      `{ incidents(first: ${MAX_PAGE_SIZE + 1}) { totalCount } }`,
      `first must be from 1 to ${MAX_PAGE_SIZE}, got ${MAX_PAGE_SIZE + 1}`,
    ],
    [
      '{ incidents(filter: { categories: ["nope"] }) { totalCount } }',
      'unknown incident category "nope"; the categories query lists them',
    ],
    [
      '{ incidents(filter: { wardCodes: ["E05999999"] }) { totalCount } }',
      'unknown ward code(s) "E05999999"; the wards query lists them',
    ],
    [
      '{ incidents(filter: { policeNeighbourhoodIds: ["999999", "x"] }) { totalCount } }',
      'unknown police neighbourhood code(s) "999999", "x"; the police neighbourhoods query lists them',
    ],
    [
      '{ incidents(filter: { from: "2019-01", to: "2018-12" }) { totalCount } }',
      'the period is inverted: filter.to (2018-12) is before filter.from (2019-01)',
    ],
    [
      '{ incidents(filter: { from: "Dec 2018" }) { totalCount } }',
      'filter.from must be a month as YYYY-MM from 1900-01 to 2100-12, got "Dec 2018"',
    ],
    [
      '{ incidents(filter: { bbox: [1, 2, 3] }) { totalCount } }',
      'filter.bbox must be [west, south, east, north], got 3 numbers',
    ],
    [
      '{ incidents(filter: { within: { type: "Point", coordinates: [0, 0] } }) { totalCount } }',
      'filter.within: expected a Polygon or MultiPolygon, got Point',
    ],
    [
      '{ incidents(after: "bm9wZQ") { totalCount } }',
      `after must be a cursor from a previous page's endCursor, got "bm9wZQ"`,
    ],
  ])('refuses %s with BAD_USER_INPUT', async (query, message) => {
    const result = await suite.client.run(suite.db, query);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toBe(message);
  });

  it('lists every category with the service that owns it', async () => {
    const result = await suite.client.run<{ categories: { slug: string; service: string; kind: string }[] }>(
      suite.db,
      '{ categories { slug service kind } }',
    );
    const by = new Map(result.data?.categories.map((c) => [c.slug, c]));
    expect(by.get('burglary')).toMatchObject({ service: 'POLICE', kind: 'CRIME' });
    expect(by.get('anti-social-behaviour')).toMatchObject({ service: 'COMMUNITY_SAFETY', kind: 'ASB' });
    expect(by.get('fly-tipping')).toMatchObject({ service: 'STREETPRIDE', kind: 'STREET_SCENE' });
    expect(by.get('deliberate-fire')).toMatchObject({ service: 'FIRE_AND_RESCUE' });
    expect(by.get('tenancy-anti-social-behaviour')).toMatchObject({ service: 'HOUSING' });
  });
});

describe('dataQuality', () => {
  it('reports months present and missing, and the 127 rows whose point lies in another LSOA than published', async () => {
    const result = await suite.client.run<{ dataQuality: { sources: Record<string, unknown>[] } }>(
      suite.db,
      '{ dataQuality(from: "2018-11", to: "2019-01") { sources { source rows monthsPresent monthsMissing rowsWithoutLocation lsoaMismatches } } }',
    );
    expect(result.data?.dataQuality.sources.find((s) => s.source === 'police.uk')).toEqual({
      source: 'police.uk',
      rows: 2710,
      monthsPresent: ['2018-12'],
      monthsMissing: ['2018-11', '2019-01'],
      rowsWithoutLocation: 0,
      // PROVENANCE.md: 127 of the 2,710 points fall in a neighbouring LSOA polygon.
      lsoaMismatches: 127,
    });
  });

  it('refuses an inverted period', async () => {
    const result = await suite.client.run(suite.db, '{ dataQuality(from: "2019-01", to: "2018-01") { from } }');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('ward and area stats', () => {
  // Hand-built incidents at the cathedral, placed by the database's rule (place_point), inside a
  // rolled-back transaction:
  // 2030-01: 3 burglary, 1 drugs; 2030-02: 2 burglary; 2030-03: none
  // a year earlier, 2029-01..03: 4 burglary in all
  // open street-scene issues reported 10, 20 and 40 days ago (one resolved one ignored)
  const PLACED = `SELECT ST_SetSRID(ST_MakePoint(${CATHEDRAL[0]}, ${CATHEDRAL[1]}), 4326) AS g`;
  async function seed(tx: Db): Promise<void> {
    const add = (month: string, category: string, n: number) =>
      tx.query(
        `INSERT INTO incident (source, source_key, category_slug, month, geom, ward_code, area_code, month_ward_code, month_area_code)
         SELECT 'test', 'stats-' || $1 || '-' || $2 || '-' || n, $2, $1::date, p.g,
                pl.ward_code, pl.area_code, pl.month_ward_code, pl.month_area_code
         FROM (${PLACED}) p, place_point(p.g, placement_day($1::date)) pl, generate_series(1, $3::int) n`,
        [month, category, n],
      );
    await add('2030-01-01', 'burglary', 3);
    await add('2030-01-01', 'drugs', 1);
    await add('2030-02-01', 'burglary', 2);
    await add('2029-02-01', 'burglary', 4);
    for (const [days, status] of [
      [10, 'open'],
      [20, 'in_progress'],
      [40, 'open'],
      [5, 'resolved'],
    ] as const) {
      await tx.query(
        `INSERT INTO incident (source, source_key, category_slug, month, occurred_at, status, geom, ward_code, area_code,
                               month_ward_code, month_area_code)
         SELECT 'test', 'open-' || $1, 'fly-tipping', '2020-01-01', now() - make_interval(days => $1::int), $2, p.g,
                pl.ward_code, pl.area_code, pl.month_ward_code, pl.month_area_code
         FROM (${PLACED}) p, place_point(p.g, '2020-01-31') pl`,
        [days, status],
      );
    }
  }

  it('counts by category and month, rates per 1,000, compares with a year earlier and ages open issues', async () => {
    const stats = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await seed(tx);
      const result = await suite.client.run<{ ward: { population: number; stats: any } }>(
        tx,
        `query ($ward: String!) { ward(code: $ward) { population stats(from: "2030-01", to: "2030-03", categories: ["burglary", "drugs", "fly-tipping"]) {
            from to total ratePer1000 ratePer1000Low ratePer1000High previousYearTotal change changePercent openIssues openIssuesMedianAgeDays
            boundarySet monthsNotOnSet byCategory { category { slug } count } byMonth { month count } } } }`,
        { ward: CATHEDRAL_WARD },
      );
      expect(result.errors).toBeUndefined();
      return result.data?.ward;
    });
    const s = stats?.stats;
    expect([s.boundarySet, s.monthsNotOnSet]).toEqual([current.id, []]);
    expect(s.total).toBe(6);
    expect(s.byCategory).toEqual([
      { category: { slug: 'burglary' }, count: 5 },
      { category: { slug: 'drugs' }, count: 1 },
    ]);
    expect(s.byMonth).toEqual([
      { month: '2030-01', count: 4 },
      { month: '2030-02', count: 2 },
      { month: '2030-03', count: 0 },
    ]);
    expect(Math.abs(s.ratePer1000 - (6 / (stats?.population as number)) * 1000)).toBeLessThan(1e-9);
    // Garwood's 95 % limits of 6 (mpmath, 30 digits: 2.20189425349085 and 13.0594740225187) over the residents.
    expect(Math.abs(s.ratePer1000Low - (2.20189425349085 / (stats?.population as number)) * 1000)).toBeLessThan(1e-9);
    expect(Math.abs(s.ratePer1000High - (13.0594740225187 / (stats?.population as number)) * 1000)).toBeLessThan(1e-9);
    expect(s.previousYearTotal).toBe(4);
    expect(s.change).toBe(2);
    expect(Math.abs(s.changePercent - 50)).toBeLessThan(1e-9);
    expect(s.openIssues).toBe(3);
    expect(Math.abs(s.openIssuesMedianAgeDays - 20)).toBeLessThan(0.01);
  });

  it('gives a null change per cent when a year earlier had nothing, and rolls areas up from wards', async () => {
    const result = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await seed(tx);
      return suite.client.run<{ ward: { area: { stats: any } } }>(
        tx,
        'query ($ward: String!) { ward(code: $ward) { area { stats(from: "2030-02", to: "2030-02", categories: ["burglary"]) { total previousYearTotal changePercent } } } }',
        { ward: CATHEDRAL_WARD },
      );
    });
    expect(result.data?.ward.area.stats).toEqual({ total: 2, previousYearTotal: 4, changePercent: -50 });
    const none = await suite.client.run<{ ward: { population: number; stats: any } }>(
      suite.db,
      'query ($ward: String!) { ward(code: $ward) { population stats(from: "2038-01", to: "2038-01") { total changePercent ratePer1000 ratePer1000Low ratePer1000High } } }',
      { ward: CATHEDRAL_WARD },
    );
    const { population, stats: nothing } = none.data?.ward as { population: number; stats: Record<string, number> };
    expect(nothing).toMatchObject({ total: 0, changePercent: null, ratePer1000: 0, ratePer1000Low: 0 });
    // No incidents: the upper limit is ln(2 / 0.05) = ln 40 incidents over the residents.
    expect(Math.abs(nothing.ratePer1000High - (Math.log(40) / population) * 1000)).toBeLessThan(1e-9);
  });

  it('batches stats for every ward into a fixed number of statements', async () => {
    const counting = countingDb(suite.db);
    const result = await suite.client.run<{ wards: { stats: { total: number } }[] }>(
      counting,
      '{ wards { stats(from: "2018-12", to: "2018-12") { total byCategory { category { name } count } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.wards).toHaveLength(current.wards.size);
    expect(result.data?.wards.reduce((s, w) => s + w.stats.total, 0)).toBe(police.length);
    // the boundary sets, wards, populations, the period's counts, the year before's, open
    // issues, categories.
    expect(counting.count).toBe(7);
  });

  it('refuses an unknown category and a malformed period', async () => {
    const unknown = await suite.client.run(
      suite.db,
      '{ ward(code: "E05001770") { stats(from: "2018-01", to: "2018-12", categories: ["nope"]) { total } } }',
    );
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
    const bad = await suite.client.run(
      suite.db,
      '{ ward(code: "E05001770") { stats(from: "2018-13", to: "2018-12") { total } } }',
    );
    expect(bad.errors?.[0].message).toBe('from must be a month as YYYY-MM from 1900-01 to 2100-12, got "2018-13"');
  });
});

describe('street-scene reports', () => {
  const REPORT = `mutation ($input: ReportIssueInput!) { reportIssue(input: $input) { id status source ward { code } currentWard { code } category { slug } statusHistory { from to } } }`;
  const input = {
    category: 'fly-tipping',
    lon: -1.4776,
    lat: 52.9254,
    description: 'Mattress dumped by the cathedral',
    reporterContact: 'resident@example.org',
  };

  it('records a report as open in its ward, and walks it through the workflow with timestamps', async () => {
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const created = await suite.client.run<{ reportIssue: { id: string; status: string; ward: { code: string } } }>(
        tx,
        REPORT,
        { input },
      );
      expect(created.errors).toBeUndefined();
      const id = created.data?.reportIssue.id as string;
      const move = (status: string) =>
        suite.client.run<{
          updateIssueStatus: { status: string; statusHistory: { from: string; to: string; changedAt: string }[] };
        }>(
          tx,
          'mutation ($id: ID!, $s: IssueStatus!) { updateIssueStatus(id: $id, status: $s, note: "crew sent") { status statusHistory { from to changedAt } } }',
          { id, s: status },
        );
      await move('IN_PROGRESS');
      const resolved = await move('RESOLVED');
      const illegal = await move('IN_PROGRESS');
      const [stored] = await tx.query<{ status: string; reporter_contact: string }>(
        'SELECT status, reporter_contact FROM incident WHERE id = $1',
        [id],
      );
      return { created: created.data?.reportIssue, resolved: resolved.data?.updateIssueStatus, illegal, stored };
    });
    expect(outcome.created).toMatchObject({
      status: 'OPEN',
      source: 'council-report',
      // Reported now: in the current ward by both placements.
      ward: { code: CATHEDRAL_WARD },
      currentWard: { code: CATHEDRAL_WARD },
      category: { slug: 'fly-tipping' },
    });
    expect(outcome.resolved?.status).toBe('RESOLVED');
    expect(outcome.resolved?.statusHistory.map((h) => [h.from, h.to])).toEqual([
      [null, 'OPEN'],
      ['OPEN', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'RESOLVED'],
    ]);
    outcome.resolved?.statusHistory.forEach((h) => expect(Number.isNaN(Date.parse(h.changedAt))).toBe(false));
    expect(errorCodes(outcome.illegal)).toEqual(['BAD_USER_INPUT']);
    expect(outcome.illegal.errors?.[0].message).toMatch(/is resolved; it can move to open or closed, not in_progress/);
    expect(outcome.stored).toEqual({ status: 'resolved', reporter_contact: 'resident@example.org' });
  });

  it('never exposes the reporter contact through the schema', async () => {
    const result = await suite.client.run<{ __type: { fields: { name: string }[] } }>(
      suite.db,
      '{ __type(name: "Incident") { fields { name } } }',
    );
    expect(result.data?.__type.fields.map((f) => f.name).filter((n) => /contact|reporter/i.test(n))).toEqual([]);
  });

  it.each([
    [{ ...input, lon: 200 }, /lon must be between -180 and 180/],
    [{ ...input, lon: -0.1276, lat: 51.5072 }, /is outside the city/],
    [{ ...input, category: 'nope' }, /unknown incident category "nope"/],
    [{ ...input, category: 'burglary' }, /reportIssue takes a street-scene, enforcement or fire category/],
    [{ ...input, description: '  ' }, /description must say what the problem is/],
  ])('refuses %j with BAD_USER_INPUT and writes nothing', async (bad, message) => {
    const before = (
      await suite.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident WHERE source = 'council-report'`)
    )[0].n;
    const result = await suite.client.run(suite.db, REPORT, { input: bad });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(message);
    expect(
      (
        await suite.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident WHERE source = 'council-report'`)
      )[0].n,
    ).toBe(before);
  });

  it('refuses a status change for an unknown id or a police record', async () => {
    const missing = await suite.client.run(
      suite.db,
      'mutation { updateIssueStatus(id: "999999999", status: CLOSED) { id } }',
    );
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    const [crime] = await suite.db.query<{ id: string }>(
      `SELECT id::text FROM incident WHERE source = 'police.uk' AND month = '2018-12-01' LIMIT 1`,
    );
    const police = await suite.client.run(
      suite.db,
      `mutation { updateIssueStatus(id: "${crime.id}", status: CLOSED) { id } }`,
    );
    expect(errorCodes(police)).toEqual(['BAD_USER_INPUT']);
    expect(police.errors?.[0].message).toMatch(/is not a street-scene report/);
  });
});
