import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A data version: one counter, bumped by a statement-level trigger on every table whose changes
 * alter a map tile (incidents, the geography and its deprivation figures, boundary sets, police
 * neighbourhoods; a ward moved to another area is an UPDATE of ward). Tiles are labelled with
 * it (their ETag) and cached under it, so a change anywhere in those tables makes every cached
 * tile and every client's copy stale at once.
 *
 * The bump is an UPDATE of the one row, so it commits (and becomes visible) with the change that
 * caused it: a reader in one snapshot sees either the old data and the old version or the new
 * data and the new one, never new data under an old label. The cost is that concurrent writers
 * to these tables queue on that row until each commits; imports and edits here are few.
 */
export class DataVersion1764403200000 implements MigrationInterface {
  name = 'DataVersion1764403200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "data_version" (
        "id" boolean NOT NULL DEFAULT true,
        "version" bigint NOT NULL DEFAULT 1,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_data_version_one_row" CHECK ("id"),
        CONSTRAINT "PK_data_version" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`INSERT INTO "data_version" DEFAULT VALUES`);
    await queryRunner.query(`
      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_version SET version = version + 1, changed_at = now();
        RETURN NULL;
      END
      $$`);
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
    await queryRunner.query(`DROP FUNCTION bump_data_version()`);
    await queryRunner.query(`DROP TABLE "data_version"`);
  }
}

/** The tables a tile is drawn from. */
const TRACKED = [
  'incident',
  'incident_category',
  'area',
  'ward',
  'boundary_set',
  'lsoa',
  'lsoa_deprivation',
  'police_neighbourhood',
  'police_neighbourhood_layer',
];
