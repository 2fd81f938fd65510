import type { Db } from '../src/db/db';
import { createContext } from '../src/graphql/context';

import { countingDb, inRolledBackTransaction } from './helpers/database';
import { graphqlSuite, TEST_CALLER } from './helpers/graphql';

const suite = graphqlSuite();

const NESTED = '{ areas { wards { neighbours { area { name } } lsoas { code } } } }';

async function statementsFor(db: Db, query: string): Promise<{ statements: number; wards: number }> {
  const counting = countingDb(db);
  const result = await suite.client.run<{ areas: { wards: unknown[] }[] }>(counting, query);
  expect(result.errors).toBeUndefined();
  return { statements: counting.count, wards: (result.data?.areas ?? []).reduce((n, a) => n + a.wards.length, 0) };
}

describe('loaders batch nested fields', () => {
  it('issues the same number of statements for the nested query when the number of wards doubles', async () => {
    const { before, after } = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const first = await statementsFor(tx, NESTED);
      // A second city: every ward and LSOA copied half a degree east, in a new area, so the
      // copies neighbour one another exactly as the originals do.
      await tx.query(`INSERT INTO area (code, name) VALUES ('COPY', 'Copy')`);
      await tx.query(
        `INSERT INTO ward (code, name, area_code, boundary_set_id, geom)
         SELECT 'X' || code, name || ' (copy)', 'COPY', boundary_set_id, ST_Translate(geom, 0.5, 0) FROM ward`,
      );
      await tx.query(
        `INSERT INTO lsoa (code, name, ward_code, boundary_set_id, population_mid2015, population_mid2020, geom)
         SELECT 'X' || code, name, 'X' || ward_code, boundary_set_id, population_mid2015, population_mid2020,
                ST_Translate(geom, 0.5, 0) FROM lsoa`,
      );
      return { before: first, after: await statementsFor(tx, NESTED) };
    });
    expect(before.wards).toBe(17);
    expect(after.wards).toBe(34);
    expect(after.statements).toBe(before.statements);
    // areas, wards by area, neighbours, LSOAs by ward; neighbours and their areas come from the
    // loaders' primed caches.
    expect(before.statements).toBeLessThanOrEqual(5);
  });

  it('runs one statement per distinct argument, not per parent', async () => {
    const counting = countingDb(suite.db);
    const result = await suite.client.run<{ wards: { a: unknown; b: unknown }[] }>(
      counting,
      '{ wards { a: geometry(simplifyMetres: 10) b: geometry(simplifyMetres: 20) c: deprivation(edition: 2019) { lsoaCount } d: deprivation(edition: 2025) { lsoaCount } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.wards).toHaveLength(17);
    // wards, two outline batches, two deprivation batches.
    expect(counting.count).toBe(5);
  });

  it('creates new loaders for every request, so one request never sees another one’s cache', async () => {
    expect(createContext(suite.db, TEST_CALLER).loaders.wardByCode).not.toBe(
      createContext(suite.db, TEST_CALLER).loaders.wardByCode,
    );
  });
});
