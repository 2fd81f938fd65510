import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two summaries the targeting queries read instead of recomputing them on every request (issue
 * 12, speed), each kept exact by statement-level triggers, so every write path (the importers'
 * set-based batches, reportIssue, a status change, a re-placement after a boundary change, a
 * cascade from a renamed category or a removed ward, a delete) keeps them current without knowing
 * about them:
 *
 * - incident_month_count: incidents per unit column of incident (current and month-of wards and
 *   areas, LSOA, police neighbourhood), unit, month and category. A need index's crime and ASB
 *   rates over a year of 1,000,000 incidents read about 500,000 index entries; from here, a few
 *   thousand rows. The triggers see a statement's rows as transition tables, so an import batch
 *   of 5,000 rows pays one aggregate, not 5,000 row triggers.
 * - ward_adjacency: which wards of a set share a boundary line, the overlay ward-adjacency.sql
 *   computed per request (tens of milliseconds of GEOS per allocation), now computed when a set's
 *   outlines change.
 */
export class SummaryTables1764748800000 implements MigrationInterface {
  name = 'SummaryTables1764748800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident_month_count" ("unit_column" text NOT NULL, "month" date NOT NULL, "unit_key" text NOT NULL, "category_slug" text NOT NULL, "n" integer NOT NULL, CONSTRAINT "CHK_incident_month_count_n" CHECK ("n" >= 0), CONSTRAINT "CHK_incident_month_count_unit_column" CHECK ("unit_column" IN ('ward_code', 'area_code', 'month_ward_code', 'month_area_code', 'lsoa_code', 'police_neighbourhood_id')), CONSTRAINT "PK_incident_month_count" PRIMARY KEY ("unit_column", "month", "unit_key", "category_slug"))`,
    );
    await queryRunner.query(
      `INSERT INTO incident_month_count (unit_column, month, unit_key, category_slug, n)
       SELECT u.unit_column, i.month, u.unit_key, i.category_slug, count(*)::int
       FROM incident i ${UNITS}
       WHERE u.unit_key IS NOT NULL
       GROUP BY 1, 2, 3, 4`,
    );
    await queryRunner.query(`ANALYZE incident_month_count`);
    await queryRunner.query(`
      CREATE FUNCTION incident_month_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${apply(`SELECT 1 AS d, ${COUNTED} FROM new_rows`, { added: true, removed: false })}
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_month_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ${EMPTIED_VARS}
      BEGIN
        ${apply(`SELECT 1 AS d, ${COUNTED} FROM new_rows UNION ALL SELECT -1, ${COUNTED} FROM old_rows`, { added: true, removed: true })}
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_month_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ${EMPTIED_VARS}
      BEGIN
        ${apply(`SELECT -1 AS d, ${COUNTED} FROM old_rows`, { added: false, removed: true })}
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_month_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM incident_month_count;
        RETURN NULL;
      END
      $$`);
    // Named to fire after data_version_incident (triggers of one event fire in name order): that
    // bump already queues concurrent incident writers on one row, so these never deadlock.
    await queryRunner.query(
      `CREATE TRIGGER "incident_month_count_insert" AFTER INSERT ON "incident" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_month_count_insert()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "incident_month_count_update" AFTER UPDATE ON "incident" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_month_count_update()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "incident_month_count_delete" AFTER DELETE ON "incident" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_month_count_delete()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "incident_month_count_truncate" AFTER TRUNCATE ON "incident" FOR EACH STATEMENT EXECUTE FUNCTION incident_month_count_truncate()`,
    );

    await queryRunner.query(
      `CREATE TABLE "ward_adjacency" ("ward_code" text NOT NULL, "neighbour_code" text NOT NULL, "boundary_set_id" text NOT NULL, CONSTRAINT "PK_ward_adjacency" PRIMARY KEY ("ward_code", "neighbour_code"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "ward_adjacency" ADD CONSTRAINT "FK_ward_adjacency_ward" FOREIGN KEY ("ward_code") REFERENCES "ward"("code") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "ward_adjacency" ADD CONSTRAINT "FK_ward_adjacency_neighbour" FOREIGN KEY ("neighbour_code") REFERENCES "ward"("code") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    // Recomputes the adjacency of the given ward sets. Touching at a single point does not count; a
    // sliver overlap between generalised boundaries does (as ward-neighbours.sql did per request).
    // An outline GEOS cannot intersect (the geodata load writes the wards, then repairs them) is
    // left out until its repair, an UPDATE of its outline, brings it back here.
    await queryRunner.query(`
      CREATE FUNCTION ward_adjacency_refresh(sets text[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM ward_adjacency WHERE boundary_set_id = ANY(sets);
        INSERT INTO ward_adjacency (ward_code, neighbour_code, boundary_set_id)
        SELECT a.code, b.code, a.boundary_set_id
        FROM ward a
        JOIN ward b ON b.code <> a.code AND b.boundary_set_id = a.boundary_set_id AND ST_Intersects(a.geom, b.geom)
        WHERE a.boundary_set_id = ANY(sets) AND ST_IsValid(a.geom) AND ST_IsValid(b.geom)
          AND ST_Dimension(ST_Intersection(a.geom, b.geom)) >= 1;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ward_adjacency_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ward_adjacency_refresh(ARRAY(SELECT DISTINCT boundary_set_id FROM new_rows));
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ward_adjacency_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ward_adjacency_refresh(ARRAY(SELECT DISTINCT boundary_set_id FROM old_rows));
        RETURN NULL;
      END
      $$`);
    // A ward moved to another area or renamed leaves the adjacency alone; only the sets whose
    // wards' codes, sets or outlines changed are recomputed.
    await queryRunner.query(`
      CREATE FUNCTION ward_adjacency_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ward_adjacency_refresh(ARRAY(
          SELECT DISTINCT boundary_set_id FROM (
            (SELECT code, boundary_set_id, ST_AsEWKB(geom) FROM old_rows
             EXCEPT SELECT code, boundary_set_id, ST_AsEWKB(geom) FROM new_rows)
            UNION ALL
            (SELECT code, boundary_set_id, ST_AsEWKB(geom) FROM new_rows
             EXCEPT SELECT code, boundary_set_id, ST_AsEWKB(geom) FROM old_rows)
          ) changed));
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "ward_adjacency_insert" AFTER INSERT ON "ward" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ward_adjacency_insert()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "ward_adjacency_update" AFTER UPDATE ON "ward" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ward_adjacency_update()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "ward_adjacency_delete" AFTER DELETE ON "ward" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ward_adjacency_delete()`,
    );
    await queryRunner.query(`SELECT ward_adjacency_refresh(ARRAY(SELECT DISTINCT boundary_set_id FROM ward))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['delete', 'update', 'insert']) {
      await queryRunner.query(`DROP TRIGGER "ward_adjacency_${op}" ON "ward"`);
      await queryRunner.query(`DROP FUNCTION ward_adjacency_${op}()`);
    }
    await queryRunner.query(`DROP FUNCTION ward_adjacency_refresh(text[])`);
    await queryRunner.query(`ALTER TABLE "ward_adjacency" DROP CONSTRAINT "FK_ward_adjacency_neighbour"`);
    await queryRunner.query(`ALTER TABLE "ward_adjacency" DROP CONSTRAINT "FK_ward_adjacency_ward"`);
    await queryRunner.query(`DROP TABLE "ward_adjacency"`);
    for (const op of ['truncate', 'delete', 'update', 'insert']) {
      await queryRunner.query(`DROP TRIGGER "incident_month_count_${op}" ON "incident"`);
      await queryRunner.query(`DROP FUNCTION incident_month_count_${op}()`);
    }
    await queryRunner.query(`DROP TABLE "incident_month_count"`);
  }
}

