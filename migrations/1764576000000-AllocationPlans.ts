import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved allocation plans (issue 12, saved decisions): each row is one dated decision with who
 * took it and who recorded it, the input as given and the answer as computed, kept whole so it
 * reads back unchanged after the data changes. Ordered per level and ward set by decision date,
 * which is how "the previous plan" is found.
 */
export class AllocationPlans1764576000000 implements MigrationInterface {
  name = 'AllocationPlans1764576000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "allocation_plan" ("id" BIGSERIAL NOT NULL, "title" text NOT NULL, "decided_by" text NOT NULL, "decided_on" date NOT NULL, "note" text, "level" text NOT NULL, "boundary_set_id" text NOT NULL, "input" json NOT NULL, "output" json NOT NULL, "data_version" bigint NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_allocation_plan_level" CHECK ("level" IN ('ward', 'area', 'policeNeighbourhood', 'lsoa')), CONSTRAINT "PK_allocation_plan" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_allocation_plan_order" ON "allocation_plan" ("level", "boundary_set_id", "decided_on", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_allocation_plan_order"`);
    await queryRunner.query(`DROP TABLE "allocation_plan"`);
  }
}
