import type { MultiPolygon, Polygon } from 'geojson';

import type { Caller } from '../src/auth/caller';
import type { Db } from '../src/db/db';

import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, type GraphQLResult, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

const OFFICER: Caller = { role: 'officer', identity: 'api-key:7 (neighbourhood manager)', limitKey: 'test:officer' };
const ANALYST: Caller = { role: 'analyst', identity: 'api-key:8 (analyst)', limitKey: 'test:analyst' };

const TASK_FIELDS = `id title agency { code name kind } ownerRole boardId boardName dueOn status overdue outcome
  source { kind ref } footprint unit { level code } categories createdBy createdAt closedAt
  history { from to changedBy changedAt note }`;
const CREATE = `mutation Create($input: CreateTaskInput!) { createTask(input: $input) { ${TASK_FIELDS} } }`;
const MOVE = `mutation Move($id: ID!, $status: TaskStatus!, $note: String) {
  updateTaskStatus(id: $id, status: $status, note: $note) { ${TASK_FIELDS} }
}`;
const DRAFT = `query Draft($place: PlaceInput!) {
  taskDraft(place: $place) { footprint source { kind ref } title agency unit { level code } categories agencyRule }
}`;

interface Change {
  from: string | null;
  to: string;
  changedBy: string;
  changedAt: string;
  note: string | null;
}
interface Task {
  id: string;
  title: string;
  agency: { code: string };
  ownerRole: string;
  boardId: string | null;
  boardName: string | null;
  dueOn: string;
  status: string;
  overdue: boolean;
  outcome: string | null;
  source: { kind: string; ref: string | null };
  footprint: MultiPolygon;
  unit: { level: string; code: string } | null;
  categories: string[];
  createdBy: string;
  closedAt: string | null;
  history: Change[];
}

const STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
const ALLOWED = new Set([
  'OPEN>IN_PROGRESS',
  'OPEN>DONE',
  'OPEN>CANCELLED',
  'IN_PROGRESS>DONE',
  'IN_PROGRESS>CANCELLED',
]);

const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function writes(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM task) + (SELECT count(*) FROM task_status_change) AS n',
  );
  return Number(row.n);
}

/** A ward of the current set, and its set. */
async function aWard(db: Db): Promise<{ code: string; set: string }> {
  const [row] = await db.query<{ code: string; set: string }>(
    `SELECT w.code, w.boundary_set_id AS set FROM ward w JOIN boundary_set s ON s.id = w.boundary_set_id
     WHERE s.valid_to IS NULL ORDER BY w.code LIMIT 1`,
  );
  return row;
}

/** A board covering one ward, inserted directly (boards are another part's API). */
async function aBoard(db: Db, ward: string, name = 'Test board'): Promise<string> {
  const [board] = await db.query<{ id: string }>(
    `INSERT INTO board (name, created_by) VALUES ($1, 'test') RETURNING id::text AS id`,
    [name],
  );
  await db.query(`INSERT INTO board_unit (board_id, level, unit_code) VALUES ($1::int, 'ward', $2)`, [board.id, ward]);
  return board.id;
}

async function create(db: Db, input: Record<string, unknown>, caller: Caller = OFFICER) {
  return suite.client.run<{ createTask: Task }>(db, CREATE, { input }, caller);
}

async function created(db: Db, input: Record<string, unknown>): Promise<Task> {
  const result = await create(db, input);
  expect(result.errors).toBeUndefined();
  return result.data?.createTask as Task;
}

async function move(
  db: Db,
  id: string,
  status: string,
  note?: string,
): Promise<GraphQLResult<{ updateTaskStatus: Task }>> {
  return suite.client.run<{ updateTaskStatus: Task }>(db, MOVE, { id, status, note }, OFFICER);
}

async function wardTask(db: Db, extra: Record<string, unknown> = {}): Promise<Task> {
  const { code } = await aWard(db);
  return created(db, {
    place: { ward: code },
    agency: 'STREETPRIDE',
    ownerRole: 'AGENCY_OFFICER',
    dueOn: day(7),
    ...extra,
  });
}

