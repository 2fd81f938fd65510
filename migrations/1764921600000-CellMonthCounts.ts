import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * incident_cell_count: incidents per square analysis cell of the standard sizes (250 m), month,
 * category and source, the counts a Gi* grid needs (issue 14, speed). A city-wide Gi* over a year
 * of 1,000,000 incidents counted about 500,000 points into cells per request; from here it sums a
 * few hundred thousand rows with no geometry. Kept exact by statement-level triggers with
 * transition tables, as incident_month_count is (migration SummaryTables), so every write path
 * (the importers' batches, reportIssue, a status change, a re-placement, a cascade from a renamed
 * category, a delete, TRUNCATE) keeps it current without knowing about it.
 *
 * A point's cell is analysis_cell's square cell, floor(x / size), floor(y / size), computed by the
 * same arithmetic. Rows without a workflow status (police.uk) stand at the same point for every
 * caller: one row, points 'both'. A street-scene report has two: 'exact' at its point and
 * 'published' at published_point_bng's. The published row also keeps the cell of the exact point
 * (exact_i, exact_j): cells.sql picks incidents by their exact point inside the grid's box and
 * counts them at the published one, and the new path must pick the same rows (see
 * cell-month-counts.sql). For every other row exact_i, exact_j equal i, j.
 *
 * The units an incident is named by (ward and area, of the current set and of its month, police
 * neighbourhood) are in the key too, so how a hot spot's incidents split between units is a sum
 * as well (cell-units-kept.sql). The key cannot hold NULL: no unit is '' (0 for a neighbourhood).
 */
export class CellMonthCounts1764921600000 implements MigrationInterface {
  name = 'CellMonthCounts1764921600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident_cell_count" ("cell_size" integer NOT NULL, "month" date NOT NULL, "i" integer NOT NULL, "j" integer NOT NULL, "category_slug" text NOT NULL, "source" text NOT NULL, "points" text NOT NULL, "exact_i" integer NOT NULL, "exact_j" integer NOT NULL, "ward_code" text NOT NULL, "area_code" text NOT NULL, "month_ward_code" text NOT NULL, "month_area_code" text NOT NULL, "police_neighbourhood_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "CHK_incident_cell_count_n" CHECK ("n" >= 0), CONSTRAINT "CHK_incident_cell_count_points" CHECK ("points" IN ('both', 'exact', 'published')), CONSTRAINT "PK_incident_cell_count" PRIMARY KEY ("cell_size", "month", "i", "j", "category_slug", "source", "points", "exact_i", "exact_j", "ward_code", "area_code", "month_ward_code", "month_area_code", "police_neighbourhood_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO incident_cell_count (${COLUMNS}, n)
       SELECT ${KEY}, count(*)::int
       FROM incident r ${CELLS}
       GROUP BY ${GROUP}`,
    );
    await queryRunner.query(`ANALYZE incident_cell_count`);
    await queryRunner.query(`
      CREATE FUNCTION incident_cell_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${apply(`SELECT 1 AS d, ${COUNTED} FROM new_rows`, { added: true, removed: false })}
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_cell_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ${EMPTIED_VARS}
      BEGIN
        ${apply(`SELECT 1 AS d, ${COUNTED} FROM new_rows UNION ALL SELECT -1, ${COUNTED} FROM old_rows`, { added: true, removed: true })}
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_cell_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ${EMPTIED_VARS}
      BEGIN
        ${apply(`SELECT -1 AS d, ${COUNTED} FROM old_rows`, { added: false, removed: true })}
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_cell_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM incident_cell_count;
        RETURN NULL;
      END
      $$`);
    // Named to fire after data_version_incident (triggers of one event fire in name order), as
    // incident_month_count's are: that bump already queues concurrent incident writers on one
    // row, so these never deadlock.
    await queryRunner.query(
      `CREATE TRIGGER "incident_cell_count_insert" AFTER INSERT ON "incident" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_cell_count_insert()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "incident_cell_count_update" AFTER UPDATE ON "incident" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_cell_count_update()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "incident_cell_count_delete" AFTER DELETE ON "incident" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_cell_count_delete()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "incident_cell_count_truncate" AFTER TRUNCATE ON "incident" FOR EACH STATEMENT EXECUTE FUNCTION incident_cell_count_truncate()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['truncate', 'delete', 'update', 'insert']) {
      await queryRunner.query(`DROP TRIGGER "incident_cell_count_${op}" ON "incident"`);
      await queryRunner.query(`DROP FUNCTION incident_cell_count_${op}()`);
    }
    await queryRunner.query(`DROP TABLE "incident_cell_count"`);
  }
}

/**
 * The square cell sizes counted, in metres (src/hotspots/counted-sizes.ts COUNTED_SIZES names the same).
 * Each must be a multiple of 50: then a report whose exact point lies on the grid box's east or
 * north edge is published at or beyond it, so picking by the exact cell (exact_i, exact_j) inside
 * the box is the same as picking by the exact point inside it.
 */
const SIZES = 'ARRAY[250]';

