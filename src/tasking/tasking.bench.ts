import { type Bench, benchGraphql, type BenchResult, ensureBenchIncidents, measure } from '../../bench/harness';
import { createDataSource } from '../db/data-source';
import { type Db, typeormDb } from '../db/db';

/** Incidents in the database (BENCH_ROWS, default 1,000,000), the same synthetic file as the hot-spot benchmarks. */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
/** Tasks spread over one board per current ward (BENCH_TASKS, default 10,000). */
const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const MARK = 'benchmark';

const VIEW = `query ($board: ID!) {
  taskingView(board: $board) {
    weekStart weekEnd
    open { id title agency { code } status dueOn overdue unit { level code } footprint }
    overdue { id }
    dueThisWeek { id title status dueOn }
    doneLastWeek { id title }
  }
}`;

/**
 * Makes TASKS tasks, written straight into the tables (the API makes only tasks due from today):
 * one board per current ward, each task a 250 m square round one of the ward's incidents,
 * created over the two years to today, due 7 to 60 days later; those due more than a week ago
 * are mostly closed (85 % done, 5 % cancelled), so that a board holds a few hundred tasks of
 * which a few dozen are open, as a working board would. Kept when already there.
 */
async function ensureBenchTasks(db: Db): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM task WHERE created_by = $1', [MARK]);
  if (n === TASKS) {
    return;
  }
  process.stderr.write(`… writing ${TASKS} benchmark tasks\n`);
  await db.query('DELETE FROM task WHERE created_by = $1', [MARK]);
  await db.query(`DELETE FROM board WHERE created_by = $1`, [MARK]);
  await db.query(
    `INSERT INTO board (name, created_by)
     SELECT 'Benchmark board ' || w.code, $1 FROM ward w JOIN boundary_set s ON s.id = w.boundary_set_id AND s.valid_to IS NULL`,
    [MARK],
  );
  await db.query(
    `INSERT INTO board_unit (board_id, level, unit_code)
     SELECT b.id, 'ward', substr(b.name, length('Benchmark board ') + 1) FROM board b WHERE b.created_by = $1`,
    [MARK],
  );
  await db.query('SELECT setseed(0.13)');
  await db.query(
    `WITH boards AS (
       SELECT b.id, row_number() OVER (ORDER BY b.id) - 1 AS k, count(*) OVER () AS n,
              substr(b.name, length('Benchmark board ') + 1) AS ward
       FROM board b WHERE b.created_by = $1
     ),
     -- The first 200 incidents of each ward's last month, numbered, to put tasks round.
     points AS (
       SELECT ward_code, geom_bng, row_number() OVER (PARTITION BY ward_code ORDER BY id) AS r
       FROM incident WHERE month = '2040-12-01' AND ward_code IS NOT NULL
     ),
     drafts AS (
       SELECT g, b.id AS board_id, b.ward, (now() - random() * interval '730 days') AS created_at,
              7 + floor(random() * 54)::int AS days, random() AS fate, random() AS pick
       FROM generate_series(1, $2::int) g JOIN boards b ON b.k = g % b.n
     )
     INSERT INTO task (title, agency_code, owner_role, board_id, due_on, status, outcome, source_kind, source_ref,
                       footprint, unit_level, unit_code, categories, created_by, created_at, closed_at)
     SELECT 'Benchmark task ' || d.g, (ARRAY['STREETPRIDE', 'POLICE', 'COMMUNITY_SAFETY', 'HOUSING'])[1 + d.g % 4],
            'agency_officer', d.board_id, (d.created_at AT TIME ZONE 'UTC')::date + d.days, c.status,
            CASE WHEN c.status IN ('done', 'cancelled') THEN 'benchmark outcome' END, 'polygon', NULL,
            ST_Multi(ST_Transform(ST_Expand(i.geom_bng, 125), 4326)), 'ward', d.ward, '{}', $1, d.created_at,
            CASE WHEN c.status IN ('done', 'cancelled')
                 THEN least(now(), d.created_at + (d.days + 3) * interval '1 day') END
     FROM drafts d
     CROSS JOIN LATERAL (
       SELECT CASE WHEN d.created_at + (d.days + 7) * interval '1 day' > now() OR d.fate >= 0.9 THEN
                     CASE WHEN d.fate < 0.4 THEN 'in_progress' ELSE 'open' END
                   WHEN d.fate < 0.85 THEN 'done' ELSE 'cancelled' END AS status
     ) c
     JOIN points i ON i.ward_code = d.ward AND i.r = 1 + floor(d.pick * 200)::int`,
    [MARK, TASKS],
  );
  await db.query(
    `INSERT INTO task_status_change (task_id, from_status, to_status, changed_by, changed_at)
     SELECT id, NULL, 'open', created_by, created_at FROM task WHERE created_by = $1`,
    [MARK],
  );
  await db.query('ANALYZE task');
}

/**
 * The weekly tasking view of one board (the one with the most open tasks) at ROWS incidents and
 * TASKS tasks, end to end through the schema, footprints included.
 */
export const taskingBench: Bench = async (url, database) => {
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4);
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const results: BenchResult[] = [];
  try {
    await ensureBenchIncidents(dataSource, ROWS, `the ${database} database for the tasking benchmarks`);
    await ensureBenchTasks(db);
    const [busiest] = await db.query<{ id: string; open: number; all: number }>(
      `SELECT board_id::text AS id, count(*) FILTER (WHERE status IN ('open', 'in_progress'))::int AS open,
              count(*)::int AS all
       FROM task WHERE created_by = $1 GROUP BY board_id ORDER BY open DESC, board_id LIMIT 1`,
      [MARK],
    );
    const { run, stop } = await benchGraphql(db);
    try {
      results.push(
        await measure(
          `taskingView, busiest board (${busiest.all} tasks, ${busiest.open} open), footprints included`,
          database,
          `${ROWS.toLocaleString('en-GB')} incidents, ${TASKS.toLocaleString('en-GB')} tasks`,
          () => run(VIEW, { board: busiest.id }),
          31,
        ),
      );
    } finally {
      await stop();
    }
  } finally {
    await dataSource.destroy();
  }
  return results;
};
