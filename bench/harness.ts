import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { DataSource } from 'typeorm';

import { inProcessCaller } from '../src/auth/caller';
import { type Db, typeormDb } from '../src/db/db';
import { createApolloServer } from '../src/graphql/apollo';
import { createContext } from '../src/graphql/context';
import { buildHubSchema } from '../src/graphql/schema';
import { writeSynthetic } from '../src/ingest/generator/generate';
import { importPoliceFiles } from '../src/ingest/police/import-police';
import { PROJECT_ROOT } from '../src/paths';

/** One measured case: what, on which database, over how much data, and its timings. */
export interface BenchResult {
  name: string;
  database: string;
  dataSize: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** A benchmark file's export: given a database URL and its label, it measures its cases. */
export type Bench = (url: string, database: string) => Promise<BenchResult[]>;

/** The hub's schema answering in-process, as a request would be (context, access, limits). */
export interface BenchGraphql {
  /** Answers one operation; throws with the answer when it has errors, so a benchmark never times a refusal. */
  run: (query: string, variables?: Record<string, unknown>) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Starts the hub's Apollo server in-process over `db`, every operation asked as the benchmark's
 * in-process caller.
 * @example const { run, stop } = await benchGraphql(db); await run('{ wards { code } }')
 */
export async function benchGraphql(db: Db): Promise<BenchGraphql> {
  const apollo = createApolloServer(await buildHubSchema(), { development: false });
  await apollo.start();
  return {
    run: async (query, variables) => {
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: createContext(db, inProcessCaller('benchmark')) },
      );
      if (response.body.kind !== 'single' || response.body.singleResult.errors) {
        throw new Error(`benchmark query failed: ${JSON.stringify(response.body).slice(0, 500)}`);
      }
    },
    stop: () => apollo.stop(),
  };
}

/**
 * Times `work` after `warmup` untimed runs and reports the median of `runs` timed ones.
 * @example await measure('locate 10k', 'server', '10,000 points', () => run())
 */
export async function measure(
  name: string,
  database: string,
  dataSize: string,
  work: () => Promise<unknown>,
  runs = 15,
  warmup = 3,
): Promise<BenchResult> {
  for (let i = 0; i < warmup; i += 1) {
    await work();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const medianMs = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { name, database, dataSize, runs, medianMs, minMs: times[0], maxMs: times[times.length - 1] };
}

/** The machine line every results table starts with. */
export function machine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** A Markdown table of results, with the server/embedded ratio where both ran. */
export function table(results: BenchResult[]): string {
  const rows = results.map((r) => {
    const peer = results.find((p) => p.name === r.name && p.database !== r.database && p.database === 'server');
    const ratio = peer && r.database !== 'server' ? `${(r.medianMs / peer.medianMs).toFixed(1)}× server` : '';
    return `| ${r.name} | ${r.database} | ${r.dataSize} | ${r.runs} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${ratio} |`;
  });
  return [
    '| case | database | data | runs | median ms | min ms | max ms | ratio |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * Anonymous map points the bench incidents are snapped to, as police.uk publishes every crime at
 * the nearest of a fixed set of points (a few thousand over a city the size of Derby), so the
 * benchmarks see many incidents on each point as the real data has.
 */
export const BENCH_MAP_POINTS = 3000;

/**
 * Makes sure the database holds `rows` synthetic incidents over 2039-2040 (generator seed
 * `bench`, snapped to BENCH_MAP_POINTS map points), the data the analysis and tile benchmarks
 * share: kept when within 1 % of that count and on no more points than that, otherwise replaced
 * by an import of the generated file (written once to the temporary folder).
 * @param what named in the progress line, e.g. "the server database for the tile benchmarks"
 */
export async function ensureBenchIncidents(dataSource: DataSource, rows: number, what: string): Promise<void> {
  const db = typeormDb(dataSource);
  const [{ n, points }] = await db.query<{ n: number; points: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT geom)::int AS points FROM incident WHERE source = 'synthetic-police.uk' AND month BETWEEN '2039-01-01' AND '2040-12-01'`,
  );
  if (Math.abs(n - rows) <= rows * 0.01 && points <= BENCH_MAP_POINTS) {
    return;
  }
  const file = path.join(os.tmpdir(), `hub-bench-${rows}-on-${BENCH_MAP_POINTS}-points.csv`);
  if (!fs.existsSync(file)) {
    await writeSynthetic(
      {
        count: rows,
        seed: 'bench',
        months: 24,
        end: '2040-12',
        geodataDir: path.join(PROJECT_ROOT, 'geodata'),
        mapPoints: BENCH_MAP_POINTS,
      },
      { out: file },
    );
  }
  await db.query(
    `DELETE FROM incident WHERE source = 'synthetic-police.uk' AND month BETWEEN '2039-01-01' AND '2040-12-01'`,
  );
  process.stderr.write(`… importing ${rows} rows into ${what}\n`);
  await importPoliceFiles(dataSource, [file]);
}