describe('createTask', () => {
  it('keeps the place as its footprint, pre-fills title and unit, records the creator and the first change', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { code } = await aWard(db);
      const board = await aBoard(db, code);
      const task = await created(db, {
        place: { ward: code },
        agency: 'STREETPRIDE',
        ownerRole: 'AGENCY_OFFICER',
        board,
        dueOn: day(7),
        categories: ['fly-tipping'],
      });
      const [ward] = await db.query<{ same: boolean }>(
        `SELECT ST_HausdorffDistance(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), geom) < 0.000001 AS same
         FROM ward w JOIN boundary_set s ON s.id = w.boundary_set_id WHERE s.valid_to IS NULL AND w.code = $2`,
        [JSON.stringify(task.footprint), code],
      );
      expect(ward.same).toBe(true);
      expect(task).toMatchObject({
        agency: { code: 'STREETPRIDE' },
        ownerRole: 'AGENCY_OFFICER',
        boardId: board,
        boardName: 'Test board',
        dueOn: day(7),
        status: 'OPEN',
        overdue: false,
        outcome: null,
        source: { kind: 'ward', ref: code },
        unit: { level: 'WARD', code },
        categories: ['fly-tipping'],
        createdBy: OFFICER.identity,
        closedAt: null,
      });
      expect(task.title).toMatch(/^Act on ward /);
      expect(task.history).toEqual([
        { from: null, to: 'OPEN', changedBy: OFFICER.identity, changedAt: expect.any(String), note: null },
      ]);
    });
  });

  it('takes a board place as the task’s board, recorded as kind board (not a polygon)', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { code } = await aWard(db);
      const board = await aBoard(db, code);
      const task = await created(db, {
        place: { board },
        agency: 'POLICE',
        ownerRole: 'POLICE_INSPECTOR',
        dueOn: day(),
      });
      expect(task).toMatchObject({ boardId: board, source: { kind: 'board', ref: board }, dueOn: day() });
    });
  });

  it.each([
    ['a due day before today', { dueOn: day(-1) }, 'BAD_USER_INPUT', /dueOn must be today/],
    ['a due day that is not a day', { dueOn: '2026-02-30' }, 'BAD_USER_INPUT', /dueOn must be a calendar day/],
    ['an unknown agency', { agency: 'NOBODY' }, 'NOT_FOUND', /agency: no agency has code "NOBODY"/],
    ['an unknown board', { board: '999999' }, 'NOT_FOUND', /board: no board has id 999999/],
    ['a malformed board id', { board: 'x' }, 'BAD_USER_INPUT', /board must be a board id/],
    ['no agency where the place names none', { agency: null }, 'BAD_USER_INPUT', /agency must be given/],
    ['an unknown category', { categories: ['nonsense'] }, 'BAD_USER_INPUT', /unknown incident category "nonsense"/],
    ['an empty title', { title: '  ' }, 'BAD_USER_INPUT', /title must be from 1 to 200/],
    ['two places', { place: { ward: 'E05000001', area: 'X' } }, 'BAD_USER_INPUT', /exactly one of/],
    ['an unknown ward', { place: { ward: 'E05999999' } }, 'NOT_FOUND', /no ward of .* has code "E05999999"/],
    ['an empty ward code', { place: { ward: '' } }, 'NOT_FOUND', /no ward of .* has code ""/],
    ['an empty board id', { place: { board: '' } }, 'BAD_USER_INPUT', /board must be a board id/],
    [
      'a polygon outside the city',
      {
        place: {
          polygon: {
            type: 'Polygon',
            coordinates: [
              [
                [-0.13, 51.5],
                [-0.12, 51.5],
                [-0.12, 51.51],
                [-0.13, 51.5],
              ],
            ],
          },
        },
      },
      'BAD_USER_INPUT',
      /polygon must lie at least 50 % inside the city/,
    ],
    [
      'a polygon that is not GeoJSON',
      { place: { polygon: { type: 'Polygon', coordinates: [[[-1.47, 52.92]]] } } },
      'BAD_USER_INPUT',
      /polygon/,
    ],
  ])('refuses %s, writing nothing', async (_, change, code, message) => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const ward = await aWard(db);
      const before = await writes(db);
      const result = await create(db, {
        place: { ward: ward.code },
        agency: 'STREETPRIDE',
        ownerRole: 'AGENCY_OFFICER',
        dueOn: day(3),
        ...change,
      });
      expect(errorCodes(result)).toEqual([code]);
      expect(result.errors?.[0].message).toMatch(message);
      expect(await writes(db)).toBe(before);
    });
  });

  it('is refused by the database too when due before the day it was created (UTC)', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const task = await wardTask(db);
      await expect(
        db.query(`UPDATE task SET due_on = (created_at AT TIME ZONE 'UTC')::date - 1 WHERE id = $1`, [task.id]),
      ).rejects.toThrow(/CHK_task_due_after_creation/);
    });
  });

  it('pre-fills agency, unit and categories from a street-scene report', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const reported = await suite.client.run<{ reportIssue: { id: string } }>(
        db,
        'mutation { reportIssue(input: { category: "graffiti", lon: -1.4776, lat: 52.9254, description: "tasks test" }) { id } }',
        undefined,
        OFFICER,
      );
      expect(reported.errors).toBeUndefined();
      const id = reported.data?.reportIssue.id as string;
      const [ward] = await db.query<{ code: string }>('SELECT ward_code AS code FROM incident WHERE id = $1', [id]);
      const task = await created(db, { place: { report: id }, ownerRole: 'AGENCY_OFFICER', dueOn: day(2) });
      expect(task).toMatchObject({
        agency: { code: 'STREETPRIDE' },
        unit: { level: 'WARD', code: ward.code },
        categories: ['graffiti'],
        source: { kind: 'report', ref: id },
      });
    });
  });
});

