import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents: categories with their owning service (seeded here), incidents with their point in
 * EPSG:4326 and EPSG:27700 (both GiST-indexed) and the ward, area and LSOA the database assigns,
 * street-scene status changes, and import runs.
 */
export class Incidents1763971200000 implements MigrationInterface {
  name = 'Incidents1763971200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "import_run" (
                "id" BIGSERIAL NOT NULL,
                "source" text NOT NULL,
                "file" text NOT NULL,
                "status" text NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "rows_read" integer NOT NULL DEFAULT '0',
                "inserted" integer NOT NULL DEFAULT '0',
                "updated" integer NOT NULL DEFAULT '0',
                "unchanged" integer NOT NULL DEFAULT '0',
                "rejected" integer NOT NULL DEFAULT '0',
                "outside_city" integer NOT NULL DEFAULT '0',
                "no_location" integer NOT NULL DEFAULT '0',
                CONSTRAINT "CHK_import_run_status" CHECK ("status" IN ('running', 'completed', 'failed')),
                CONSTRAINT "PK_efe3e6d8cb9f51ca4e9cd1cf5d3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "incident_category" (
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "service" text NOT NULL,
                "police_name" text,
                CONSTRAINT "UQ_00e33a6c13cd4d7f14d38edef43" UNIQUE ("name"),
                CONSTRAINT "UQ_fcf2ed23d06bccfc56d7bfad81b" UNIQUE ("police_name"),
                CONSTRAINT "CHK_incident_category_service" CHECK (
                    "service" IN (
                        'STREETPRIDE',
                        'COMMUNITY_SAFETY',
                        'POLICE',
                        'HOUSING',
                        'FIRE_AND_RESCUE'
                    )
                ),
                CONSTRAINT "CHK_incident_category_kind" CHECK (
                    "kind" IN ('crime', 'asb', 'street_scene', 'enforcement', 'fire')
                ),
                CONSTRAINT "PK_3a0807a09dcd558f2fc89c5de63" PRIMARY KEY ("slug")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "incident" (
                "id" BIGSERIAL NOT NULL,
                "source" text NOT NULL,
                "source_key" text NOT NULL,
                "category_slug" text NOT NULL,
                "month" date NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE,
                "geom" geometry(Point, 4326),
                "geom_bng" geometry(Point, 27700),
                "location" text,
                "reported_lsoa_code" text,
                "ward_code" text,
                "area_code" text,
                "lsoa_code" text,
                "outcome" text,
                "status" text,
                "description" text,
                "reporter_contact" text,
                "reported_by" text,
                "context" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_incident_source_key" UNIQUE ("source", "source_key"),
                CONSTRAINT "CHK_incident_month" CHECK ("month" = date_trunc('month', "month")::date),
                CONSTRAINT "CHK_incident_status" CHECK (
                    "status" IS NULL
                    OR "status" IN ('open', 'in_progress', 'resolved', 'closed')
                ),
                CONSTRAINT "PK_5f90b28b0b8238d89ee8edcf96e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ba3dfeeef3a107865e5f640f6a" ON "incident" ("month")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_76822bebb2d396300067b1da76" ON "incident" USING gist ("geom")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f9a4e09addb44980af9fb9aa68" ON "incident" USING gist ("geom_bng")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_41119a53289847610ef68239a7" ON "incident" ("lsoa_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_incident_category_month" ON "incident" ("category_slug", "month")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_incident_area_month" ON "incident" ("area_code", "month", "category_slug")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_incident_ward_month" ON "incident" ("ward_code", "month", "category_slug")
        `);
    await queryRunner.query(
      `CREATE INDEX "IDX_incident_open_area" ON "incident" ("area_code") WHERE "status" IN ('open', 'in_progress')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_incident_open_ward" ON "incident" ("ward_code") WHERE "status" IN ('open', 'in_progress')`,
    );
    await queryRunner.query(`
            CREATE TABLE "incident_status_change" (
                "id" BIGSERIAL NOT NULL,
                "incident_id" bigint NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "note" text,
                CONSTRAINT "PK_6024624d0016e155176679a9e57" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_764c07d49fce5caf7726f7019a" ON "incident_status_change" ("incident_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "incident"
            ADD CONSTRAINT "FK_3a0807a09dcd558f2fc89c5de63" FOREIGN KEY ("category_slug") REFERENCES "incident_category"("slug") ON DELETE RESTRICT ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "incident"
            ADD CONSTRAINT "FK_1afea68732e2d701e42e9d54339" FOREIGN KEY ("ward_code") REFERENCES "ward"("code") ON DELETE
            SET NULL ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "incident"
            ADD CONSTRAINT "FK_b24f63c02300775fb987dddb484" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE
            SET NULL ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "incident"
            ADD CONSTRAINT "FK_41119a53289847610ef68239a7c" FOREIGN KEY ("lsoa_code") REFERENCES "lsoa"("code") ON DELETE
            SET NULL ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "incident_status_change"
            ADD CONSTRAINT "FK_764c07d49fce5caf7726f7019a5" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // The categories every source maps into: police.uk's crime types by their published names,
    // then the council's street-scene, enforcement, housing and fire categories.
    await queryRunner.query(`
            INSERT INTO "incident_category" ("slug", "name", "kind", "service", "police_name") VALUES
                ('anti-social-behaviour', 'Anti-social behaviour', 'asb', 'COMMUNITY_SAFETY', 'Anti-social behaviour'),
                ('bicycle-theft', 'Bicycle theft', 'crime', 'POLICE', 'Bicycle theft'),
                ('burglary', 'Burglary', 'crime', 'POLICE', 'Burglary'),
                ('criminal-damage-arson', 'Criminal damage and arson', 'crime', 'POLICE', 'Criminal damage and arson'),
                ('drugs', 'Drugs', 'crime', 'POLICE', 'Drugs'),
                ('other-crime', 'Other crime', 'crime', 'POLICE', 'Other crime'),
                ('other-theft', 'Other theft', 'crime', 'POLICE', 'Other theft'),
                ('possession-of-weapons', 'Possession of weapons', 'crime', 'POLICE', 'Possession of weapons'),
                ('public-order', 'Public order', 'crime', 'POLICE', 'Public order'),
                ('robbery', 'Robbery', 'crime', 'POLICE', 'Robbery'),
                ('shoplifting', 'Shoplifting', 'crime', 'POLICE', 'Shoplifting'),
                ('theft-from-the-person', 'Theft from the person', 'crime', 'POLICE', 'Theft from the person'),
                ('vehicle-crime', 'Vehicle crime', 'crime', 'POLICE', 'Vehicle crime'),
                ('violent-crime', 'Violence and sexual offences', 'crime', 'POLICE', 'Violence and sexual offences'),
                ('fly-tipping', 'Fly-tipping', 'street_scene', 'STREETPRIDE', NULL),
                ('graffiti', 'Graffiti', 'street_scene', 'STREETPRIDE', NULL),
                ('litter', 'Litter', 'street_scene', 'STREETPRIDE', NULL),
                ('dog-fouling', 'Dog fouling', 'street_scene', 'STREETPRIDE', NULL),
                ('drug-litter', 'Drug litter', 'street_scene', 'STREETPRIDE', NULL),
                ('abandoned-vehicle', 'Abandoned vehicle', 'street_scene', 'STREETPRIDE', NULL),
                ('street-lighting', 'Street lighting fault', 'street_scene', 'STREETPRIDE', NULL),
                ('pothole', 'Pothole', 'street_scene', 'STREETPRIDE', NULL),
                ('damaged-street-furniture', 'Damaged street furniture', 'street_scene', 'STREETPRIDE', NULL),
                ('fixed-penalty-notice', 'Fixed penalty notice', 'enforcement', 'COMMUNITY_SAFETY', NULL),
                ('tenancy-anti-social-behaviour', 'Anti-social behaviour by a tenant', 'asb', 'HOUSING', NULL),
                ('deliberate-fire', 'Deliberate secondary fire', 'fire', 'FIRE_AND_RESCUE', NULL)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "incident_status_change" DROP CONSTRAINT "FK_764c07d49fce5caf7726f7019a5"
        `);
    await queryRunner.query(`
            ALTER TABLE "incident" DROP CONSTRAINT "FK_41119a53289847610ef68239a7c"
        `);
    await queryRunner.query(`
            ALTER TABLE "incident" DROP CONSTRAINT "FK_b24f63c02300775fb987dddb484"
        `);
    await queryRunner.query(`
            ALTER TABLE "incident" DROP CONSTRAINT "FK_1afea68732e2d701e42e9d54339"
        `);
    await queryRunner.query(`
            ALTER TABLE "incident" DROP CONSTRAINT "FK_3a0807a09dcd558f2fc89c5de63"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_764c07d49fce5caf7726f7019a"
        `);
    await queryRunner.query(`
            DROP TABLE "incident_status_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_incident_ward_month"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_incident_area_month"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_incident_category_month"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_41119a53289847610ef68239a7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f9a4e09addb44980af9fb9aa68"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_76822bebb2d396300067b1da76"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ba3dfeeef3a107865e5f640f6a"
        `);
    await queryRunner.query(`
            DROP TABLE "incident"
        `);
    await queryRunner.query(`
            DROP TABLE "incident_category"
        `);
    await queryRunner.query(`
            DROP TABLE "import_run"
        `);
  }
}
