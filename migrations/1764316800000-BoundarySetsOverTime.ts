import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Boundary sets over time. Each set carries its validity period (from the ONS code history), and
 * a ward set names the LSOA set its best-fit lookup and population roll-ups use. Wards of every
 * set share one table (ward codes are never reused across sets); LSOAs too, each with its own
 * validity, since the 2011 and 2021 sets share most codes. The LSOA-to-ward best-fit lookup moves
 * to its own table, one row per LSOA and ward set. The crosswalk between consecutive ward sets
 * holds the land and residents that passed from each old ward to each new one.
 *
 * An incident keeps two placements: ward_code and area_code in the current ward set (what every
 * query reads unless asked for another set), and month_ward_code and month_area_code in the set
 * in force at the end of its month. place_point takes that date.
 */
export class BoundarySetsOverTime1764316800000 implements MigrationInterface {
  name = 'BoundarySetsOverTime1764316800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "boundary_set" ADD "valid_from" date`);
    await queryRunner.query(`ALTER TABLE "boundary_set" ADD "valid_to" date`);
    await queryRunner.query(`ALTER TABLE "boundary_set" ADD "lsoa_set_id" text`);
    // A hub loaded before this migration holds one set of each kind: it stays current until the
    // next geodata load writes the dates from the code history.
    await queryRunner.query(`UPDATE "boundary_set" SET "valid_from" = make_date("vintage", 1, 1)`);
    await queryRunner.query(
      `UPDATE "boundary_set" w SET "lsoa_set_id" = (SELECT l."id" FROM "boundary_set" l WHERE l."kind" = 'lsoa' ORDER BY l."vintage" DESC LIMIT 1) WHERE w."kind" = 'ward'`,
    );
    await queryRunner.query(`ALTER TABLE "boundary_set" ALTER COLUMN "valid_from" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "boundary_set" ADD CONSTRAINT "CHK_boundary_set_validity" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from")`,
    );
    await queryRunner.query(
      `ALTER TABLE "boundary_set" ADD CONSTRAINT "FK_boundary_set_lsoa_set" FOREIGN KEY ("lsoa_set_id") REFERENCES "boundary_set"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // One open-ended (current) set per kind.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_boundary_set_current" ON "boundary_set" ("kind") WHERE "valid_to" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ward_boundary_set" ON "ward" ("boundary_set_id")`);

