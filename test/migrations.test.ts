import type { DataSource } from 'typeorm';

import { createDataSource, ENTITIES, MIGRATIONS } from '../src/db/data-source';

import { connectTestDatabase, inRolledBackTransaction, testDatabaseUrl } from './helpers/database';

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

  it('move the data version with a write to every table a cached answer or tile reads', async () => {
    // Statement-level triggers fire for a statement that touches no row, so nothing need change.
    // The list is written out: a table dropped from the triggers must fail here.
    const tables = [
      'incident',
      'incident_category',
      'area',
      'ward',
      'boundary_set',
      'lsoa',
      'lsoa_deprivation',
      'police_neighbourhood',
      'police_neighbourhood_layer',
      'lsoa_ward_lookup',
      'lsoa_ward_share',
      'ward_crosswalk',
      'ward_adjacency',
      'ward_area_change',
    ];
    const moved = await inRolledBackTransaction(dataSource, async (db) => {
      const version = async () => Number((await db.query<{ v: string }>('SELECT version AS v FROM data_version'))[0].v);
      const result: Record<string, number> = {};
      for (const table of tables) {
        const before = await version();
        await db.query(`DELETE FROM "${table}" WHERE false`);
        result[table] = (await version()) - before;
      }
      return result;
    });
    // At least once: a delete from ward also runs its cascades' statements, each bumping too.
    expect(tables.filter((t) => !(moved[t] >= 1))).toEqual([]);
  });

  it('store geometry in EPSG:4326 (and a metric copy of incident points) with a GiST index on each', async () => {
    const columns = await dataSource.query(
      `SELECT f_table_name AS "table", f_geometry_column AS "column", srid, type
       FROM geometry_columns WHERE f_table_schema = 'public' ORDER BY 1, 2`,
    );
    expect(columns).toEqual([
      { table: 'incident', column: 'geom', srid: 4326, type: 'POINT' },
      { table: 'incident', column: 'geom_bng', srid: 27700, type: 'POINT' },
      { table: 'lsoa', column: 'geom', srid: 4326, type: 'MULTIPOLYGON' },
      { table: 'plan_priority', column: 'footprint', srid: 4326, type: 'MULTIPOLYGON' },
      { table: 'police_neighbourhood', column: 'geom', srid: 4326, type: 'MULTIPOLYGON' },
      { table: 'task', column: 'footprint', srid: 4326, type: 'MULTIPOLYGON' },
      { table: 'ward', column: 'geom', srid: 4326, type: 'MULTIPOLYGON' },
    ]);
    const gist: { tablename: string; indexdef: string }[] = await dataSource.query(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING gist%'`,
    );
    for (const c of columns as { table: string; column: string }[]) {
      expect(gist.some((g) => g.tablename === c.table && g.indexdef.includes(`(${c.column})`))).toBe(true);
    }
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

  it('undo and redo cleanly (every down, then every up)', async () => {
    // On a server, other suites run beside this one, and dropping tables they read could
    // deadlock: the round trip runs in a database of its own. The embedded database runs one
    // suite at a time, so there it runs inside a transaction that is rolled back.
    const server = process.env.HUB_TEST_DATABASE_MODE === 'server';
    const scratch = `hub_migrations_${process.pid}`;
    let target = dataSource;
    if (server) {
      await dataSource.query(`DROP DATABASE IF EXISTS ${scratch}`);
      await dataSource.query(`CREATE DATABASE ${scratch}`);
      const url = new URL(testDatabaseUrl());
      url.pathname = `/${scratch}`;
      target = createDataSource(url.toString(), 1);
      await target.initialize();
      await target.runMigrations({ transaction: 'each' });
    }
    const runner = target.createQueryRunner();
    await runner.startTransaction();
    const tables = async () =>
      (
        await runner.query(
          `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'`,
        )
      )[0].n;
    try {
      for (const Migration of [...MIGRATIONS].reverse()) {
        await new Migration().down(runner);
      }
      expect(await tables()).toBe(0);
      for (const Migration of MIGRATIONS) {
        await new Migration().up(runner);
      }
      expect(await tables()).toBe(ENTITIES.length);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      if (server) {
        await target.destroy();
        await dataSource.query(`DROP DATABASE IF EXISTS ${scratch}`);
      }
    }
  });
});
