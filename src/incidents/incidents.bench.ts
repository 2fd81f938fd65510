import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { type Bench, benchGraphql, type BenchResult, measure } from '../../bench/harness';
import { createDataSource } from '../db/data-source';
import { typeormDb } from '../db/db';
import { writeSynthetic } from '../ingest/generator/generate';
import { importPoliceFiles } from '../ingest/police/import-police';
import { PROJECT_ROOT } from '../paths';

/** Rows generated and imported (BENCH_ROWS, default 1,000,000). */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/** The synthetic file of one 24-month window (generated once, cached in the temp folder). */
async function syntheticFile(end: string): Promise<string> {
  const file = path.join(os.tmpdir(), end === '2040-12' ? `hub-bench-${ROWS}.csv` : `hub-bench-${ROWS}-${end}.csv`);
  if (!fs.existsSync(file)) {
    process.stderr.write(`… generating ${ROWS} synthetic rows ending ${end}\n`);
    await writeSynthetic(
      // A seed of its own per window, so that the second window's Crime IDs are new rows, not updates.
      {
        count: ROWS,
        seed: end === '2040-12' ? 'bench' : `bench-${end}`,
        months: 24,
        end,
        geodataDir: path.join(PROJECT_ROOT, 'geodata'),
      },
      { out: file },
    );
  }
  return file;
}

/**
 * Ingest benchmark: imports ROWS synthetic police.uk rows end to end (read, validate, stage,
 * set-based insert with ward, area and LSOA placement) twice: over 24 months the current ward set
 * covers (2039-2040: each point placed in one ward set), and over 24 months of the 2013 set
 * (2021-2022: each point placed in the ward set of its month and again in today's, the worst
 * case), removing the second afterwards. Then times Ward.stats for one ward over the first window.
 */
export const ingestBench: Bench = async (url, database) => {
  // As the hub and the import command open it (JIT off on a server): JIT compiling took about a
  // third of every import batch, which the command never pays.
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4, database === 'server');
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const results: BenchResult[] = [];
  try {
    for (const [end, from, label] of [
      ['2040-12', '2039-01-01', 'months on the current ward set'],
      ['2022-12', '2021-01-01', 'months on the 2013 set: placed in both sets'],
    ] as const) {
      const file = await syntheticFile(end);
      const window = [from, `${end}-01`];
      await db.query(
        `DELETE FROM incident WHERE source = 'synthetic-police.uk' AND month BETWEEN $1::date AND $2::date`,
        window,
      );
      process.stderr.write(`… importing ${ROWS} rows into the ${database} database (${label})\n`);
      const started = process.hrtime.bigint();
      const imported = await importPoliceFiles(dataSource, [file]);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      results.push({
        name: `import:police end to end, ${label} (${Math.round((ROWS / ms) * 1000)} rows/s)`,
        database,
        dataSize: `${ROWS.toLocaleString('en-GB')} rows (${imported.counts.inserted.toLocaleString('en-GB')} in the city)`,
        runs: 1,
        medianMs: ms,
        minMs: ms,
        maxMs: ms,
      });
      if (end !== '2040-12') {
        await db.query(
          `DELETE FROM incident WHERE source = 'synthetic-police.uk' AND month BETWEEN $1::date AND $2::date`,
          window,
        );
      }
    }
    const { run, stop } = await benchGraphql(db);
    const query =
      '{ ward(code: "E05015511") { stats(from: "2039-01", to: "2040-12") { total ratePer1000 changePercent byCategory { count } byMonth { count } } } }';
    results.push(
      await measure('Ward.stats, one ward, 24 months', database, `${ROWS.toLocaleString('en-GB')} incidents`, () =>
        run(query),
      ),
    );
    await stop();
  } finally {
    await dataSource.destroy();
  }
  return results;
};
