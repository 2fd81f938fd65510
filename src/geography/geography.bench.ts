import { type Bench, benchGraphql, measure } from '../../bench/harness';
import { createDataSource } from '../db/data-source';
import { typeormDb } from '../db/db';

// A deterministic spread of points over Derby's bounding box (about 85 % fall inside a ward).
function points(n: number): { lon: number; lat: number }[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: n }, () => ({ lon: -1.5569 + next() * 0.1738, lat: 52.8611 + next() * 0.107 }));
}

/**
 * Geography benchmarks: locateMany at its 10,000-point limit, the nested loader query of the
 * foundation issue, and all ward outlines simplified for a map. On a server the connections are
 * made as the hub makes them (JIT off), so the figures are the hub's.
 */
export const geographyBench: Bench = async (url, database) => {
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4, database === 'server');
  await dataSource.initialize();
  const db = typeormDb(dataSource);
  const { run, stop } = await benchGraphql(db);
  const many = points(10_000);
  try {
    return [
      await measure('locateMany, 10,000 points (ward, area, LSOA codes)', database, '17 wards, 151 LSOAs', () =>
        run(
          'query ($p: [PointInput!]!) { locateMany(points: $p) { index ward { code } area { code } lsoa { code } } }',
          { p: many },
        ),
      ),
      await measure('nested areas → wards → neighbours → area, lsoas', database, '17 wards, 151 LSOAs', () =>
        run('{ areas { wards { neighbours { area { name } } lsoas { code } } } }'),
      ),
      await measure('all ward outlines simplified 20 m', database, '17 wards', () =>
        run('{ wards { code geometry(simplifyMetres: 20) } }'),
      ),
      await measure('ward deprivation roll-up, IoD 2019, all wards', database, '151 LSOAs × 8 domains', () =>
        run('{ wards { deprivation(edition: 2019) { imd { averageRank } domains { averageRank } } } }'),
      ),
    ];
  } finally {
    await stop();
    await dataSource.destroy();
  }
};
