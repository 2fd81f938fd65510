import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The city's geography: boundary sets, areas, wards and LSOAs with their deprivation figures
 * and the LSOA-to-ward land shares. Geometry is EPSG:4326 with GiST indexes.
 */
export class Geography1763884800000 implements MigrationInterface {
  name = 'Geography1763884800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await queryRunner.query(`
            CREATE TABLE "area" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                CONSTRAINT "UQ_644ffaf8fbde4db798cb47712fe" UNIQUE ("name"),
                CONSTRAINT "PK_4aa797d975cf8ea8fe936098e00" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "boundary_set" (
                "id" text NOT NULL,
                "kind" text NOT NULL,
                "vintage" integer NOT NULL,
                "source" text NOT NULL,
                "licence" text NOT NULL,
                "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_boundary_set_kind" CHECK ("kind" IN ('ward', 'lsoa')),
                CONSTRAINT "PK_89162b9c14862c41a6dbd8ed1f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "ward" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "area_code" text NOT NULL,
                "boundary_set_id" text NOT NULL,
                "geom" geometry(MultiPolygon, 4326) NOT NULL,
                CONSTRAINT "PK_14bd787455693efede59d248a7d" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ec16f5520337c487fccdaebf58" ON "ward" ("area_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ac127e81695a0be7f11eed6fd9" ON "ward" USING gist ("geom")
        `);
    await queryRunner.query(`
            CREATE TABLE "lsoa" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "ward_code" text NOT NULL,
                "boundary_set_id" text NOT NULL,
                "population_mid2015" integer NOT NULL,
                "population_mid2020" integer NOT NULL,
                "geom" geometry(MultiPolygon, 4326) NOT NULL,
                CONSTRAINT "CHK_lsoa_population" CHECK (
                    "population_mid2015" >= 0
                    AND "population_mid2020" >= 0
                ),
                CONSTRAINT "PK_40922447912d1b1a7b8410aeacc" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0c2a7da2547806caf837123fd3" ON "lsoa" ("ward_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_7cfae4ce2b5a1d482bb3a388d6" ON "lsoa" USING gist ("geom")
        `);
    await queryRunner.query(`
            CREATE TABLE "lsoa_deprivation" (
                "lsoa_code" text NOT NULL,
                "edition" smallint NOT NULL,
                "domain" text NOT NULL,
                "score" double precision,
                "rank" integer NOT NULL,
                "decile" smallint NOT NULL,
                CONSTRAINT "CHK_lsoa_deprivation_decile" CHECK (
                    "decile" BETWEEN 1 AND 10
                ),
                CONSTRAINT "CHK_lsoa_deprivation_rank" CHECK ("rank" > 0),
                CONSTRAINT "CHK_lsoa_deprivation_edition" CHECK ("edition" IN (2015, 2019, 2025)),
                CONSTRAINT "PK_69202616d5cb64ea87c5e6650a9" PRIMARY KEY ("lsoa_code", "edition", "domain")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "lsoa_ward_share" (
                "lsoa_code" text NOT NULL,
                "ward_code" text NOT NULL,
                "share" double precision NOT NULL,
                CONSTRAINT "CHK_lsoa_ward_share_range" CHECK (
                    "share" > 0
                    AND "share" <= 1.000001
                ),
                CONSTRAINT "PK_800c3a0dc6ce7c268c2ef748168" PRIMARY KEY ("lsoa_code", "ward_code")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "ward"
            ADD CONSTRAINT "FK_ec16f5520337c487fccdaebf58d" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "ward"
            ADD CONSTRAINT "FK_93ce8360f4f23ad5319b235c267" FOREIGN KEY ("boundary_set_id") REFERENCES "boundary_set"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa"
            ADD CONSTRAINT "FK_0c2a7da2547806caf837123fd3e" FOREIGN KEY ("ward_code") REFERENCES "ward"("code") ON DELETE RESTRICT ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa"
            ADD CONSTRAINT "FK_9e96c3ba7732a4b878b5cf6d911" FOREIGN KEY ("boundary_set_id") REFERENCES "boundary_set"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa_deprivation"
            ADD CONSTRAINT "FK_fee6a498d10d3d3c497ec1b1bab" FOREIGN KEY ("lsoa_code") REFERENCES "lsoa"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa_ward_share"
            ADD CONSTRAINT "FK_c009db9a657005f034e84eb2f2f" FOREIGN KEY ("lsoa_code") REFERENCES "lsoa"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa_ward_share"
            ADD CONSTRAINT "FK_a6c32ccb9c7d56808de6dc8620a" FOREIGN KEY ("ward_code") REFERENCES "ward"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The postgis extension stays: dropping it would take any other spatial objects with it.
    await queryRunner.query(`
            ALTER TABLE "lsoa_ward_share" DROP CONSTRAINT "FK_a6c32ccb9c7d56808de6dc8620a"
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa_ward_share" DROP CONSTRAINT "FK_c009db9a657005f034e84eb2f2f"
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa_deprivation" DROP CONSTRAINT "FK_fee6a498d10d3d3c497ec1b1bab"
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa" DROP CONSTRAINT "FK_9e96c3ba7732a4b878b5cf6d911"
        `);
    await queryRunner.query(`
            ALTER TABLE "lsoa" DROP CONSTRAINT "FK_0c2a7da2547806caf837123fd3e"
        `);
    await queryRunner.query(`
            ALTER TABLE "ward" DROP CONSTRAINT "FK_93ce8360f4f23ad5319b235c267"
        `);
    await queryRunner.query(`
            ALTER TABLE "ward" DROP CONSTRAINT "FK_ec16f5520337c487fccdaebf58d"
        `);
    await queryRunner.query(`
            DROP TABLE "lsoa_ward_share"
        `);
    await queryRunner.query(`
            DROP TABLE "lsoa_deprivation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7cfae4ce2b5a1d482bb3a388d6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0c2a7da2547806caf837123fd3"
        `);
    await queryRunner.query(`
            DROP TABLE "lsoa"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ac127e81695a0be7f11eed6fd9"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ec16f5520337c487fccdaebf58"
        `);
    await queryRunner.query(`
            DROP TABLE "ward"
        `);
    await queryRunner.query(`
            DROP TABLE "boundary_set"
        `);
    await queryRunner.query(`
            DROP TABLE "area"
        `);
  }
}