describe('updateTaskStatus: every pair of statuses', () => {
  /** How to bring a new task to each status. */
  const PATH: Record<string, string[]> = {
    OPEN: [],
    IN_PROGRESS: ['IN_PROGRESS'],
    DONE: ['DONE'],
    CANCELLED: ['CANCELLED'],
  };
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, ALLOWED.has(`${from}>${to}`)] as const));

  it('covers all 16 pairs, 5 allowed', () => {
    expect(pairs).toHaveLength(16);
    expect(pairs.filter(([, , ok]) => ok)).toHaveLength(5);
  });

  it.each(pairs)('%s → %s allowed: %s', async (from, to, allowed) => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const task = await wardTask(db);
      for (const step of PATH[from]) {
        expect((await move(db, task.id, step, 'on the way')).errors).toBeUndefined();
      }
      const before = await writes(db);
      const result = await move(db, task.id, to, 'cleared and checked');
      if (allowed) {
        expect(result.errors).toBeUndefined();
        const moved = result.data?.updateTaskStatus as Task;
        const closing = to === 'DONE' || to === 'CANCELLED';
        expect(moved.status).toBe(to);
        expect(moved.history).toHaveLength(PATH[from].length + 2);
        expect(moved.history.at(-1)).toEqual({
          from,
          to,
          changedBy: OFFICER.identity,
          changedAt: expect.any(String),
          note: 'cleared and checked',
        });
        expect(moved.outcome).toBe(closing ? 'cleared and checked' : null);
        expect(moved.closedAt === null).toBe(!closing);
      } else {
        expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors?.[0].message).toContain(`status cannot change from ${from} to ${to}`);
        expect(await writes(db)).toBe(before);
        const [row] = await db.query<{ status: string }>('SELECT status FROM task WHERE id = $1', [task.id]);
        expect(row.status).toBe(from.toLowerCase());
      }
    });
  });

  it('needs an outcome note to close a task, and refuses an unknown task or status, writing nothing', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const task = await wardTask(db);
      const before = await writes(db);
      const bare = await move(db, task.id, 'DONE');
      expect(errorCodes(bare)).toEqual(['BAD_USER_INPUT']);
      expect(bare.errors?.[0].message).toMatch(/note must be the outcome when a task becomes DONE/);
      expect(errorCodes(await move(db, '999999999', 'DONE', 'x'))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await move(db, 'abc', 'DONE', 'x'))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await move(db, task.id, 'FINISHED', 'x'))).toEqual(['BAD_USER_INPUT']);
      expect(await writes(db)).toBe(before);
    });
  });
});

