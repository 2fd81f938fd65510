import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { type Bench, type BenchResult, measure } from '../../bench/harness';
import { inProcessCaller } from '../auth/caller';
import { createDataSource } from '../db/data-source';
import { typeormDb } from '../db/db';
import { createApolloServer } from '../graphql/apollo';
import { createContext } from '../graphql/context';
import { buildHubSchema } from '../graphql/schema';
import { writeSynthetic } from '../ingest/generator/generate';
import { importPoliceFiles } from '../ingest/police/import-police';
import { PROJECT_ROOT } from '../paths';

/** Rows generated and imported (BENCH_ROWS, default 1,000,000). */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/**
 * Ingest benchmark: generates ROWS synthetic police.uk rows over 24 months (once, cached in the
 * temp folder), imports them end to end (read, validate, stage, set-based insert with ward,
 * area and LSOA assignment), then times Ward.stats for one ward over those 24 months.
 */
export const ingestBench: Bench = async (url, database) => {
  const file = path.join(os.tmpdir(), `hub-bench-${ROWS}.csv`);
  if (!fs.existsSync(file)) {
    process.stderr.write(`… generating ${ROWS} synthetic rows\n`);
    await writeSynthetic(
      { count: ROWS, seed: 'bench', months: 24, end: '2040-12', geodataDir: path.join(PROJECT_ROOT, 'geodata') },
      { out: file },
    );
  }
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4);
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const results: BenchResult[] = [];
  try {
    await db.query(
      `DELETE FROM incident WHERE source = 'synthetic-police.uk' AND month BETWEEN '2039-01-01' AND '2040-12-01'`,
    );
    process.stderr.write(`… importing ${ROWS} rows into the ${database} database\n`);
    const started = process.hrtime.bigint();
    const imported = await importPoliceFiles(dataSource, [file]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    results.push({
      name: `import:police end to end (${Math.round((ROWS / ms) * 1000)} rows/s)`,
      database,
      dataSize: `${ROWS.toLocaleString('en-GB')} rows (${imported.counts.inserted.toLocaleString('en-GB')} in the city)`,
      runs: 1,
      medianMs: ms,
      minMs: ms,
      maxMs: ms,
    });
    const apollo = createApolloServer(await buildHubSchema(), { development: false });
    await apollo.start();
    const query =
      '{ ward(code: "E05001770") { stats(from: "2039-01", to: "2040-12") { total ratePer1000 changePercent byCategory { count } byMonth { count } } } }';
    results.push(
      await measure(
        'Ward.stats, one ward, 24 months',
        database,
        `${ROWS.toLocaleString('en-GB')} incidents`,
        async () => {
          const response = await apollo.executeOperation(
            { query },
            { contextValue: createContext(db, inProcessCaller('benchmark')) },
          );
          if (response.body.kind !== 'single' || response.body.singleResult.errors) {
            throw new Error(`stats failed: ${JSON.stringify(response.body)}`);
          }
        },
      ),
    );
    await apollo.stop();
  } finally {
    await dataSource.destroy();
  }
  return results;
};
