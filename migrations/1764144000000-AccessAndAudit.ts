import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access and audit: API keys (hashed), who recorded or changed what (the authenticated caller,
 * and whom an administrator acted for), imports a later run can close as interrupted, and the one
 * rule for where a street-scene report is published to callers who may not see its exact point.
 */
export class AccessAndAudit1764144000000 implements MigrationInterface {
  name = 'AccessAndAudit1764144000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" SERIAL NOT NULL, "label" text NOT NULL, "role" text NOT NULL, "key_hash" text NOT NULL, "prefix" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_3c9751d2a6011ba13e27838105e" UNIQUE ("key_hash"), CONSTRAINT "CHK_api_key_role" CHECK ("role" IN ('analyst', 'officer', 'admin')), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "ward_area_change" ADD "on_behalf_of" text`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "recorded_by" text`);
    await queryRunner.query(`ALTER TABLE "incident_status_change" ADD "changed_by" text`);
    await queryRunner.query(`ALTER TABLE "import_run" ADD "host" text`);
    await queryRunner.query(`ALTER TABLE "import_run" ADD "pid" integer`);
    await queryRunner.query(`ALTER TABLE "import_run" ADD "heartbeat_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "import_run" DROP CONSTRAINT "CHK_import_run_status"`);
    await queryRunner.query(
      `ALTER TABLE "import_run" ADD CONSTRAINT "CHK_import_run_status" CHECK ("status" IN ('running', 'completed', 'failed', 'interrupted'))`,
    );
    // Street-scene reports (the rows with a workflow status) carry a resident's exact point;
    // police.uk rows are already moved to anonymous map points by the police. A caller who may
    // not see exact points gets a report at the centre of its 100 m British National Grid cell.
    await queryRunner.query(`
      CREATE FUNCTION published_point_bng(geom_bng geometry, status text) RETURNS geometry
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
                 WHEN status IS NULL OR geom_bng IS NULL THEN geom_bng
                 ELSE ST_SetSRID(ST_MakePoint(floor(ST_X(geom_bng) / 100) * 100 + 50,
                                              floor(ST_Y(geom_bng) / 100) * 100 + 50), 27700)
               END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION published_point(geom geometry, geom_bng geometry, status text) RETURNS geometry
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN status IS NULL THEN geom ELSE ST_Transform(published_point_bng(geom_bng, status), 4326) END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION published_point(geometry, geometry, text)`);
    await queryRunner.query(`DROP FUNCTION published_point_bng(geometry, text)`);
    await queryRunner.query(`UPDATE "import_run" SET "status" = 'failed' WHERE "status" = 'interrupted'`);
    await queryRunner.query(`ALTER TABLE "import_run" DROP CONSTRAINT "CHK_import_run_status"`);
    await queryRunner.query(
      `ALTER TABLE "import_run" ADD CONSTRAINT "CHK_import_run_status" CHECK ("status" IN ('running', 'completed', 'failed'))`,
    );
    await queryRunner.query(`ALTER TABLE "import_run" DROP COLUMN "heartbeat_at"`);
    await queryRunner.query(`ALTER TABLE "import_run" DROP COLUMN "pid"`);
    await queryRunner.query(`ALTER TABLE "import_run" DROP COLUMN "host"`);
    await queryRunner.query(`ALTER TABLE "incident_status_change" DROP COLUMN "changed_by"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "recorded_by"`);
    await queryRunner.query(`ALTER TABLE "ward_area_change" DROP COLUMN "on_behalf_of"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