/** Incidents planted at points given in British National Grid metres, with their current ward. */
async function plant(
  db: Db,
  set: string,
  points: { x: number; y: number; category: string; month: string }[],
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, ward_code, area_code,
                           month_ward_code, month_area_code)
     SELECT 'test-task', 'task-' || t.k || '-' || md5(random()::text), t.c, t.m::date, ST_Transform(pt.p, 4326), pt.p,
            w.code, w.area_code, w.code, w.area_code
     FROM unnest($1::float8[], $2::float8[], $3::text[], $4::text[]) WITH ORDINALITY AS t(x, y, c, m, k)
     CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(t.x, t.y), 27700) AS p) pt
     LEFT JOIN ward w ON w.boundary_set_id = $5 AND ST_Intersects(w.geom, ST_Transform(pt.p, 4326))
     RETURNING id::text AS id`,
    [
      points.map((p) => p.x),
      points.map((p) => p.y),
      points.map((p) => p.category),
      points.map((p) => `${p.month}-01`),
      set,
    ],
  );
  return rows.map((r) => r.id);
}

describe('pre-filling from a cross-boundary issue', () => {
  it('proposes the lead unit and the agency owning the largest category, and refuses once the issue is gone', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { set } = await aWard(db);
      // A point on the boundary between two current wards, in metres.
      const [edge] = await db.query<{ x: number; y: number }>(
        `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (
           SELECT ST_Transform(ST_LineInterpolatePoint(ST_GeometryN(ST_LineMerge(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 2)), 1), 0.5), 27700) AS p
           FROM ward a JOIN ward b ON b.boundary_set_id = a.boundary_set_id AND a.code < b.code AND ST_Touches(a.geom, b.geom)
           WHERE a.boundary_set_id = $1 AND ST_Length(ST_Transform(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 2), 27700)) > 500
           ORDER BY a.code, b.code LIMIT 1) e`,
        [set],
      );
      // 34 incidents in a disc of 30 m across the boundary: anti-social behaviour (community
      // safety) is the largest category, though the police own more incidents in all.
      const categories = [
        ...Array<string>(14).fill('anti-social-behaviour'),
        ...Array<string>(10).fill('drugs'),
        ...Array<string>(10).fill('burglary'),
      ];
      const points = categories.map((category, k) => ({
        x: edge.x + (3 + k * 0.8) * Math.cos(k * 2.4),
        y: edge.y + (3 + k * 0.8) * Math.sin(k * 2.4),
        category,
        month: '2036-01',
      }));
      const ids = await plant(db, set, points);
      const sides = await db.query<{ ward: string; n: number }>(
        `SELECT ward_code AS ward, count(*)::int AS n FROM incident WHERE id = ANY($1::bigint[]) GROUP BY ward_code ORDER BY n DESC, ward_code`,
        [ids],
      );
      expect(sides.length).toBe(2);
      const [box] = await db.query<{ g: Polygon }>(
        `SELECT ST_AsGeoJSON(ST_Transform(ST_Expand(ST_SetSRID(ST_MakePoint($1, $2), 27700), 400), 4326), 9)::json AS g`,
        [edge.x, edge.y],
      );
      const analysis = { from: '2036-01', to: '2036-01', sources: ['test-task'], within: box.g };
      const found = await suite.client.run<{
        crossBoundaryIssues: { key: string; kind: string; lead: { code: string } }[];
      }>(
        db,
        `query ($input: HotspotInput!) { crossBoundaryIssues(input: $input, level: WARD, epsMetres: 50, minPoints: 10) { key kind lead { code } } }`,
        { input: analysis },
        OFFICER,
      );
      expect(found.errors).toBeUndefined();
      const issue = found.data?.crossBoundaryIssues.find((i) => i.kind === 'CLUSTER');
      expect(issue?.key).toMatch(/^CLUSTER:[0-9a-f]{16}$/);
      expect(issue?.lead.code).toBe(sides[0].ward);
      const place = { crossBoundary: { analysis, level: 'WARD', epsMetres: 50, minPoints: 10, key: issue?.key } };
      const draft = await suite.client.run<{ taskDraft: Record<string, unknown> }>(db, DRAFT, { place }, OFFICER);
      expect(draft.errors).toBeUndefined();
      expect(draft.data?.taskDraft).toMatchObject({
        agency: 'COMMUNITY_SAFETY',
        unit: { level: 'WARD', code: sides[0].ward },
        categories: [],
        source: { kind: 'cross_boundary' },
      });
      // Every planted incident lies inside the footprint drawn from the cluster's hull.
      const [inside] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident WHERE id = ANY($1::bigint[]) AND ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))`,
        [ids, JSON.stringify((draft.data?.taskDraft as { footprint: unknown }).footprint)],
      );
      expect(inside.n).toBe(ids.length);
      const task = await created(db, { place, ownerRole: 'AGENCY_OFFICER', dueOn: day(14) });
      expect(task).toMatchObject({
        agency: { code: 'COMMUNITY_SAFETY' },
        unit: { level: 'WARD', code: sides[0].ward },
        source: { kind: 'cross_boundary' },
      });
      expect(JSON.parse(task.source.ref as string)).toMatchObject({ key: issue?.key, level: 'WARD' });
      // A neighbourhood plan's priority takes the same places (resolvePlace), kept as what they are.
      const [plan] = await db.query<{ id: string }>(
        `WITH b AS (INSERT INTO board (name, created_by) VALUES ('priority places test', 'test') RETURNING id)
         INSERT INTO neighbourhood_plan (board_id, year, title, created_by) SELECT id, 2036, 'plan', 'test' FROM b
         RETURNING id::text AS id`,
      );
      const priority = await suite.client.run<{ addPlanPriority: { placeKind: string; footprint: unknown } }>(
        db,
        `mutation ($planId: ID!, $input: PlanPriorityInput!) { addPlanPriority(planId: $planId, input: $input) { placeKind footprint } }`,
        {
          planId: plan.id,
          input: { title: 'the cluster', place, leadAgency: 'COMMUNITY_SAFETY', targetChangePercent: -20 },
        },
        OFFICER,
      );
      expect(priority.errors).toBeUndefined();
      expect(priority.data?.addPlanPriority.placeKind).toBe('cross_boundary');
      expect(priority.data?.addPlanPriority.footprint).toEqual(task.footprint);
      // The same cluster by the clusters query's key, and hot cells the grid does not have.
      const clusters = await suite.client.run<{ clusters: { key: string; count: number }[] }>(
        db,
        `query ($input: ClusterInput!) { clusters(input: $input) { key count } }`,
        { input: { ...analysis, epsMetres: 50, minPoints: 10 } },
        OFFICER,
      );
      expect(clusters.data?.clusters).toEqual([{ key: issue?.key, count: ids.length }]);
      const byCluster = await suite.client.run<{ taskDraft: Record<string, unknown> }>(
        db,
        DRAFT,
        { place: { cluster: { analysis: { ...analysis, epsMetres: 50, minPoints: 10 }, key: issue?.key } } },
        OFFICER,
      );
      expect(byCluster.data?.taskDraft).toMatchObject({
        agency: 'COMMUNITY_SAFETY',
        unit: { level: 'WARD', code: sides[0].ward },
        source: { kind: 'cluster' },
      });
      // Hot cells of a Gi* analysis of the same incidents, 100 m squares: their union holds them all.
      const grid = { ...analysis, cellSizeMetres: 100 };
      const hot = await suite.client.run<{ hotspots: { cells: { id: string; confidence: number; count: number }[] } }>(
        db,
        `query ($input: HotspotInput!) { hotspots(input: $input, significantOnly: true) { cells { id confidence count } } }`,
        { input: grid },
        OFFICER,
      );
      const hotCells = (hot.data?.hotspots.cells ?? []).filter((c) => c.confidence >= 2);
      expect(hotCells.reduce((sum, c) => sum + c.count, 0)).toBe(ids.length);
      const byCells = await suite.client.run<{
        taskDraft: { footprint: unknown; agency: string; source: { kind: string; ref: string } };
      }>(db, DRAFT, { place: { hotspot: { analysis: grid, cells: hotCells.map((c) => c.id) } } }, OFFICER);
      expect(byCells.errors).toBeUndefined();
      expect(byCells.data?.taskDraft).toMatchObject({ agency: 'COMMUNITY_SAFETY', source: { kind: 'hotspot' } });
      const [inCells] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident WHERE id = ANY($1::bigint[]) AND ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))`,
        [ids, JSON.stringify(byCells.data?.taskDraft.footprint)],
      );
      expect(inCells.n).toBe(ids.length);
      // source.ref can be sent again as the place.
      const again = await suite.client.run(
        db,
        DRAFT,
        { place: { hotspot: JSON.parse(byCells.data?.taskDraft.source.ref as string) } },
        OFFICER,
      );
      expect(again.errors).toBeUndefined();
      const noCell = await suite.client.run(db, DRAFT, { place: { hotspot: { analysis, cells: ['0:0'] } } }, OFFICER);
      expect(errorCodes(noCell)).toEqual(['NOT_FOUND']);
      expect(noCell.errors?.[0].message).toMatch(/cell "0:0" is not in the grid of this analysis/);
      // Fewer incidents make another cluster: the key names nothing now, and nothing is written.
      await db.query('DELETE FROM incident WHERE id = ANY($1::bigint[])', [ids.slice(0, 3)]);
      const before = await writes(db);
      const gone = await create(db, { place, ownerRole: 'AGENCY_OFFICER', dueOn: day(14) });
      expect(errorCodes(gone)).toEqual(['NOT_FOUND']);
      expect(gone.errors?.[0].message).toMatch(/no cross-boundary issue of this analysis .* has key/);
      expect(await writes(db)).toBe(before);
    });
  });
});

describe('linked incidents', () => {
  it('counts the incidents inside the footprint of the task’s categories over its period, as counted by hand', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { set, code } = await aWard(db);
      const [centre] = await db.query<{ x: number; y: number }>(
        `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 27700) AS p FROM ward WHERE code = $1 AND boundary_set_id = $2) c`,
        [code, set],
      );
      const [box] = await db.query<{ g: Polygon }>(
        `SELECT ST_AsGeoJSON(ST_Transform(ST_Expand(ST_SetSRID(ST_MakePoint($1, $2), 27700), 100), 4326), 9)::json AS g`,
        [centre.x, centre.y],
      );
      const thisMonth = day().slice(0, 7);
      const at = (dx: number, category: string, month = thisMonth) => ({
        x: centre.x + dx,
        y: centre.y,
        category,
        month,
      });
      const inside = await plant(db, set, [at(-90, 'drugs'), at(-40, 'drugs'), at(0, 'drugs'), at(60, 'drugs')]);
      await plant(db, set, [at(10, 'burglary'), at(150, 'drugs'), at(-300, 'drugs'), at(20, 'drugs', '2036-01')]);
      const task = await created(db, {
        place: { polygon: box.g },
        agency: 'POLICE',
        ownerRole: 'POLICE_INSPECTOR',
        dueOn: day(7),
        categories: ['drugs'],
      });
      // Incidents of this month already held inside the box, counted by hand the same way.
      const [held] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident WHERE category_slug = 'drugs' AND month = $1::date
           AND ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AND NOT (id = ANY($3::bigint[]))`,
        [`${thisMonth}-01`, JSON.stringify(box.g), inside],
      );
      const linked = await suite.client.run<{
        task: { incidents: { from: string; to: string; count: number; incidents: { id: string }[] } };
      }>(
        db,
        `query ($id: ID!) { task(id: $id) { incidents(first: 2) { from to count incidents { id } } } }`,
        { id: task.id },
        OFFICER,
      );
      expect(linked.errors).toBeUndefined();
      expect(linked.data?.task.incidents).toMatchObject({
        from: thisMonth,
        to: thisMonth,
        count: inside.length + held.n,
      });
      expect(linked.data?.task.incidents.incidents).toHaveLength(2);
      const later = await suite.client.run<{ task: { incidents: { count: number } } }>(
        db,
        `query ($id: ID!) { task(id: $id) { incidents(from: "2036-01", to: "2036-01") { count } } }`,
        { id: task.id },
        OFFICER,
      );
      expect(later.data?.task.incidents.count).toBe(1);
    });
  });
});

