import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasking and co-ordination (issue 13): agencies as data (the owning-service enum of
 * incident_category becomes a foreign key to them, with the five services it named as its first
 * rows) and a target time per category of report; neighbourhood boards with the units they cover,
 * their members by role (no contact details) and meetings; neighbourhood plans with priorities
 * whose places are kept as footprints; tasks with their footprints and every change of status.
 */
export class Tasking1764662400000 implements MigrationInterface {
  name = 'Tasking1764662400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency" ("code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_30e185b1233a7b5a3faedd4524e" UNIQUE ("name"), CONSTRAINT "CHK_agency_code" CHECK ("code" ~ '^[A-Z][A-Z0-9_]{1,39}$'), CONSTRAINT "CHK_agency_kind" CHECK ("kind" IN ('council_service', 'police', 'housing', 'fire', 'health', 'voluntary')), CONSTRAINT "PK_agency" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`
      INSERT INTO "agency" ("code", "name", "kind", "created_by") VALUES
        ('STREETPRIDE', 'Derby City Council Streetpride', 'council_service', 'migration'),
        ('COMMUNITY_SAFETY', 'Derby City Council Community Safety', 'council_service', 'migration'),
        ('POLICE', 'Derbyshire Constabulary', 'police', 'migration'),
        ('HOUSING', 'Derby Homes', 'housing', 'migration'),
        ('FIRE_AND_RESCUE', 'Derbyshire Fire and Rescue Service', 'fire', 'migration')`);
    await queryRunner.query(`ALTER TABLE "incident_category" DROP CONSTRAINT "CHK_incident_category_service"`);
    await queryRunner.query(
      `CREATE TABLE "board" ("id" SERIAL NOT NULL, "name" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6b0abd12e5dbe0e49bf4f9d79e9" UNIQUE ("name"), CONSTRAINT "PK_board" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "board_unit" ("board_id" integer NOT NULL, "level" text NOT NULL, "unit_code" text NOT NULL, CONSTRAINT "CHK_board_unit_level" CHECK ("level" IN ('ward', 'area', 'policeNeighbourhood')), CONSTRAINT "PK_board_unit" PRIMARY KEY ("board_id", "level", "unit_code"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_board_unit_unit" ON "board_unit"("level", "unit_code")`);
    await queryRunner.query(
      `CREATE TABLE "board_member" ("id" SERIAL NOT NULL, "board_id" integer NOT NULL, "role" text NOT NULL, "name" text NOT NULL, "agency_code" text, CONSTRAINT "CHK_board_member_role" CHECK ("role" IN ('councillor', 'police_inspector', 'agency_officer', 'resident')), CONSTRAINT "PK_board_member" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_board_member_board" ON "board_member"("board_id")`);
    await queryRunner.query(
      `CREATE TABLE "board_meeting" ("id" SERIAL NOT NULL, "board_id" integer NOT NULL, "held_on" date NOT NULL, "notes" text, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_board_meeting" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_board_meeting_board" ON "board_meeting"("board_id")`);
    await queryRunner.query(
      `CREATE TABLE "neighbourhood_plan" ("id" SERIAL NOT NULL, "board_id" integer NOT NULL, "year" integer NOT NULL, "title" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_neighbourhood_plan_board_year" UNIQUE ("board_id", "year"), CONSTRAINT "CHK_neighbourhood_plan_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "PK_neighbourhood_plan" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_priority" ("id" SERIAL NOT NULL, "plan_id" integer NOT NULL, "title" text NOT NULL, "categories" text array NOT NULL DEFAULT '{}', "place_kind" text NOT NULL, "place_ref" text, "footprint" geometry(MultiPolygon,4326) NOT NULL, "lead_agency" text NOT NULL, "target_change_percent" double precision NOT NULL, CONSTRAINT "CHK_plan_priority_place_kind" CHECK ("place_kind" IN ('hotspot', 'cluster', 'polygon', 'ward', 'area', 'policeNeighbourhood', 'board')), CONSTRAINT "PK_plan_priority" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_plan_priority_plan" ON "plan_priority"("plan_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_plan_priority_footprint" ON "plan_priority" USING gist ("footprint")`);
    await queryRunner.query(
      `CREATE TABLE "task" ("id" BIGSERIAL NOT NULL, "title" text NOT NULL, "agency_code" text NOT NULL, "owner_role" text NOT NULL, "board_id" integer, "due_on" date NOT NULL, "status" text NOT NULL DEFAULT 'open', "outcome" text, "source_kind" text NOT NULL, "source_ref" text, "footprint" geometry(MultiPolygon,4326) NOT NULL, "unit_level" text, "unit_code" text, "categories" text array NOT NULL DEFAULT '{}', "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_task_due_after_creation" CHECK ("due_on" >= ("created_at" AT TIME ZONE 'UTC')::date), CONSTRAINT "CHK_task_unit_level" CHECK ("unit_level" IS NULL OR "unit_level" IN ('ward', 'area', 'policeNeighbourhood')), CONSTRAINT "CHK_task_owner_role" CHECK ("owner_role" IN ('councillor', 'police_inspector', 'agency_officer', 'resident')), CONSTRAINT "CHK_task_source_kind" CHECK ("source_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'report', 'ward', 'polygon')), CONSTRAINT "CHK_task_status" CHECK ("status" IN ('open', 'in_progress', 'done', 'cancelled')), CONSTRAINT "PK_task" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_footprint" ON "task" USING gist ("footprint")`);
    await queryRunner.query(`CREATE INDEX "IDX_task_status_due" ON "task"("status", "due_on")`);
    await queryRunner.query(`CREATE INDEX "IDX_task_board_status_due" ON "task"("board_id", "status", "due_on")`);
    await queryRunner.query(
      `CREATE TABLE "task_status_change" ("id" BIGSERIAL NOT NULL, "task_id" bigint NOT NULL, "from_status" text, "to_status" text NOT NULL, "changed_by" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "note" text, CONSTRAINT "PK_task_status_change" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_task_status_change_task" ON "task_status_change"("task_id")`);
    await queryRunner.query(`ALTER TABLE "incident_category" ADD "target_days" integer`);
    await queryRunner.query(
      `ALTER TABLE "incident_category" ADD CONSTRAINT "CHK_incident_category_target_days" CHECK ("target_days" IS NULL OR "target_days" BETWEEN 1 AND 365)`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_category" ADD CONSTRAINT "FK_incident_category_agency" FOREIGN KEY ("service") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_unit" ADD CONSTRAINT "FK_board_unit_board" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_member" ADD CONSTRAINT "FK_board_member_board" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_member" ADD CONSTRAINT "FK_board_member_agency" FOREIGN KEY ("agency_code") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_meeting" ADD CONSTRAINT "FK_board_meeting_board" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "neighbourhood_plan" ADD CONSTRAINT "FK_neighbourhood_plan_board" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_priority" ADD CONSTRAINT "FK_plan_priority_plan" FOREIGN KEY ("plan_id") REFERENCES "neighbourhood_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_priority" ADD CONSTRAINT "FK_plan_priority_agency" FOREIGN KEY ("lead_agency") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_task_agency" FOREIGN KEY ("agency_code") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_task_board" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_status_change" ADD CONSTRAINT "FK_task_status_change_task" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Illustrative targets for the demo, not Derby's published service standards: an
    // administrator sets the real ones (setCategoryOwner).
    await queryRunner.query(`
      UPDATE "incident_category" c SET "target_days" = t.days
      FROM (VALUES ('fly-tipping', 5), ('graffiti', 10), ('litter', 5), ('dog-fouling', 5), ('drug-litter', 1),
                   ('abandoned-vehicle', 14), ('street-lighting', 7), ('pothole', 28),
                   ('damaged-street-furniture', 28)) AS t(slug, days)
      WHERE c."slug" = t.slug`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_status_change" DROP CONSTRAINT "FK_task_status_change_task"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_task_board"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_task_agency"`);
    await queryRunner.query(`ALTER TABLE "plan_priority" DROP CONSTRAINT "FK_plan_priority_agency"`);
    await queryRunner.query(`ALTER TABLE "plan_priority" DROP CONSTRAINT "FK_plan_priority_plan"`);
    await queryRunner.query(`ALTER TABLE "neighbourhood_plan" DROP CONSTRAINT "FK_neighbourhood_plan_board"`);
    await queryRunner.query(`ALTER TABLE "board_meeting" DROP CONSTRAINT "FK_board_meeting_board"`);
    await queryRunner.query(`ALTER TABLE "board_member" DROP CONSTRAINT "FK_board_member_agency"`);
    await queryRunner.query(`ALTER TABLE "board_member" DROP CONSTRAINT "FK_board_member_board"`);
    await queryRunner.query(`ALTER TABLE "board_unit" DROP CONSTRAINT "FK_board_unit_board"`);
    await queryRunner.query(`ALTER TABLE "incident_category" DROP CONSTRAINT "FK_incident_category_agency"`);
    await queryRunner.query(`ALTER TABLE "incident_category" DROP CONSTRAINT "CHK_incident_category_target_days"`);
    await queryRunner.query(`ALTER TABLE "incident_category" DROP COLUMN "target_days"`);
    await queryRunner.query(`DROP INDEX "IDX_task_status_change_task"`);
    await queryRunner.query(`DROP TABLE "task_status_change"`);
    await queryRunner.query(`DROP INDEX "IDX_task_board_status_due"`);
    await queryRunner.query(`DROP INDEX "IDX_task_status_due"`);
    await queryRunner.query(`DROP INDEX "IDX_task_footprint"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP INDEX "IDX_plan_priority_footprint"`);
    await queryRunner.query(`DROP INDEX "IDX_plan_priority_plan"`);
    await queryRunner.query(`DROP TABLE "plan_priority"`);
    await queryRunner.query(`DROP TABLE "neighbourhood_plan"`);
    await queryRunner.query(`DROP INDEX "IDX_board_meeting_board"`);
    await queryRunner.query(`DROP TABLE "board_meeting"`);
    await queryRunner.query(`DROP INDEX "IDX_board_member_board"`);
    await queryRunner.query(`DROP TABLE "board_member"`);
    await queryRunner.query(`DROP INDEX "IDX_board_unit_unit"`);
    await queryRunner.query(`DROP TABLE "board_unit"`);
    await queryRunner.query(`DROP TABLE "board"`);
    // Categories given to an agency added since go back to the service nearest in kind; the
    // agencies themselves are lost with their table.
    await queryRunner.query(`
      UPDATE "incident_category" SET "service" = CASE "kind" WHEN 'street_scene' THEN 'STREETPRIDE'
        WHEN 'crime' THEN 'POLICE' WHEN 'fire' THEN 'FIRE_AND_RESCUE' ELSE 'COMMUNITY_SAFETY' END
      WHERE "service" NOT IN ('STREETPRIDE', 'COMMUNITY_SAFETY', 'POLICE', 'HOUSING', 'FIRE_AND_RESCUE')`);
    await queryRunner.query(
      `ALTER TABLE "incident_category" ADD CONSTRAINT "CHK_incident_category_service" CHECK ("service" IN ('STREETPRIDE', 'COMMUNITY_SAFETY', 'POLICE', 'HOUSING', 'FIRE_AND_RESCUE'))`,
    );
    await queryRunner.query(`DROP TABLE "agency"`);
  }
}
