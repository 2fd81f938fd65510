import { type Bench, benchGraphql, type BenchResult, ensureBenchIncidents, measure } from '../../bench/harness';
import { createDataSource } from '../db/data-source';
import { typeormDb } from '../db/db';

/** Incidents in the database (BENCH_ROWS, default 1,000,000), the same synthetic file as bench:ingest. */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/**
 * Hot-spot benchmarks on ROWS synthetic incidents over 24 months (2039-2040), imported unless
 * the database already holds them: a city-wide Gi* at 250 m over 12 months, DBSCAN (eps 100 m,
 * 10 points, and with minPoints chosen from the data) over one area's 12 months, and
 * crossBoundaryIssues at ward level (minPoints from the data).
 */
export const hotspotsBench: Bench = async (url, database) => {
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4);
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const results: BenchResult[] = [];
  try {
    await ensureBenchIncidents(dataSource, ROWS, `the ${database} database for the hot-spot benchmarks`);
    const { run, stop } = await benchGraphql(db);
    const size = `${ROWS.toLocaleString('en-GB')} incidents`;
    const input = 'from: "2040-01", to: "2040-12", sources: ["synthetic-police.uk"]';
    results.push(
      await measure(
        'hotspots: city-wide Gi*, 250 m squares, 12 months',
        database,
        size,
        () => run(`{ hotspots(input: { ${input} }) { cells { id count zScore confidence } } }`),
        7,
        2,
      ),
      await measure(
        'clusters: DBSCAN eps 100 m, one area (North), 12 months',
        database,
        size,
        () =>
          run(`{ clusters(input: { ${input}, areaCodes: ["NORTH"], epsMetres: 100, minPoints: 10 }) { id count } }`),
        7,
        2,
      ),
      await measure(
        'clusters: DBSCAN eps 100 m, minPoints from the data, one area (North), 12 months',
        database,
        size,
        () => run(`{ clusters(input: { ${input}, areaCodes: ["NORTH"], epsMetres: 100 }) { id count minPoints } }`),
        7,
        2,
      ),
      await measure(
        'crossBoundaryIssues: ward level, city, 12 months',
        database,
        size,
        () => run(`{ crossBoundaryIssues(input: { ${input} }, level: WARD) { kind incidents lead { code } } }`),
        5,
        1,
      ),
    );
    await stop();
  } finally {
    await dataSource.destroy();
  }
  return results;
};