describe('tasks and taskingView', () => {
  /** A task of a board with its dates set directly (the API only makes tasks due from today). */
  async function dated(
    db: Db,
    board: string,
    t: { created: string; due: string; status?: string; closed?: string },
  ): Promise<string> {
    const task = await wardTask(db, { board });
    await db.query(
      `UPDATE task SET created_at = ($2::date)::timestamp AT TIME ZONE 'UTC', due_on = $3::date, status = $4,
              closed_at = ($5::date)::timestamp AT TIME ZONE 'UTC' + interval '12 hours'
       WHERE id = $1`,
      [task.id, t.created, t.due, t.status ?? 'open', t.closed ?? null],
    );
    return task.id;
  }

  const VIEW = `query ($board: ID!, $date: String) {
    taskingView(board: $board, date: $date) { boardId asOf weekStart weekEnd open { id } overdue { id } dueThisWeek { id } doneLastWeek { id } }
  }`;

  it('lists a board’s week: open, overdue, due this week and done last week', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { code } = await aWard(db);
      const board = await aBoard(db, code);
      const other = await aBoard(db, code, 'Other board');
      // A fixed Thursday, so that the week is known: 2026-12-31 (Monday 2026-12-28).
      const late = await dated(db, board, { created: '2026-12-01', due: '2026-12-24' });
      const dueSunday = await dated(db, board, { created: '2026-12-01', due: '2027-01-03', status: 'in_progress' });
      const doneLastWeek = await dated(db, board, {
        created: '2026-12-01',
        due: '2026-12-22',
        status: 'done',
        closed: '2026-12-27',
      });
      await dated(db, board, { created: '2026-12-01', due: '2026-12-10', status: 'done', closed: '2026-12-20' });
      const cancelledLastWeek = await dated(db, board, {
        created: '2026-12-01',
        due: '2026-12-29',
        status: 'cancelled',
        closed: '2026-12-22',
      });
      await dated(db, other, { created: '2026-12-01', due: '2026-12-24' });
      const view = await suite.client.run<{ taskingView: Record<string, unknown> }>(
        db,
        VIEW,
        { board, date: '2026-12-31' },
        ANALYST,
      );
      expect(view.errors).toBeUndefined();
      const ids = (l: unknown) => (l as { id: string }[]).map((t) => t.id);
      const v = view.data?.taskingView as Record<string, unknown>;
      expect(v).toMatchObject({ boardId: board, asOf: '2026-12-31', weekStart: '2026-12-28', weekEnd: '2027-01-03' });
      expect(ids(v.open)).toEqual([late, dueSunday]);
      expect(ids(v.overdue)).toEqual([late]);
      expect(ids(v.dueThisWeek)).toEqual([dueSunday]);
      expect(ids(v.doneLastWeek)).toEqual([doneLastWeek]);
      expect(ids(v.dueThisWeek)).not.toContain(cancelledLastWeek);
      // A week later, across the year end: the late task is still open and overdue.
      const next = await suite.client.run<{ taskingView: Record<string, unknown> }>(
        db,
        VIEW,
        { board, date: '2027-01-07' },
        ANALYST,
      );
      expect(next.data?.taskingView).toMatchObject({ weekStart: '2027-01-04', weekEnd: '2027-01-10' });
      expect(ids(next.data?.taskingView.overdue)).toEqual([late, dueSunday]);
      expect(ids(next.data?.taskingView.doneLastWeek)).toEqual([]);
      expect(errorCodes(await suite.client.run(db, VIEW, { board: '999999' }, ANALYST))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await suite.client.run(db, VIEW, { board, date: '2026-13-01' }, ANALYST))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });
  });

  it('filters tasks by board, agency, status and overdue, a page at a time', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { code } = await aWard(db);
      const board = await aBoard(db, code);
      const a = await dated(db, board, { created: '2026-11-01', due: '2026-11-20' });
      const b = (await wardTask(db, { board, agency: 'POLICE' })).id;
      const c = (await wardTask(db, { board })).id;
      const LIST = `query ($board: ID, $agency: String, $status: TaskStatus, $overdue: Boolean, $first: Int, $after: String) {
        tasks(board: $board, agency: $agency, status: $status, overdue: $overdue, first: $first, after: $after) { tasks { id overdue } endCursor hasNextPage }
      }`;
      type Page = { tasks: { tasks: { id: string; overdue: boolean }[]; endCursor: string; hasNextPage: boolean } };
      const first = await suite.client.run<Page>(db, LIST, { board, first: 2 }, ANALYST);
      expect(first.data?.tasks.tasks.map((t) => t.id)).toEqual([c, b]);
      expect(first.data?.tasks.hasNextPage).toBe(true);
      const second = await suite.client.run<Page>(
        db,
        LIST,
        { board, first: 2, after: first.data?.tasks.endCursor },
        ANALYST,
      );
      expect(second.data?.tasks).toMatchObject({ tasks: [{ id: a, overdue: true }], hasNextPage: false });
      const police = await suite.client.run<Page>(db, LIST, { board, agency: 'POLICE' }, ANALYST);
      expect(police.data?.tasks.tasks.map((t) => t.id)).toEqual([b]);
      const late = await suite.client.run<Page>(db, LIST, { board, overdue: true }, ANALYST);
      expect(late.data?.tasks.tasks.map((t) => t.id)).toEqual([a]);
      await move(db, b, 'IN_PROGRESS');
      const working = await suite.client.run<Page>(db, LIST, { board, status: 'IN_PROGRESS' }, ANALYST);
      expect(working.data?.tasks.tasks.map((t) => t.id)).toEqual([b]);
      expect(errorCodes(await suite.client.run(db, LIST, { first: 101 }, ANALYST))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await suite.client.run(db, LIST, { after: 'nonsense' }, ANALYST))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await suite.client.run(db, LIST, { agency: 'NOBODY' }, ANALYST))).toEqual(['NOT_FOUND']);
    });
  });

  it('shows analysts the task but not its outcome or history, which are for officers', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const task = await wardTask(db);
      const read = (fields: string) =>
        suite.client.run(db, `query ($id: ID!) { task(id: $id) { ${fields} } }`, { id: task.id }, ANALYST);
      expect((await read('id title status dueOn footprint')).errors).toBeUndefined();
      expect(errorCodes(await read('outcome'))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await read('history { note }'))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await read('createdBy'))).toEqual(['FORBIDDEN']);
    });
  });
});
