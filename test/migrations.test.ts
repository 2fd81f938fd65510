import type { DataSource } from 'typeorm';

import { MIGRATIONS } from '../src/db/data-source';

import { connectTestDatabase } from './helpers/database';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await connectTestDatabase());
});

afterAll(async () => {
  await dataSource.destroy();
});

describe('migrations', () => {
  it('change nothing when run again on an up-to-date database', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await dataSource.runMigrations({ transaction: 'each' })).toEqual([]);
  });

  it('leave no difference between the entities and the database (migration:generate --check)', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('store geometry in EPSG:4326 with a GiST index on every geometry column', async () => {
    const columns = await dataSource.query(
      `SELECT f_table_name AS "table", srid, type FROM geometry_columns WHERE f_table_schema = 'public' ORDER BY 1`,
    );
    expect(columns).toEqual([
      { table: 'lsoa', srid: 4326, type: 'MULTIPOLYGON' },
      { table: 'ward', srid: 4326, type: 'MULTIPOLYGON' },
    ]);
    const gist = await dataSource.query(
      `SELECT tablename FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING gist%' ORDER BY 1`,
    );
    expect(gist.map((r: { tablename: string }) => r.tablename)).toEqual(['lsoa', 'ward']);
  });

  it('refuse a ward without an area and a duplicate ward code', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await expect(
        runner.query(
          `INSERT INTO ward (code, name, area_code, boundary_set_id, geom)
           SELECT 'E05999999', 'Nowhere', NULL, boundary_set_id, geom FROM ward LIMIT 1`,
        ),
      ).rejects.toThrow(/null value in column "area_code"/);
    } finally {
      await runner.rollbackTransaction();
    }
    await runner.startTransaction();
    try {
      await expect(runner.query(`INSERT INTO ward SELECT * FROM ward WHERE code = 'E05001770'`)).rejects.toThrow(
        /duplicate key/,
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('undo and redo cleanly (down then up, inside a transaction that is rolled back)', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      for (const Migration of [...MIGRATIONS].reverse()) {
        await new Migration().down(runner);
      }
      const [{ n: afterDown }] = await runner.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('area', 'ward', 'lsoa', 'lsoa_deprivation', 'lsoa_ward_share', 'boundary_set')`,
      );
      expect(afterDown).toBe(0);
      for (const Migration of MIGRATIONS) {
        await new Migration().up(runner);
      }
      const [{ n: afterUp }] = await runner.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('area', 'ward', 'lsoa', 'lsoa_deprivation', 'lsoa_ward_share', 'boundary_set')`,
      );
      expect(afterUp).toBe(6);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
