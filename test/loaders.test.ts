import type { Db } from '../src/db/db';
import { createContext } from '../src/graphql/context';

import { wardSetFiles } from './helpers/boundary-sets';
import { countingDb, inRolledBackTransaction } from './helpers/database';
import { graphqlSuite, TEST_CALLER } from './helpers/graphql';

const suite = graphqlSuite();
const current = wardSetFiles().find((s) => s.validTo === null);

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
      // A second city: every ward and LSOA of every set copied half a degree east, in a new area,
      // with the copies' best-fit lookup, so they neighbour one another as the originals do.
      await tx.query(`INSERT INTO area (code, name) VALUES ('COPY', 'Copy')`);
      await tx.query(
        `INSERT INTO ward (code, name, area_code, boundary_set_id, geom)
         SELECT 'X' || code, name || ' (copy)', 'COPY', boundary_set_id, ST_Translate(geom, 0.5, 0) FROM ward`,
      );
      await tx.query(
        `INSERT INTO lsoa (code, name, boundary_set_id, valid_from, valid_to, population_mid2015, population_mid2020, geom)
         SELECT 'X' || code, name, boundary_set_id, valid_from, valid_to, population_mid2015, population_mid2020,
                ST_Translate(geom, 0.5, 0) FROM lsoa`,
      );
      await tx.query(
        `INSERT INTO lsoa_ward_lookup (lsoa_code, ward_code) SELECT 'X' || lsoa_code, 'X' || ward_code FROM lsoa_ward_lookup`,
      );
      return { before: first, after: await statementsFor(tx, NESTED) };
    });
    // The current set's wards, then twice as many.
    expect(before.wards).toBe(current?.wards.size);
    expect(after.wards).toBe(2 * before.wards);
    expect(after.statements).toBe(before.statements);
    // the boundary sets, areas, wards by area, neighbours, LSOAs by ward; neighbours and their
    // areas come from the loaders' primed caches.
    expect(before.statements).toBeLessThanOrEqual(5);
  });

  it('runs one statement per distinct argument, not per parent', async () => {
    const counting = countingDb(suite.db);
    const result = await suite.client.run<{ wards: { a: unknown; b: unknown }[] }>(
      counting,
      '{ wards { a: geometry(simplifyMetres: 10) b: geometry(simplifyMetres: 20) c: deprivation(edition: 2019) { lsoaCount } d: deprivation(edition: 2025) { lsoaCount } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.wards).toHaveLength(current?.wards.size as number);
    // the boundary sets (which set "wards" means), wards, two outline batches, two deprivation batches.
    expect(counting.count).toBe(6);
  });

  it('creates new loaders for every request, so one request never sees another one’s cache', async () => {
    expect(createContext(suite.db, TEST_CALLER).loaders.wardByCode).not.toBe(
      createContext(suite.db, TEST_CALLER).loaders.wardByCode,
    );
  });
});
