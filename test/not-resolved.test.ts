import * as turf from '@turf/turf';
import type { Geometry, MultiPolygon, Point } from 'geojson';

import type { Db } from '../src/db/db';

import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, graphqlSuite } from './helpers/graphql';
import { plant, type Planted, plantTask, wgs84Box } from './helpers/resolved';

const suite = graphqlSuite();

// A 5 km square (20 × 20 cells of 250 m) far from the shipped city: one incident a month in every
// cell, and four hot spots of 2 × 2 cells in its corners, 60 more incidents a cell each month.
const X0 = 620_000;
const Y0 = 190_000;
const MONTHS = ['2047-01', '2047-02', '2047-03', '2047-04', '2047-05', '2047-06'];
const CORNERS = { none: [1, 1], overdue: [16, 1], notReduced: [1, 16], reduced: [16, 16] } as const;
type Spot = keyof typeof CORNERS;
const centre = (c: number) => c * 250 + 125;
/** The 2 × 2 block of a hot spot as a box in metres. */
const block = (spot: Spot): [number, number, number, number] => {
  const [i, j] = CORNERS[spot];
  return [X0 + i * 250, Y0 + j * 250, X0 + (i + 2) * 250, Y0 + (j + 2) * 250];
};

/** Background and hot spots; the "reduced" one falls from 60 to 40 a cell from April, after its task. */
function incidents(): Planted[] {
  const out: Planted[] = [];
  for (const month of MONTHS) {
    for (let i = 0; i < 20; i += 1) {
      for (let j = 0; j < 20; j += 1) {
        out.push({ x: X0 + centre(i), y: Y0 + centre(j), n: 1, month });
      }
    }
    for (const spot of Object.keys(CORNERS) as Spot[]) {
      const [i, j] = CORNERS[spot];
      const n = spot === 'reduced' && month >= '2047-04' ? 40 : 60;
      for (const [di, dj] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        out.push({ x: X0 + centre(i + di), y: Y0 + centre(j + dj), n, month });
      }
    }
  }
  return out;
}

