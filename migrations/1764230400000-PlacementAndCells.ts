import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rules every statement shares, written once in the database: where a point is placed (its
 * ward with that ward's area, its LSOA, its current police neighbourhood) and which cell of an
 * analysis grid a point falls in. Both are SQL set-returning functions so that PostgreSQL inlines
 * them into the calling statement: the GiST probes and the arithmetic run as if written in place.
 */
export class PlacementAndCells1764230400000 implements MigrationInterface {
  name = 'PlacementAndCells1764230400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A point on a shared edge goes to the unit with the lowest code, so the answer is stable;
    // a NULL point or one outside every ward gives one row of NULLs (callers keep their own
    // fallback, such as the best-fit ward of a police.uk LSOA). The LSOA and the neighbourhood are
    // scalar subqueries so that a caller who reads only the ward (locating, say) does not pay for
    // them: PostgreSQL drops the unused outputs of an inlined function.
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
    // The cells of ST_SquareGrid and ST_HexagonGrid laid over an extent (EPSG:27700 metres).
    await queryRunner.query(`
      CREATE FUNCTION analysis_grid(shape text, size float8, extent geometry)
      RETURNS TABLE (i int, j int, geom geometry)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT c.i, c.j, c.geom FROM ST_SquareGrid(size, extent) c WHERE shape = 'square'
        UNION ALL
        SELECT c.i, c.j, c.geom FROM ST_HexagonGrid(size, extent) c WHERE shape = 'hexagon'
      $$`);
    // The cell of analysis_grid a point falls in, by arithmetic rather than a join against the
    // cells. A square (cell i, j spans [i·size, (i+1)·size)) by division, so a point on an edge
    // counts in the cell east or north of it. A hexagon (flat-topped cell i, j centred on
    // (1.5·i·size, √3·j·size, plus √3/2·size on odd columns)) is the nearest centre of the two
    // candidate columns, ties going to the lowest i, then j.
    await queryRunner.query(`
      CREATE FUNCTION analysis_cell(shape text, size float8, p geometry)
      RETURNS TABLE (i int, j int)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT floor(ST_X(p) / size)::int, floor(ST_Y(p) / size)::int WHERE shape = 'square'
        UNION ALL
        (SELECT h.i, h.j
         FROM (
           SELECT v.ci AS i,
                  round((ST_Y(p) - CASE WHEN v.ci % 2 <> 0 THEN sqrt(3) / 2 * size ELSE 0 END) / (sqrt(3) * size))::int AS j
           FROM (VALUES (floor(ST_X(p) / (1.5 * size))::int), (floor(ST_X(p) / (1.5 * size))::int + 1)) AS v(ci)
         ) h
         WHERE shape = 'hexagon'
         ORDER BY (ST_X(p) - h.i * 1.5 * size) ^ 2
                    + (ST_Y(p) - h.j * sqrt(3) * size - CASE WHEN h.i % 2 <> 0 THEN sqrt(3) / 2 * size ELSE 0 END) ^ 2,
                  h.i, h.j
         LIMIT 1)
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION analysis_cell(text, float8, geometry)`);
    await queryRunner.query(`DROP FUNCTION analysis_grid(text, float8, geometry)`);
    await queryRunner.query(`DROP FUNCTION place_point(geometry)`);
  }
}