    await queryRunner.query(`ALTER TABLE "lsoa" ADD "valid_from" date`);
    await queryRunner.query(`ALTER TABLE "lsoa" ADD "valid_to" date`);
    await queryRunner.query(
      `UPDATE "lsoa" l SET "valid_from" = s."valid_from" FROM "boundary_set" s WHERE s."id" = l."boundary_set_id"`,
    );
    await queryRunner.query(`ALTER TABLE "lsoa" ALTER COLUMN "valid_from" SET NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "lsoa_ward_lookup" ("lsoa_code" text NOT NULL, "ward_code" text NOT NULL, CONSTRAINT "PK_lsoa_ward_lookup" PRIMARY KEY ("lsoa_code", "ward_code"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_lsoa_ward_lookup_ward" ON "lsoa_ward_lookup" ("ward_code")`);
    await queryRunner.query(
      `ALTER TABLE "lsoa_ward_lookup" ADD CONSTRAINT "FK_lsoa_ward_lookup_lsoa" FOREIGN KEY ("lsoa_code") REFERENCES "lsoa"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lsoa_ward_lookup" ADD CONSTRAINT "FK_lsoa_ward_lookup_ward" FOREIGN KEY ("ward_code") REFERENCES "ward"("code") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `INSERT INTO "lsoa_ward_lookup" ("lsoa_code", "ward_code") SELECT "code", "ward_code" FROM "lsoa"`,
    );
    await queryRunner.query(`ALTER TABLE "lsoa" DROP CONSTRAINT "FK_0c2a7da2547806caf837123fd3e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0c2a7da2547806caf837123fd3"`);
    await queryRunner.query(`ALTER TABLE "lsoa" DROP COLUMN "ward_code"`);
    // The LSOAs of an LSOA set: those whose code was in force on the set's first day (the 2011
    // and 2021 sets share most rows). Inlined by PostgreSQL into the calling statement.
    await queryRunner.query(`
      CREATE FUNCTION lsoas_of_set(set_id text)
      RETURNS SETOF lsoa LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT l.* FROM lsoa l JOIN boundary_set s ON s.id = set_id
        WHERE l.valid_from <= s.valid_from AND (l.valid_to IS NULL OR l.valid_to >= s.valid_from)
      $$`);

    await queryRunner.query(`
      CREATE TABLE "ward_crosswalk" (
        "from_code" text NOT NULL,
        "to_code" text NOT NULL,
        "land_sq_m" double precision NOT NULL,
        "land_share_of_from" double precision NOT NULL,
        "land_share_of_to" double precision NOT NULL,
        "residents" double precision NOT NULL,
        "residents_share_of_from" double precision NOT NULL,
        "residents_share_of_to" double precision NOT NULL,
        CONSTRAINT "CHK_ward_crosswalk_shares" CHECK (
          "land_sq_m" >= 0 AND "residents" >= 0
          AND "land_share_of_from" BETWEEN 0 AND 1.000001 AND "land_share_of_to" BETWEEN 0 AND 1.000001
          AND "residents_share_of_from" BETWEEN 0 AND 1.000001 AND "residents_share_of_to" BETWEEN 0 AND 1.000001
        ),
        CONSTRAINT "PK_ward_crosswalk" PRIMARY KEY ("from_code", "to_code")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ward_crosswalk_to" ON "ward_crosswalk" ("to_code")`);
    await queryRunner.query(
      `ALTER TABLE "ward_crosswalk" ADD CONSTRAINT "FK_ward_crosswalk_from" FOREIGN KEY ("from_code") REFERENCES "ward"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ward_crosswalk" ADD CONSTRAINT "FK_ward_crosswalk_to" FOREIGN KEY ("to_code") REFERENCES "ward"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "incident" ADD "month_ward_code" text`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "month_area_code" text`);
    await queryRunner.query(`UPDATE "incident" SET "month_ward_code" = "ward_code", "month_area_code" = "area_code"`);
    await queryRunner.query(
      `ALTER TABLE "incident" ADD CONSTRAINT "FK_incident_month_ward" FOREIGN KEY ("month_ward_code") REFERENCES "ward"("code") ON DELETE SET NULL ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident" ADD CONSTRAINT "FK_incident_month_area" FOREIGN KEY ("month_area_code") REFERENCES "area"("code") ON DELETE SET NULL ON UPDATE CASCADE`,
    );
    // Covering, as the current-set indexes: stats on an earlier set count from the index alone.
    await queryRunner.query(
      `CREATE INDEX "IDX_incident_month_ward_month" ON "incident" ("month_ward_code", "month", "category_slug")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_incident_month_area_month" ON "incident" ("month_area_code", "month", "category_slug")`,
    );

    await queryRunner.query(`DROP FUNCTION place_point(geometry)`);
    // The current (open-ended) set of a kind: what every query without a date or set reads.
    await queryRunner.query(`
      CREATE FUNCTION current_set(set_kind text)
      RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT id FROM boundary_set WHERE kind = set_kind AND valid_to IS NULL
      $$`);
    // A point's ward (with that ward's area) in the current ward set and in the set in force on
    // day d, its LSOA in force on d and its current police neighbourhood. A point on a shared
    // edge goes to the unit with the lowest code; a NULL point, one outside every ward, or a day
    // before every set gives NULLs. The LSOA and the neighbourhood are scalar subqueries
    // PostgreSQL drops when a caller does not read them. The day's ward is probed only when d
    // falls before the current set: a subquery in a CASE branch runs only when its branch is
    // taken (OFFSET 0 keeps PostgreSQL from copying the CASE, and so the probe, into each use),
    // so a month of the current set costs one ward probe, as before there were two sets.
    await queryRunner.query(`
      CREATE FUNCTION place_point(g geometry, d date)
      RETURNS TABLE (ward_code text, area_code text, month_ward_code text, month_area_code text,
                     lsoa_code text, police_neighbourhood_id int)
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT w.code,
               w.area_code,
               m.code,
               CASE WHEN cur.valid_from <= d THEN w.area_code
                    ELSE (SELECT mw.area_code FROM ward mw WHERE mw.code = m.code) END,
               (SELECT lsoa.code FROM lsoa
                WHERE ST_Intersects(lsoa.geom, g) AND lsoa.valid_from <= d AND (lsoa.valid_to IS NULL OR lsoa.valid_to >= d)
                ORDER BY lsoa.code LIMIT 1),
               (SELECT pn.id FROM police_neighbourhood pn
                JOIN police_neighbourhood_layer pl ON pl.id = pn.layer_id AND pl.is_current
                WHERE ST_Intersects(pn.geom, g) ORDER BY pn.code LIMIT 1)
        FROM (SELECT 1) AS one
        LEFT JOIN (SELECT s.id, s.valid_from FROM boundary_set s WHERE s.kind = 'ward' AND s.valid_to IS NULL) cur ON true
        LEFT JOIN LATERAL (
          SELECT ward.code, ward.area_code FROM ward
          WHERE ward.boundary_set_id = cur.id AND ST_Intersects(ward.geom, g) ORDER BY ward.code LIMIT 1
        ) w ON true
        CROSS JOIN LATERAL (
          SELECT CASE WHEN cur.valid_from <= d THEN w.code
                      ELSE (SELECT ward.code FROM ward JOIN boundary_set s ON s.id = ward.boundary_set_id
                            WHERE s.valid_from <= d AND s.valid_to >= d AND ST_Intersects(ward.geom, g)
                            ORDER BY ward.code LIMIT 1) END AS code
          OFFSET 0
        ) m
      $$`);
    // The day a month's incidents are placed by: its last, so that a month in which a new set
    // came into force (May 2023) sits on the new set. Written with timestamp (not timestamptz)
    // arithmetic so that the body is immutable as declared: PostgreSQL then inlines it, where a
    // call per use would cost more than the placement's probes.
    await queryRunner.query(`
      CREATE FUNCTION placement_day(month date)
      RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (date_trunc('month', month::timestamp) + interval '1 month' - interval '1 day')::date
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION placement_day(date)`);
    await queryRunner.query(`DROP FUNCTION place_point(geometry, date)`);
    await queryRunner.query(`DROP FUNCTION current_set(text)`);
    await queryRunner.query(`
      CREATE FUNCTION place_point(g geometry)
      RETURNS TABLE (ward_code text, area_code text, lsoa_code text, police_neighbourhood_id int)
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT w.code,
               w.area_code,
               (SELECT lsoa.code FROM lsoa WHERE ST_Intersects(lsoa.geom, g) ORDER BY lsoa.code LIMIT 1),
               (SELECT pn.id FROM police_neighbourhood pn
                JOIN police_neighbourhood_layer pl ON pl.id = pn.layer_id AND pl.is_current
                WHERE ST_Intersects(pn.geom, g) ORDER BY pn.code LIMIT 1)
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
          SELECT ward.code, ward.area_code FROM ward WHERE ST_Intersects(ward.geom, g) ORDER BY ward.code LIMIT 1
        ) w ON true
      $$`);
    await queryRunner.query(`DROP INDEX "public"."IDX_incident_month_area_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_incident_month_ward_month"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "FK_incident_month_area"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "FK_incident_month_ward"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "month_area_code"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "month_ward_code"`);
    await queryRunner.query(`DROP TABLE "ward_crosswalk"`);
    await queryRunner.query(`DROP FUNCTION lsoas_of_set(text)`);
    // Back to one ward per LSOA: its ward in the latest set that has one.
    await queryRunner.query(`ALTER TABLE "lsoa" ADD "ward_code" text`);
    await queryRunner.query(`
      UPDATE "lsoa" l SET "ward_code" = (
        SELECT k."ward_code" FROM "lsoa_ward_lookup" k
        JOIN "ward" w ON w."code" = k."ward_code" JOIN "boundary_set" s ON s."id" = w."boundary_set_id"
        WHERE k."lsoa_code" = l."code" ORDER BY s."valid_from" DESC LIMIT 1)`);
    await queryRunner.query(`DELETE FROM "lsoa" WHERE "ward_code" IS NULL`);
    await queryRunner.query(`ALTER TABLE "lsoa" ALTER COLUMN "ward_code" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_0c2a7da2547806caf837123fd3" ON "lsoa" ("ward_code")`);
    await queryRunner.query(
      `ALTER TABLE "lsoa" ADD CONSTRAINT "FK_0c2a7da2547806caf837123fd3e" FOREIGN KEY ("ward_code") REFERENCES "ward"("code") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(`DROP TABLE "lsoa_ward_lookup"`);
    await queryRunner.query(`ALTER TABLE "lsoa" DROP COLUMN "valid_to"`);
    await queryRunner.query(`ALTER TABLE "lsoa" DROP COLUMN "valid_from"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ward_boundary_set"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_boundary_set_current"`);
    await queryRunner.query(`ALTER TABLE "boundary_set" DROP CONSTRAINT "FK_boundary_set_lsoa_set"`);
    await queryRunner.query(`ALTER TABLE "boundary_set" DROP CONSTRAINT "CHK_boundary_set_validity"`);
    await queryRunner.query(`ALTER TABLE "boundary_set" DROP COLUMN "lsoa_set_id"`);
    await queryRunner.query(`ALTER TABLE "boundary_set" DROP COLUMN "valid_to"`);
    await queryRunner.query(`ALTER TABLE "boundary_set" DROP COLUMN "valid_from"`);
  }
}
