import { type Bench, benchGraphql, type BenchResult, ensureBenchIncidents, measure } from '../../bench/harness';
import { createDataSource } from '../db/data-source';
import { type Db, typeormDb } from '../db/db';
import { forgetGridAnalyses } from '../hotspots/grid';

import { forgetAnalyses } from './not-resolved.service';

/** Incidents in the database (BENCH_ROWS, default 1,000,000), the same synthetic file as bench:ingest. */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
/** Tasks the benchmark writes (BENCH_TASKS, default 10,000), marked created_by 'bench'. */
const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);

/**
 * Makes sure the database holds TASKS benchmark tasks: 250 m squares around incidents picked
 * with a fixed seed. A tenth cancelled; four tenths done, created in the month of their incident
 * (2039-2040) and closed one or two months later; the rest open or in progress, half of them
 * overdue (created in 2026 and due a fortnight later: the incidents' years lie ahead of today),
 * half due in years to come.
 */
async function ensureBenchTasks(db: Db): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM task WHERE created_by = 'bench' AND title LIKE 'bench v2 %'",
  );
  if (n === TASKS) {
    return;
  }
  await db.query("DELETE FROM task WHERE created_by = 'bench'");
  await db.query(
    `WITH picked AS (
       SELECT geom_bng, month, row_number() OVER (ORDER BY md5(id::text)) AS k
       FROM incident
       WHERE source = 'synthetic-police.uk' AND month BETWEEN '2039-01-01' AND '2040-12-01'
       ORDER BY md5(id::text)
       LIMIT $1
     ),
     shaped AS (
       SELECT k, geom_bng,
              CASE WHEN k % 10 = 0 THEN 'cancelled' WHEN k % 10 < 5 THEN 'done'
                   WHEN k % 10 < 8 THEN 'open' ELSE 'in_progress' END AS status,
              CASE WHEN k % 10 >= 5 AND k % 2 = 0 THEN timestamptz '2026-01-01' + (k % 300) * interval '1 day'
                   ELSE month + interval '1 day' END AS created_at,
              month
       FROM picked
     )
     INSERT INTO task (title, agency_code, owner_role, due_on, status, source_kind, footprint, created_by, created_at, closed_at)
     SELECT 'bench v2 ' || k, 'POLICE', 'agency_officer',
            (created_at + CASE WHEN status IN ('open', 'in_progress') AND k % 2 = 1 THEN interval '4 years' ELSE interval '14 days' END)::date,
            status, 'polygon', ST_Multi(ST_Transform(ST_Expand(geom_bng, 125), 4326)), 'bench', created_at,
            CASE WHEN status = 'done' THEN month + (k % 2 + 1) * interval '1 month'
                 WHEN status = 'cancelled' THEN created_at + interval '1 day' END
     FROM shaped`,
    [TASKS],
  );
}

/**
 * Tasking follow-up benchmarks on ROWS synthetic incidents and TASKS tasks: problemsNotResolved
 * city-wide with its defaults (the last twelve months held), and taskEffect on one done task.
 */
export const resolvedBench: Bench = async (url, database) => {
  // As the hub opens a server (openDatabase): JIT off, which costs seconds on these statements.
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4, database === 'server');
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const results: BenchResult[] = [];
  try {
    await ensureBenchIncidents(dataSource, ROWS, `the ${database} database for the tasking benchmarks`);
    await ensureBenchTasks(db);
    const { run, stop } = await benchGraphql(db);
    const size = `${ROWS.toLocaleString('en-GB')} incidents, ${TASKS.toLocaleString('en-GB')} tasks`;
    const [done] = await db.query<{ id: string }>(
      "SELECT id::text AS id FROM task WHERE created_by = 'bench' AND status = 'done' ORDER BY id LIMIT 1",
    );
    const list = () =>
      run(
        '{ problemsNotResolved { total problems { rank kind reasons score incidents tasks { taskId status effect } } } }',
      );
    results.push(
      // Cold: the hot-spot analyses run (a Gi* grid per month for persistence, one over the year
      // for cross-boundary issues). Warm: they are kept under the data version, as tiles are.
      await measure(
        'problemsNotResolved: city-wide, defaults (12 months, 250 m, ward level), cold',
        database,
        size,
        () => {
          // A data change: every kept analysis is stale; the laid grid stays (wards unchanged).
          forgetAnalyses();
          forgetGridAnalyses();
          return list();
        },
        Number(process.env.BENCH_COLD_RUNS ?? 3),
        0,
      ),
      await measure(
        'problemsNotResolved: city-wide, defaults, warm (analyses kept for the data version)',
        database,
        size,
        list,
        9,
        1,
      ),
      await measure('taskEffect: one done task, 3 months', database, size, () =>
        run(`{ taskEffect(taskId: "${done.id}") { insideBefore insideAfter outsideBefore outsideAfter verdict } }`),
      ),
    );
    await stop();
  } finally {
    await dataSource.destroy();
  }
  return results;
};
