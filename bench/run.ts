import 'reflect-metadata';

import { openDatabase } from '../src/db/database';
import { geographyBench } from '../src/geography/geography.bench';
import { hotspotsBench } from '../src/hotspots/hotspots.bench';
import { ingestBench } from '../src/incidents/incidents.bench';
import { countUnits, loadGeodata } from '../src/ingest/geodata/load';
import { DEFAULT_MANIFEST } from '../src/paths';
import { targetingBench } from '../src/targeting/targeting.bench';
import { resolvedBench } from '../src/tasking/resolved.bench';
import { taskingBench } from '../src/tasking/tasking.bench';
import { tilesBench } from '../src/tiles/tiles.bench';

import { type Bench, type BenchResult, machine, table } from './harness';
import { peersBench } from './peers';

// npm run bench [-- NAME...]: runs the named benchmarks (all by default) on a fresh in-memory
// embedded database and, when BENCH_DATABASE_URL names a PostgreSQL + PostGIS server database,
// on that too; prints one Markdown table for bench/RESULTS.md.
const ALL: Record<string, Bench> = {
  geography: geographyBench,
  ingest: ingestBench,
  hotspots: hotspotsBench,
  tiles: tilesBench,
  targeting: targetingBench,
  tasking: taskingBench,
  resolved: resolvedBench,
};
const names = process.argv.slice(2);
// `peers` (the hub against PostGraphile, server only) prints its own table of requests per
// second, so it runs alone.
const PEERS = names.length === 1 && names[0] === 'peers';
const unknown = PEERS ? [] : names.filter((n) => !(n in ALL));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark(s) ${unknown.join(', ')}; choose from ${Object.keys(ALL).join(', ')} or peers (alone)\n`,
  );
  process.exit(2);
}
const BENCHES: Bench[] = (names.length > 0 ? names : Object.keys(ALL)).map((n) => ALL[n]);

async function on(label: string, databaseUrl: string | undefined): Promise<BenchResult[]> {
  const database = await openDatabase({ databaseUrl });
  try {
    if ((await countUnits(database.db)).wards === 0) {
      await loadGeodata(database.dataSource, { manifestPath: DEFAULT_MANIFEST });
    }
    const results: BenchResult[] = [];
    for (const bench of BENCHES) {
      process.stderr.write(`… ${label}\n`);
      results.push(...(await bench(database.url, label)));
    }
    return results;
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  if (process.env.BENCH_DATABASE_URL) {
    results.push(...(await on('server', process.env.BENCH_DATABASE_URL)));
  }
  // BENCH_EMBEDDED=0 leaves the embedded database out (a server-only run).
  if (process.env.BENCH_EMBEDDED !== '0') {
    results.push(...(await on('embedded', undefined)));
  }
  process.stdout.write(`Machine: ${machine()}\n\n${table(results)}\n`);
}

(PEERS ? peersBench() : main()).catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