/** One row per unit column an incident is counted under (aliased i), with its unit (NULL: none). */
const UNITS = `CROSS JOIN LATERAL (VALUES
  ('ward_code', i.ward_code), ('area_code', i.area_code),
  ('month_ward_code', i.month_ward_code), ('month_area_code', i.month_area_code),
  ('lsoa_code', i.lsoa_code), ('police_neighbourhood_id', i.police_neighbourhood_id::text)
) u(unit_column, unit_key)`;

/** The columns of incident a count depends on. */
const COUNTED =
  'month, category_slug, ward_code, area_code, month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id';

/** The keys of counts a statement brought to zero, deleted by the statement after. */
const EMPTIED_VARS = 'e_column text[]; e_month date[]; e_key text[]; e_category text[];';

/**
 * The body that applies a statement's rows to the counts: `changed` gives each row of incident
 * with d = +1 (written) or -1 (removed). Net changes per key only; an UPDATE that moves no row to
 * another unit, month or category (a status change, a new police.uk outcome) nets to nothing and
 * writes nothing. Additions are upserted in key order; removals update in place, and a count
 * brought to zero is deleted by a second statement that checks it is still zero then (a
 * concurrent insert may have raised it). A removal below zero breaks the CHECK: loud, not silent.
 */
function apply(changed: string, { added, removed }: { added: boolean; removed: boolean }): string {
  const delta = `SELECT u.unit_column, i.month, u.unit_key, i.category_slug, sum(i.d)::int AS d
    FROM (${changed}) i ${UNITS}
    WHERE u.unit_key IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(i.d) <> 0`;
  const upsert = `INSERT INTO incident_month_count (unit_column, month, unit_key, category_slug, n)
    SELECT unit_column, month, unit_key, category_slug, d FROM delta WHERE d > 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (unit_column, month, unit_key, category_slug) DO UPDATE SET n = incident_month_count.n + EXCLUDED.n`;
  const match = `c.unit_column = x.unit_column AND c.month = x.month AND c.unit_key = x.unit_key
      AND c.category_slug = x.category_slug`;
  if (!removed) {
    return `WITH delta AS (${delta}) ${upsert};`;
  }
  return `WITH delta AS MATERIALIZED (${delta}),
    ${added ? `added AS (${upsert}),` : ''}
    removed AS (
      UPDATE incident_month_count c SET n = c.n + x.d FROM delta x WHERE x.d < 0 AND ${match}
      RETURNING c.unit_column, c.month, c.unit_key, c.category_slug, c.n
    )
    SELECT array_agg(unit_column), array_agg(month), array_agg(unit_key), array_agg(category_slug)
    INTO e_column, e_month, e_key, e_category
    FROM removed WHERE n = 0;
    DELETE FROM incident_month_count c
    USING unnest(e_column, e_month, e_key, e_category) AS x(unit_column, month, unit_key, category_slug)
    WHERE ${match} AND c.n = 0;`;
}
