import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Police neighbourhood (Safer Neighbourhood Team) layers: versions per force, one current, and
 * their neighbourhoods' outlines in EPSG:4326 with a GiST index.
 */
export class PoliceNeighbourhoods1764057600000 implements MigrationInterface {
  name = 'PoliceNeighbourhoods1764057600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "police_neighbourhood_layer" (
                "id" SERIAL NOT NULL,
                "force" text NOT NULL,
                "source" text NOT NULL,
                "retrieved_at" date,
                "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "is_current" boolean NOT NULL,
                "synthetic" boolean NOT NULL DEFAULT false,
                "notes" text NOT NULL DEFAULT '',
                CONSTRAINT "PK_6bbd68bc952120d849e43a4f9fd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_police_neighbourhood_layer_current" ON "police_neighbourhood_layer" ("force")
            WHERE "is_current"
        `);
    await queryRunner.query(`
            CREATE TABLE "police_neighbourhood" (
                "id" SERIAL NOT NULL,
                "layer_id" integer NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "geom" geometry(MultiPolygon, 4326) NOT NULL,
                CONSTRAINT "UQ_police_neighbourhood_layer_code" UNIQUE ("layer_id", "code"),
                CONSTRAINT "PK_222eae07714b450a2dcf5731214" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5a8e76904f5c7215a675e5dd74" ON "police_neighbourhood" USING gist ("geom")
        `);
    await queryRunner.query(`
            ALTER TABLE "police_neighbourhood"
            ADD CONSTRAINT "FK_6bbd68bc952120d849e43a4f9fd" FOREIGN KEY ("layer_id") REFERENCES "police_neighbourhood_layer"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Incidents carry the current layer's neighbourhood like their ward and area.
    await queryRunner.query(`ALTER TABLE "incident" ADD "police_neighbourhood_id" integer`);
    await queryRunner.query(`CREATE INDEX "IDX_12bdecd80f521a5e1559acc5a0" ON "incident" ("police_neighbourhood_id")`);
    await queryRunner.query(
      `ALTER TABLE "incident" ADD CONSTRAINT "FK_12bdecd80f521a5e1559acc5a0c" FOREIGN KEY ("police_neighbourhood_id") REFERENCES "police_neighbourhood"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // Who moved which ward to which area, and when (setWardAreas).
    await queryRunner.query(
      `CREATE TABLE "ward_area_change" ("id" BIGSERIAL NOT NULL, "change_set" uuid NOT NULL, "ward_code" text NOT NULL, "from_area" text NOT NULL, "to_area" text NOT NULL, "changed_by" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5020355086c04a9c713f7a9b061" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2a74133355c577d73dd01004f1" ON "ward_area_change" ("change_set")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2a74133355c577d73dd01004f1"`);
    await queryRunner.query(`DROP TABLE "ward_area_change"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "FK_12bdecd80f521a5e1559acc5a0c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_12bdecd80f521a5e1559acc5a0"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "police_neighbourhood_id"`);
    await queryRunner.query(`
            ALTER TABLE "police_neighbourhood" DROP CONSTRAINT "FK_6bbd68bc952120d849e43a4f9fd"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5a8e76904f5c7215a675e5dd74"
        `);
    await queryRunner.query(`
            DROP TABLE "police_neighbourhood"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_police_neighbourhood_layer_current"
        `);
    await queryRunner.query(`
            DROP TABLE "police_neighbourhood_layer"
        `);
  }
}
