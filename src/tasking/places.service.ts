import type { MultiPolygon } from 'geojson';

import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';

export interface PolygonRow {
  footprint: MultiPolygon;
  invalidReason: string | null;
  insideShare: number | null;
}

export interface ReportPlaceRow {
  footprint: MultiPolygon;
  wardCode: string | null;
  category: string;
  agency: string;
  kind: string;
  status: string | null;
}

const sql = (name: string) => sqlFile(__dirname, name);
const withUnitGeometry = (name: string) => splice(sql(name), { UNIT_GEOMETRY: sql('unit-geometry') });

/** Places turned into footprints: the only place their SQL runs. */
export class PlacesService {
  constructor(private readonly db: Db) {}

  async polygon(geojson: string, setId: string): Promise<PolygonRow> {
    const [row] = await this.db.query<PolygonRow>(sql('place-polygon'), [geojson, setId]);
    return row;
  }

  /** A unit's outline, or undefined when the unit is unknown. */
  async unit(
    setId: string,
    level: string,
    code: string,
  ): Promise<{ footprint: MultiPolygon; name: string } | undefined> {
    const [row] = await this.db.query<{ footprint: MultiPolygon; name: string }>(withUnitGeometry('place-unit'), [
      setId,
      level,
      code,
    ]);
    return row;
  }

  /** A board's footprint (null when it covers no unit), or undefined for an unknown board. */
  async board(setId: string, id: number): Promise<{ footprint: MultiPolygon | null; name: string } | undefined> {
    const [row] = await this.db.query<{ footprint: MultiPolygon | null; name: string }>(
      withUnitGeometry('place-board'),
      [setId, id],
    );
    return row;
  }

  async report(id: string): Promise<ReportPlaceRow | undefined> {
    const [row] = await this.db.query<ReportPlaceRow>(sql('place-report'), [id]);
    return row;
  }

  /** Computed pieces (hot cells, a hull) as one footprint; a hull that is not an area is buffered. */
  async union(geojson: string[], bufferMetres: number): Promise<MultiPolygon> {
    const [row] = await this.db.query<{ footprint: MultiPolygon }>(sql('place-union'), [geojson, bufferMetres]);
    return row.footprint;
  }

  /** Incidents of an analysis inside a footprint by category and owning agency, largest first. */
  categories(
    footprint: MultiPolygon,
    from: string,
    to: string,
    categories: string[] | null,
    sources: string[] | null,
  ): Promise<{ category: string; agency: string; n: number }[]> {
    return this.db.query(sql('place-categories'), [JSON.stringify(footprint), from, to, categories, sources]);
  }

  /** A current police neighbourhood's id from its code, or undefined. */
  async policeNeighbourhoodId(code: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ id: string }>(sql('police-neighbourhood-by-code'), [code]);
    return row?.id;
  }
}
