import { type Bench, benchGraphql, measure } from '../../bench/harness';
import { createDataSource } from '../db/data-source';
import { typeormDb } from '../db/db';
import { shifted } from '../incidents/period';
import { incidentFilesOf } from '../ingest/geodata/read';
import { importPoliceFiles } from '../ingest/police/import-police';
import { DEFAULT_MANIFEST } from '../paths';

const PRIORITY = `query ($input: PriorityInput!) {
  priorityNeighbourhoods(input: $input) {
    entries { rank priority tier unit { code index components { component raw standardised weight } } }
  }
}`;

const ALLOCATE = `query ($input: AllocationInput!) {
  proposeAllocation(input: $input) {
    lines { rank code need posts pounds rule pair { code } pairLink why }
    totals { units posts pounds }
  }
}`;

/**
 * Targeting benchmarks: priorityNeighbourhoods over all current wards, on IMD alone and on a mix
 * that also counts every incident of a year (crime and ASB rates, trend, open problems), and
 * proposeAllocation on that mix (the 2016 method: seven posts, two dedicated, the rest paired by
 * shared boundary). On a server the connections are made as the hub makes them (JIT off).
 */
export const targetingBench: Bench = async (url, database) => {
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4, database === 'server');
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const { run, stop } = await benchGraphql(db);
  // The shipped month of police.uk data, as a first start loads it, when the database has none.
  if ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident'))[0].n === 0) {
    await importPoliceFiles(dataSource, incidentFilesOf(DEFAULT_MANIFEST));
  }
  // The last twelve months holding incidents: 2018 on the shipped data, the last year of a
  // synthetic million.
  const [{ n, last }] = await db.query<{ n: number; last: string }>(
    "SELECT count(*)::int AS n, to_char(max(month), 'YYYY-MM') AS last FROM incident",
  );
  const year = { from: shifted({ from: last, to: last }, 11).from, to: last };
  const tiers = { method: 'BY_COUNT', red: 2, amber: 10 };
  const mixed = {
    edition: 2019,
    ...year,
    weights: [
      { component: 'IMD', weight: 2 },
      { component: 'CRIME_RATE', weight: 1 },
      { component: 'ASB_RATE', weight: 1 },
      { component: 'TREND', weight: 1 },
      { component: 'OPEN_PROBLEMS', weight: 1 },
    ],
    n: 12,
    tiers,
  };
  const incidents = `18 wards, ${n.toLocaleString('en-GB')} incidents`;
  try {
    return [
      await measure('priorityNeighbourhoods, all wards, IMD 2019 only', database, '18 wards, 152 LSOAs', () =>
        run(PRIORITY, { input: { edition: 2019, n: 12, tiers } }),
      ),
      await measure(
        `priorityNeighbourhoods, all wards, IMD + crime, ASB, trend, open problems (${year.from} to ${year.to})`,
        database,
        incidents,
        () => run(PRIORITY, { input: mixed }),
      ),
      await measure(
        `proposeAllocation, all wards, the same mix, 7 posts, 2 dedicated, paired by boundary (${year.from} to ${year.to})`,
        database,
        incidents,
        () =>
          run(ALLOCATE, {
            input: {
              priority: mixed,
              posts: 7,
              dedicated: 2,
              pairing: 'NEIGHBOURS',
              budget: { total: 35000, floor: 2000 },
            },
          }),
      ),
    ];
  } finally {
    await stop();
    await dataSource.destroy();
  }
};
