import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A covering index for reading a period's incidents of some wards with their points: DBSCAN
 * (clusters.sql) over a city, areas or wards reads each incident's id, point, month, category,
 * units, source and status. From the table that read visits every page of a year (the table is
 * in import order, not in place order): 0.4 s for a city's year at 1,000,000 incidents against
 * 0.17 s from this index alone, once the importer's VACUUM has marked the pages all-visible.
 * Keyed by ward, month and category like IDX_incident_ward_month, which stays: ward stats count
 * from that one, which is twenty times smaller. TypeORM's @Index has no INCLUDE, so the entity
 * declares it with synchronize false and this migration owns it.
 */
export class IncidentPointsIndex1765094400000 implements MigrationInterface {
  name = 'IncidentPointsIndex1765094400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_incident_ward_month_points" ON "incident" ("ward_code", "month", "category_slug") ` +
        `INCLUDE ("geom_bng", "id", "area_code", "police_neighbourhood_id", "source", "status")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_incident_ward_month_points"`);
  }
}
