import type { Polygon } from 'geojson';

import { inProcessCaller } from '../src/auth/caller';
import { createContext } from '../src/graphql/context';
import { resolvePlace } from '../src/tasking/place';

import { connectTestDatabase, inRolledBackTransaction } from './helpers/database';
import { CATHEDRAL, square } from './helpers/places';

let handles: Awaited<ReturnType<typeof connectTestDatabase>>;
beforeAll(async () => {
  handles = await connectTestDatabase();
});
afterAll(() => handles.dataSource.destroy());

const ctx = (db = handles.db) => createContext(db, inProcessCaller('test'));

describe('resolvePlace', () => {
  it('keeps a drawn polygon inside the city as a MultiPolygon footprint', async () => {
    const place = await resolvePlace(ctx(), { polygon: square(CATHEDRAL[0], CATHEDRAL[1], 0.002) });
    expect(place).toMatchObject({ kind: 'polygon', ref: null, unit: null });
    expect(place.footprint.type).toBe('MultiPolygon');
    expect(place.footprint.coordinates[0][0][0]).toEqual([CATHEDRAL[0] - 0.002, CATHEDRAL[1] - 0.002]);
  });

  it('refuses a polygon mostly outside the city, a self-intersecting one, a point, and two kinds at once', async () => {
    // Matlock, 25 km north of Derby.
    await expect(resolvePlace(ctx(), { polygon: square(-1.555, 53.138, 0.01) })).rejects.toThrow(
      /polygon must lie at least 50 % inside the city .*got 0.0 %/,
    );
    const bowtie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-1.48, 52.92],
          [-1.47, 52.93],
          [-1.47, 52.92],
          [-1.48, 52.93],
          [-1.48, 52.92],
        ],
      ],
    };
    await expect(resolvePlace(ctx(), { polygon: bowtie })).rejects.toThrow(/polygon must be valid .*Self-intersection/);
    await expect(
      resolvePlace(ctx(), { polygon: { type: 'Point', coordinates: [...CATHEDRAL] } as unknown as Polygon }),
    ).rejects.toThrow(/expected a Polygon or MultiPolygon, got Point/);
    await expect(resolvePlace(ctx(), { ward: 'E05012000', area: 'NORTH' })).rejects.toThrow(
      /exactly one of .*got ward and area/,
    );
    await expect(resolvePlace(ctx(), {})).rejects.toThrow(/exactly one of .*got none/);
  });

  it('gives a ward, an area and a police neighbourhood their outlines and names the unit', async () => {
    const [ward] = await handles.db.query<{ code: string; name: string; area: number }>(
      `SELECT w.code, w.name, ST_Area(w.geom) AS area FROM ward w JOIN boundary_set s ON s.id = w.boundary_set_id
       WHERE s.kind = 'ward' ORDER BY s.valid_from DESC, w.code LIMIT 1`,
    );
    const place = await resolvePlace(ctx(), { ward: ward.code });
    expect(place).toMatchObject({ kind: 'ward', ref: ward.code, unit: { level: 'ward', code: ward.code } });
    expect(place.label).toBe(`ward ${ward.name}`);
    const area = await resolvePlace(ctx(), { area: 'NORTH' });
    expect(area.unit).toEqual({ level: 'area', code: 'NORTH' });
    const [pn] = await handles.db.query<{ id: string; name: string }>(
      `SELECT n.id::text AS id, n.name FROM police_neighbourhood n JOIN police_neighbourhood_layer l ON l.id = n.layer_id AND l.is_current LIMIT 1`,
    );
    expect((await resolvePlace(ctx(), { policeNeighbourhood: pn.id })).label).toBe(`police neighbourhood ${pn.name}`);
    await expect(resolvePlace(ctx(), { ward: 'E05999999' })).rejects.toThrow(/no ward of .* has code "E05999999"/);
    await expect(resolvePlace(ctx(), { policeNeighbourhood: '999999' })).rejects.toThrow(
      /no current police neighbourhood/,
    );
  });

  it('gives a board the union of its units, and refuses a board without units', async () => {
    await inRolledBackTransaction(handles.dataSource, async (db) => {
      const [{ id }] = await db.query<{ id: number }>(
        `INSERT INTO board (name, created_by) VALUES ('Test board', 'test') RETURNING id`,
      );
      await expect(resolvePlace(ctx(db), { board: String(id) })).rejects.toThrow(/covers no unit yet/);
      await db.query(`INSERT INTO board_unit (board_id, level, unit_code) VALUES ($1, 'area', 'NORTH')`, [id]);
      const board = await resolvePlace(ctx(db), { board: String(id) });
      const area = await resolvePlace(ctx(db), { area: 'NORTH' });
      const [{ same }] = await db.query<{ same: boolean }>(
        `SELECT ST_Equals(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON($2)) AS same`,
        [JSON.stringify(board.footprint), JSON.stringify(area.footprint)],
      );
      expect(same).toBe(true);
    });
    await expect(resolvePlace(ctx(), { board: '99999' })).rejects.toThrow(/no board has id 99999/);
    await expect(resolvePlace(ctx(), { board: 'x' })).rejects.toThrow(/board must be a board id/);
  });

  it('draws 50 m around a street-scene report and suggests its ward and owning agency', async () => {
    await inRolledBackTransaction(handles.dataSource, async (db) => {
      const [{ id, ward }] = await db.query<{ id: string; ward: string }>(
        `INSERT INTO incident (source, source_key, category_slug, month, occurred_at, status, geom, geom_bng,
                               ward_code, area_code, month_ward_code, month_area_code)
         SELECT 'test', 'place-report', 'fly-tipping', '2020-01-01', now(), 'open', p.g, ST_Transform(p.g, 27700),
                pl.ward_code, pl.area_code, pl.month_ward_code, pl.month_area_code
         FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS g) p, place_point(p.g, '2020-01-31') pl
         RETURNING id::text AS id, ward_code AS ward`,
        [CATHEDRAL[0], CATHEDRAL[1]],
      );
      const place = await resolvePlace(ctx(db), { report: id });
      expect(place).toMatchObject({
        kind: 'report',
        ref: id,
        unit: { level: 'ward', code: ward },
        agency: 'STREETPRIDE',
        categories: ['fly-tipping'],
      });
      const [{ metres }] = await db.query<{ metres: number }>(
        `SELECT sqrt(ST_Area(ST_Transform(ST_GeomFromGeoJSON($1), 27700)) / pi()) AS metres`,
        [JSON.stringify(place.footprint)],
      );
      expect(metres).toBeGreaterThan(49);
      expect(metres).toBeLessThan(50.5);
      const [crime] = await db.query<{ id: string }>(
        `SELECT id::text AS id FROM incident WHERE status IS NULL LIMIT 1`,
      );
      await expect(resolvePlace(ctx(db), { report: crime.id })).rejects.toThrow(/must be a street-scene report/);
    });
  });
});
