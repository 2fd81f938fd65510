import { type Bench, benchGraphql, type BenchResult, ensureBenchIncidents, measure } from '../../bench/harness';
import { createDataSource } from '../db/data-source';
import { typeormDb } from '../db/db';

import { cellCountPath, forgetGridAnalyses, forgetGrids } from './grid';
import { forgetExtents } from './scope';

/** Incidents in the database (BENCH_ROWS, default 1,000,000), the same synthetic file as bench:ingest. */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/**
 * Hot-spot benchmarks on ROWS synthetic incidents over 24 months (2039-2040), imported unless
 * the database already holds them: a city-wide Gi* at 250 m over 12 months (counting incidents
 * per request as before incident_cell_count, from the kept counts after a data change with the
 * grid laid or not, and repeated before the data changes), DBSCAN (eps 100 m, 10 points, and
 * with minPoints chosen from the data) over one area's 12 months, and crossBoundaryIssues at
 * ward level (minPoints from the data).
 */
export const hotspotsBench: Bench = async (url, database) => {
  // As the hub opens a server (openDatabase): JIT off, which costs about half a Gi* statement.
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4, database === 'server');
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const results: BenchResult[] = [];
  try {
    await ensureBenchIncidents(dataSource, ROWS, `the ${database} database for the hot-spot benchmarks`);
    const { run, stop } = await benchGraphql(db);
    const size = `${ROWS.toLocaleString('en-GB')} incidents`;
    const input = 'from: "2040-01", to: "2040-12", sources: ["synthetic-police.uk"]';
    const gistar = () => run(`{ hotspots(input: { ${input} }) { cells { id count zScore confidence } } }`);
    results.push(
      await measure(
        'hotspots: city-wide Gi*, 250 m squares, 12 months, counting incidents (the path before kept counts)',
        database,
        size,
        () => {
          forgetGridAnalyses();
          cellCountPath.enabled = false;
          return gistar().finally(() => {
            cellCountPath.enabled = true;
          });
        },
        5,
        1,
      ),
      await measure(
        'hotspots: city-wide Gi*, 250 m squares, 12 months, after a data change (kept counts, extent and grid kept)',
        database,
        size,
        () => {
          forgetGridAnalyses();
          return gistar();
        },
        7,
        2,
      ),
      await measure(
        'hotspots: city-wide Gi*, 250 m squares, 12 months, after a change of wards (kept counts, extent and grid built again)',
        database,
        size,
        () => {
          forgetGridAnalyses();
          forgetGrids();
          forgetExtents();
          return gistar();
        },
        5,
        1,
      ),
      await measure(
        'hotspots: city-wide Gi*, 250 m squares, 12 months, repeated (kept for the data version)',
        database,
        size,
        gistar,
        15,
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
