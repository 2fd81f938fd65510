import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks made from an area, a police neighbourhood or a board (places resolvePlace already
 * takes) are recorded as such: the first tasking migration allowed only the places the issue
 * listed, which would have made these look like drawn polygons.
 */
export class TaskSourceKinds1764835200000 implements MigrationInterface {
  name = 'TaskSourceKinds1764835200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "CHK_task_source_kind"`);
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "CHK_task_source_kind" CHECK ("source_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'report', 'ward', 'area', 'policeNeighbourhood', 'board', 'polygon'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The earlier constraint has no name for these places: their tasks keep their footprints and
    // become drawn polygons, the unit code they came from kept in source_ref.
    await queryRunner.query(
      `UPDATE "task" SET "source_kind" = 'polygon' WHERE "source_kind" IN ('area', 'policeNeighbourhood', 'board')`,
    );
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "CHK_task_source_kind"`);
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "CHK_task_source_kind" CHECK ("source_kind" IN ('hotspot', 'cluster', 'cross_boundary', 'report', 'ward', 'polygon'))`,
    );
  }
}
