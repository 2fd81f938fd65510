import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks and plan priorities record every place resolvePlace takes as itself: the first tasking
 * migration allowed only the places the issue listed, which would have made a task on an area, a
 * police neighbourhood or a board look like a drawn polygon, and refused a priority on a
 * cross-boundary issue.
 */
export class PlaceKinds1764835200000 implements MigrationInterface {
  name = 'PlaceKinds1764835200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "CHK_task_source_kind"`);
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "CHK_task_source_kind" CHECK ("source_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'report', 'ward', 'area', 'policeNeighbourhood', 'board', 'polygon'))`,
    );
    await queryRunner.query(`ALTER TABLE "plan_priority" DROP CONSTRAINT "CHK_plan_priority_place_kind"`);
    await queryRunner.query(
      `ALTER TABLE "plan_priority" ADD CONSTRAINT "CHK_plan_priority_place_kind" CHECK ("place_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'polygon', 'ward', 'area', 'policeNeighbourhood', 'board'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The earlier constraints have no name for these places: the rows keep their footprints and
    // become drawn polygons, the reference they came from kept in source_ref / place_ref.
    await queryRunner.query(
      `UPDATE "plan_priority" SET "place_kind" = 'polygon' WHERE "place_kind" = 'cross_boundary'`,
    );
    await queryRunner.query(`ALTER TABLE "plan_priority" DROP CONSTRAINT "CHK_plan_priority_place_kind"`);
    await queryRunner.query(
      `ALTER TABLE "plan_priority" ADD CONSTRAINT "CHK_plan_priority_place_kind" CHECK ("place_kind" IN ('hotspot', 'cluster', 'polygon', 'ward', 'area', 'policeNeighbourhood', 'board'))`,
    );
    await queryRunner.query(
      `UPDATE "task" SET "source_kind" = 'polygon' WHERE "source_kind" IN ('area', 'policeNeighbourhood', 'board')`,
    );
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "CHK_task_source_kind"`);
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "CHK_task_source_kind" CHECK ("source_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'report', 'ward', 'polygon'))`,
    );
  }
}