/**
 * One row per size and placement an incident row (aliased r) is counted under: its cell at the
 * point it is counted at, and the cell of its exact point. Rows without a point are not counted.
 */
const CELLS = `CROSS JOIN unnest(${SIZES}) s(size)
  CROSS JOIN LATERAL (VALUES
    ('both', r.geom_bng, r.status IS NULL),
    ('exact', r.geom_bng, r.status IS NOT NULL),
    ('published', published_point_bng(r.geom_bng, r.status), r.status IS NOT NULL)
  ) p(points, g, kept)
  WHERE r.geom_bng IS NOT NULL AND p.kept`;

/** The key of a row of CELLS, in the table's column order (analysis_cell's square arithmetic). */
const KEY = `s.size, r.month,
  floor(ST_X(p.g) / s.size::float8)::int, floor(ST_Y(p.g) / s.size::float8)::int,
  r.category_slug, r.source, p.points,
  floor(ST_X(r.geom_bng) / s.size::float8)::int, floor(ST_Y(r.geom_bng) / s.size::float8)::int,
  COALESCE(r.ward_code, ''), COALESCE(r.area_code, ''), COALESCE(r.month_ward_code, ''),
  COALESCE(r.month_area_code, ''), COALESCE(r.police_neighbourhood_id, 0)`;

/** GROUP BY every column of KEY. */
const GROUP = '1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14';

/** The columns of incident a count depends on. */
const COUNTED =
  'month, category_slug, source, geom_bng, status, ward_code, area_code, month_ward_code, month_area_code, police_neighbourhood_id';

/** The keys of counts a statement brought to zero, deleted by the statement after. */
const EMPTIED_VARS =
  'e_size int[]; e_month date[]; e_i int[]; e_j int[]; e_category text[]; e_source text[]; e_points text[]; e_ei int[]; e_ej int[]; e_ward text[]; e_area text[]; e_mward text[]; e_marea text[]; e_pn int[];';

const COLUMNS =
  'cell_size, month, i, j, category_slug, source, points, exact_i, exact_j, ward_code, area_code, month_ward_code, month_area_code, police_neighbourhood_id';

/**
 * The body that applies a statement's rows to the counts (as SummaryTables' apply): `changed`
 * gives each row of incident with d = +1 (written) or -1 (removed). Net changes per key only, so
 * an UPDATE that moves no row to another cell, month, category or source (a re-placement, a new
 * police.uk outcome, a report moving between open and closed) writes nothing. Additions are
 * upserted in key order; removals update in place, and a count brought to zero is deleted by a
 * second statement that checks it is still zero then. A removal below zero breaks the CHECK.
 */
function apply(changed: string, { added, removed }: { added: boolean; removed: boolean }): string {
  const delta = `SELECT ${KEY}, sum(r.d)::int AS d
    FROM (${changed}) r ${CELLS}
    GROUP BY ${GROUP}
    HAVING sum(r.d) <> 0`;
  const upsert = `INSERT INTO incident_cell_count (${COLUMNS}, n)
    SELECT * FROM delta WHERE d > 0 ORDER BY ${GROUP}
    ON CONFLICT (${COLUMNS}) DO UPDATE SET n = incident_cell_count.n + EXCLUDED.n`;
  const match = `c.cell_size = x.cell_size AND c.month = x.month AND c.i = x.i AND c.j = x.j
      AND c.category_slug = x.category_slug AND c.source = x.source AND c.points = x.points
      AND c.exact_i = x.exact_i AND c.exact_j = x.exact_j AND c.ward_code = x.ward_code
      AND c.area_code = x.area_code AND c.month_ward_code = x.month_ward_code
      AND c.month_area_code = x.month_area_code AND c.police_neighbourhood_id = x.police_neighbourhood_id`;
  // The delta's columns, named as the table's for the statements below.
  const named = `(${COLUMNS}, d)`;
  if (!removed) {
    return `WITH delta ${named} AS (${delta}) ${upsert};`;
  }
  return `WITH delta ${named} AS MATERIALIZED (${delta}),
    ${added ? `added AS (${upsert}),` : ''}
    removed AS (
      UPDATE incident_cell_count c SET n = c.n + x.d FROM delta x WHERE x.d < 0 AND ${match}
      RETURNING c.*
    )
    SELECT array_agg(cell_size), array_agg(month), array_agg(i), array_agg(j), array_agg(category_slug),
           array_agg(source), array_agg(points), array_agg(exact_i), array_agg(exact_j), array_agg(ward_code),
           array_agg(area_code), array_agg(month_ward_code), array_agg(month_area_code),
           array_agg(police_neighbourhood_id)
    INTO e_size, e_month, e_i, e_j, e_category, e_source, e_points, e_ei, e_ej, e_ward, e_area, e_mward,
         e_marea, e_pn
    FROM removed WHERE n = 0;
    DELETE FROM incident_cell_count c
    USING unnest(e_size, e_month, e_i, e_j, e_category, e_source, e_points, e_ei, e_ej, e_ward, e_area,
                 e_mward, e_marea, e_pn)
      AS x(${COLUMNS})
    WHERE ${match} AND c.n = 0;`;
}
