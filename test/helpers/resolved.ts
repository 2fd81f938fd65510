import type { Db } from '../../src/db/db';

/** Incidents planted at points given in EPSG:27700 metres, n of each, in a month and category. */
export interface Planted {
  x: number;
  y: number;
  n: number;
  month: string;
  category?: string;
  source?: string;
}

/** Inserts planted incidents (no ward: they lie far from the shipped city) inside a transaction. */
export async function plant(tx: Db, spots: readonly Planted[]): Promise<void> {
  await tx.query(
    `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng)
     SELECT s.source, 'resolved-' || s.k || '-' || g, s.category, (s.month || '-01')::date, ST_Transform(p, 4326), p
     FROM unnest($1::float8[], $2::float8[], $3::int[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
            AS s(x, y, n, month, category, source, k),
          LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.x, s.y), 27700) AS p) pt,
          generate_series(1, s.n) g`,
    [
      spots.map((s) => s.x),
      spots.map((s) => s.y),
      spots.map((s) => s.n),
      spots.map((s) => s.month),
      spots.map((s) => s.category ?? 'drugs'),
      spots.map((s) => s.source ?? 'test-resolved'),
    ],
  );
}

/** A task row written directly (the task mutations are another part's), with its footprint a box in metres. */
export interface PlantedTask {
  box: [number, number, number, number];
  status: 'open' | 'in_progress' | 'done' | 'cancelled';
  createdAt: string;
  dueOn: string;
  closedAt?: string | null;
  categories?: string[];
  title?: string;
}

/** Inserts a task and returns its id. */
export async function plantTask(tx: Db, t: PlantedTask): Promise<string> {
  const [west, south, east, north] = t.box;
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO task (title, agency_code, owner_role, due_on, status, source_kind, footprint, categories,
                       created_by, created_at, closed_at)
     VALUES ($1, 'POLICE', 'agency_officer', $2::date, $3, 'polygon',
             ST_Multi(ST_Transform(ST_MakeEnvelope($4, $5, $6, $7, 27700), 4326)), $8::text[], 'test',
             $9::timestamptz, $10::timestamptz)
     RETURNING id::text AS id`,
    [
      t.title ?? 'a test task',
      t.dueOn,
      t.status,
      west,
      south,
      east,
      north,
      t.categories ?? [],
      t.createdAt,
      t.closedAt ?? null,
    ],
  );
  return row.id;
}

/** A box in EPSG:27700 metres as a WGS 84 GeoJSON polygon. */
export async function wgs84Box(tx: Db, box: [number, number, number, number]): Promise<unknown> {
  const [row] = await tx.query<{ g: unknown }>(
    'SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 27700), 4326), 12)::json AS g',
    box,
  );
  return row.g;
}