/** Street-scene reports in the middle of the square, days ago, with a status. */
async function report(tx: Db, category: string, status: string, daysAgo: number): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO incident (source, source_key, category_slug, month, occurred_at, geom, geom_bng, status, description)
     SELECT 'test-resolved', 'report-' || $1 || '-' || $3, $1, '2047-06-01', now() - make_interval(days => $3::int), ST_Transform(p, 4326), p, $2, 'test'
     FROM (SELECT ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 27700) AS p) x
     RETURNING id::text AS id`,
    [category, status, daysAgo, X0 + 2_500 + daysAgo * 10, Y0 + 2_500],
  );
  return row.id;
}

interface Problem {
  rank: number;
  kind: string;
  reasons: string[];
  why: string;
  score: number;
  incidents: number;
  geometry: Geometry;
  reportId: string | null;
  targetDays: number | null;
  daysOpen: number | null;
  tasks: { taskId: string; status: string; overdue: boolean; effect: string | null }[];
}

const LIST = `query ($input: ProblemsInput) {
  problemsNotResolved(input: $input) {
    parameters { from to minSignificantMonths effectMonths extent scoreRule }
    total warnings
    problems { rank kind reasons why score incidents geometry reportId targetDays daysOpen units { level code }
               tasks { taskId status overdue effect effectReading task { id status dueOn } } }
  }
}`;

describe('problemsNotResolved: the board list', () => {
  it('lists the hot spot with no task, the overdue one and the one whose task brought no fall, not the one that worked; reports past target, not within it', async () => {
    const out = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await plant(tx, incidents());
      const work = { createdAt: '2047-03-05T09:00:00Z', dueOn: '2047-03-31', closedAt: '2047-03-25T12:00:00Z' };
      const cancelled = await plantTask(tx, { box: block('none'), status: 'cancelled', ...work });
      const overdue = await plantTask(tx, {
        box: block('overdue'),
        status: 'open',
        createdAt: '2026-06-01T09:00:00Z',
        dueOn: '2026-06-30',
      });
      const notReduced = await plantTask(tx, { box: block('notReduced'), status: 'done', ...work });
      const reduced = await plantTask(tx, { box: block('reduced'), status: 'done', ...work });
      const late = await report(tx, 'fly-tipping', 'open', 10);
      const later = await report(tx, 'graffiti', 'in_progress', 30);
      const recent = await report(tx, 'fly-tipping', 'open', 2);
      const resolved = await report(tx, 'fly-tipping', 'resolved', 40);
      const within = await wgs84Box(tx, [X0 + 5, Y0 + 5, X0 + 4_995, Y0 + 4_995]);
      const result = await suite.client.run<{
        problemsNotResolved: { parameters: Record<string, unknown>; total: number; problems: Problem[] };
      }>(tx, LIST, {
        input: { from: MONTHS[0], to: MONTHS[5], within, sources: ['test-resolved'], effectMonths: 1 },
      });
      const effects = await suite.client.run<{ a: { verdict: string }; b: { verdict: string } }>(
        tx,
        `{ a: taskEffect(taskId: "${reduced}", months: 1) { verdict } b: taskEffect(taskId: "${notReduced}", months: 1) { verdict } }`,
      );
      // The centre of each spot's first cell, in WGS 84.
      const centres = {} as Record<Spot, [number, number]>;
      for (const spot of Object.keys(CORNERS) as Spot[]) {
        const [i, j] = CORNERS[spot];
        const [row] = await tx.query<{ lon: number; lat: number }>(
          'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 27700), 4326) p',
          [X0 + centre(i), Y0 + centre(j)],
        );
        centres[spot] = [row.lon, row.lat];
      }
      return {
        result,
        effects,
        centres,
        ids: { cancelled, overdue, notReduced, reduced, late, later, recent, resolved },
      };
    });
    expect(out.result.errors).toBeUndefined();
    // The task that worked and the one that did not, judged alone.
    expect(out.effects.data).toEqual({ a: { verdict: 'LIKELY_WORKED' }, b: { verdict: 'NO_CLEAR_CHANGE' } });
    const list = out.result.data?.problemsNotResolved;
    expect(list?.parameters).toMatchObject({
      from: '2047-01',
      to: '2047-06',
      minSignificantMonths: 5,
      effectMonths: 1,
    });
    const problems = list?.problems ?? [];
    const spots = problems.filter((p) => p.kind === 'PERSISTENT_HOTSPOT');
    expect(spots).toHaveLength(3);
    const byTask = (id: string | null) =>
      spots.find((p) => (id ? p.tasks.some((t) => t.taskId === id) : p.tasks.length === 0));
    expect(byTask(null)?.reasons).toEqual(['NO_OPEN_TASK']);
    expect(byTask(out.ids.overdue)?.reasons).toEqual(['OVERDUE_TASK']);
    expect(byTask(out.ids.overdue)?.tasks).toEqual([
      expect.objectContaining({
        taskId: out.ids.overdue,
        status: 'open',
        overdue: true,
        effect: null,
        // The Task itself, through the loader: the same row.
        task: { id: out.ids.overdue, status: 'OPEN', dueOn: '2026-06-30' },
      }),
    ]);
    expect(byTask(out.ids.notReduced)?.reasons).toEqual(['FINISHED_WITHOUT_FALL']);
    expect(byTask(out.ids.notReduced)?.tasks[0].effect).toBe('NO_CLEAR_CHANGE');
    expect(byTask(out.ids.reduced)).toBeUndefined();
    // Cancelled tasks are not counted: the spot under one has no task.
    expect(spots.some((p) => p.tasks.some((t) => t.taskId === out.ids.cancelled))).toBe(false);
    // Each listed spot lies on its own corner; none on the corner whose task worked.
    const on = (p: Problem | undefined, spot: Spot) =>
      (p?.geometry as MultiPolygon).coordinates.some((poly) =>
        turf.booleanPointInPolygon(out.centres[spot], turf.polygon(poly)),
      );
    expect(on(byTask(null), 'none')).toBe(true);
    expect(on(byTask(out.ids.overdue), 'overdue')).toBe(true);
    expect(on(byTask(out.ids.notReduced), 'notReduced')).toBe(true);
    expect(spots.some((p) => on(p, 'reduced'))).toBe(false);

    const reports = problems.filter((p) => p.kind === 'REPORT_PAST_TARGET');
    expect(reports.map((r) => r.reportId).sort()).toEqual([out.ids.late, out.ids.later].sort());
    const late = reports.find((r) => r.reportId === out.ids.late) as Problem;
    expect(late.reasons).toEqual(['PAST_TARGET']);
    expect(late.targetDays).toBe(5);
    expect(Math.abs((late.daysOpen as number) - 10)).toBeLessThan(0.01);
    expect(late.score).toBeCloseTo((late.daysOpen as number) / 5, 9);
    expect((late.geometry as Point).type).toBe('Point');
    // Ranked by score, highest first, ranks 1..n.
    expect(problems.map((p) => p.rank)).toEqual(problems.map((_, k) => k + 1));
    expect(problems.every((p, k) => k === 0 || problems[k - 1].score >= p.score)).toBe(true);
    expect(list?.total).toBe(problems.length);
  });

  it('refuses bad input, naming the field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ first: 0 }, 'BAD_USER_INPUT', /^first must be from 1 to 500, got 0$/],
      [{ effectMonths: 30 }, 'BAD_USER_INPUT', /^effectMonths must be a whole number of months from 1 to 24, got 30$/],
      [{ from: '2047-13', to: '2047-12' }, 'BAD_USER_INPUT', /^from must be a month/],
      [{ from: '2047-06', to: '2047-01' }, 'BAD_USER_INPUT', /inverted/],
      [{ from: '2040-01', to: '2047-01' }, 'BAD_USER_INPUT', /^months must be from 1 to 36/],
      [{ to: '2047-06', minSignificantMonths: 13 }, 'BAD_USER_INPUT', /minSignificantMonths/],
      [{ board: '999999' }, 'NOT_FOUND', /^no board has id 999999/],
      [
        {
          board: '1',
          within: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
        'BAD_USER_INPUT',
        /^board must be given without within/,
      ],
    ];
    for (const [input, code, message] of cases) {
      const result = await suite.client.run(suite.db, LIST, { input });
      expect({ input, codes: errorCodes(result) }).toEqual({ input, codes: [code] });
      expect(result.errors?.[0].message).toMatch(message);
    }
  });
});
