import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data version (migration DataVersion) also moves with the geography's derived tables: the
 * LSOA-to-ward lookup and land shares, the crosswalk between ward sets, ward adjacency and the
 * record of wards moved between areas. Cached answers (the response cache, kept analyses) read
 * them through Ward and Lsoa fields and the cross-boundary analyses; today only a geodata load
 * writes them, in the same transaction as tracked tables, but a cache must not depend on that.
 */
export class DataVersionLookups1765008000000 implements MigrationInterface {
  name = 'DataVersionLookups1765008000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TRACKED) {
      await queryRunner.query(
        `CREATE TRIGGER "data_version_${table}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TRACKED].reverse()) {
      await queryRunner.query(`DROP TRIGGER "data_version_${table}" ON "${table}"`);
    }
  }
}

const TRACKED = ['lsoa_ward_lookup', 'lsoa_ward_share', 'ward_crosswalk', 'ward_adjacency', 'ward_area_change'];
