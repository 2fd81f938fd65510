import type { Geometry, Point, Polygon } from 'geojson';

import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';

import { BACKGROUND_ALPHA } from './density';

/** Where and what to analyse, validated; months are first days, NULL means unfiltered. */
export interface AnalysisScope {
  extentGeoJSON: string;
  categories: string[] | null;
  from: string;
  to: string;
  sources: string[] | null;
  /** Place street-scene reports at their exact points (officers) or their published ones. */
  exactPoints: boolean;
  /** The ward set whose wards and areas cells and incidents are named by. */
  setId: string;
  /**
   * Name incidents by the ward and area of their month (an earlier set, over the months it held)
   * rather than by those of the current set.
   */
  monthPlacement: boolean;
  /**
   * The wards of setId whose union the extent is, or null (a polygon, a box, or units cut out).
   * With them, an analysis may take the incidents placed in those wards (each incident is placed
   * in one ward) instead of testing every point against the outline.
   */
  wardCodes: string[] | null;
}

export interface ExtentRow {
  geojson: string | null;
  areaSqM: number | null;
  /** The bounding box's area: what a grid over the extent costs. */
  boxSqM: number | null;
  /** Why the extent is not a valid polygon (PostGIS's words); null when it is valid. */
  invalidReason: string | null;
  /** The wards of the set the extent is the union of (a city, areas or wards); null for a polygon or box. */
  wardCodes: string[] | null;
}

export interface CellRow {
  i: number;
  j: number;
  count: number;
  x: number;
  y: number;
  /** The cell's bounds in EPSG:27700, [xmin, ymin, xmax, ymax]. */
  bounds: number[];
  geometry: Polygon;
  wardCodes: string[];
  areaCodes: string[];
}

/** Incidents of one cell. */
export interface CellCountRow {
  i: number;
  j: number;
  n: number;
}

/** Incidents of one cell in one month ('YYYY-MM'), from incident_cell_count. */
export interface CellMonthRow {
  i: number;
  j: number;
  month: string;
  n: number;
}

/** The lowest and highest i and j of a grid's cells. */
export interface CellBox {
  iMin: number;
  iMax: number;
  jMin: number;
  jMax: number;
}

export interface CellUnitRow {
  i: number;
  j: number;
  wardCode: string | null;
  areaCode: string | null;
  policeNeighbourhoodId: number | null;
  n: number;
}

/** The incidents clusters.sql took, the extent's area and the minimum points it clustered with. */
/** A level clusters.sql tallies incidents by, as it names them. */
export type ClusterUnitLevel = 'ward' | 'area' | 'neighbourhood';

export interface ClusterThresholdRow {
  incidents: number;
  areaSqM: number;
  /** The caller's, or chosen by densityThreshold's rule. */
  minPoints: number;
}

/** One DBSCAN cluster, summed in clusters.sql. */
export interface ClusterRow {
  /** Its number in this run, from 0 in the order of its first incident. */
  cid: number;
  count: number;
  firstMonth: string;
  lastMonth: string;
  hull: Geometry;
  centroid: Point;
  /** The hull's area as a share of the extent's. */
  extentShare: number;
  /** The first 16 hex digits of the sha256 of its incident ids, placeKey's rule for a cluster. */
  hash: string;
  /** Incidents per category slug, ward code, area code and police neighbourhood id. */
  categories: Record<string, number>;
  wards: Record<string, number>;
  areas: Record<string, number>;
  neighbourhoods: Record<string, number>;
}

/** One source's points over an analysis's extent and period, measured by snapping.sql. */
export interface SnappingRow {
  source: string;
  incidents: number;
  distinctPoints: number;
  meanPerPoint: number;
  medianPerPoint: number;
  maxPerPoint: number;
  /** Median distance from each distinct point to the nearest other; null with fewer than two. */
  spacingMetres: number | null;
}

const sql = (name: string) => sqlFile(__dirname, name);

function scopeParams(s: AnalysisScope): unknown[] {
  return [s.categories, s.from, s.to, s.sources];
}

/** Runs the hot-spot and cluster statements. The only place hot-spot SQL runs. */
export class HotspotsService {
  constructor(private readonly db: Db) {}

  /** @param setId the ward set whose wards make up areas, wards and the city */
  async extent(
    polygon: string | null,
    bbox: number[] | null,
    areaCodes: string[] | null,
    wardCodes: string[] | null,
    setId: string,
  ): Promise<ExtentRow> {
    return (await this.db.query<ExtentRow>(sql('extent'), [polygon, bbox, areaCodes, wardCodes, setId]))[0];
  }

  /** An extent without some wards and police neighbourhoods (by id), sized as extent gives it. */
  async extentWithout(extentGeoJSON: string, wardCodes: string[], neighbourhoodIds: number[]): Promise<ExtentRow> {
    return (await this.db.query<ExtentRow>(sql('extent-without'), [extentGeoJSON, wardCodes, neighbourhoodIds]))[0];
  }

  /** Per cell of a grid's box ([xmin, ymin, xmax, ymax] in EPSG:27700), the scope's incidents, counted from incident. */
  cellCounts(
    scope: AnalysisScope,
    shape: 'square' | 'hexagon',
    size: number,
    box: readonly number[],
  ): Promise<CellCountRow[]> {
    return this.db.query<CellCountRow>(sql('cells'), [box, shape, size, ...scopeParams(scope), scope.exactPoints]);
  }

  /** A grid's cells with their wards and areas, no counts (every count 0): the one rule for a grid's cells. */
  gridCells(extentGeoJSON: string, shape: 'square' | 'hexagon', size: number, setId: string): Promise<CellRow[]> {
    return this.db.query<CellRow>(sql('grid-cells'), [extentGeoJSON, shape, size, setId]);
  }

  /** What a laid grid's ward names rest on: changes whenever a ward of the set does. */
  async wardStamp(setId: string): Promise<string> {
    return (await this.db.query<{ stamp: string }>(sql('ward-stamp'), [setId]))[0].stamp;
  }

  /** The data version analyses rest on, and whether this transaction has written anything. */
  async dataVersion(): Promise<{ version: string; clean: boolean }> {
    return (await this.db.query<{ version: string; clean: boolean }>(sql('data-version')))[0];
  }

  /** Per cell of the box and month, the scope's incidents, from incident_cell_count (size counted there). */
  cellMonthCounts(scope: AnalysisScope, size: number, box: CellBox): Promise<CellMonthRow[]> {
    return this.db.query<CellMonthRow>(sql('cell-month-counts'), [
      size,
      scope.from,
      scope.to,
      scope.categories,
      scope.sources,
      scope.exactPoints,
      box.iMin,
      box.iMax,
      box.jMin,
      box.jMax,
    ]);
  }

  cellUnits(
    scope: AnalysisScope,
    shape: 'square' | 'hexagon',
    size: number,
    cells: { i: number; j: number }[],
  ): Promise<CellUnitRow[]> {
    return this.db.query<CellUnitRow>(sql('cell-units'), [
      scope.extentGeoJSON,
      shape,
      size,
      ...scopeParams(scope),
      cells.map((c) => c.i),
      cells.map((c) => c.j),
      scope.exactPoints,
      scope.monthPlacement,
    ]);
  }

  /** As cellUnits, summed from incident_cell_count (a square size counted there). */
  cellUnitsKept(scope: AnalysisScope, size: number, cells: { i: number; j: number }[]): Promise<CellUnitRow[]> {
    return this.db.query<CellUnitRow>(sql('cell-units-kept'), [
      size,
      scope.from,
      scope.to,
      scope.categories,
      scope.sources,
      scope.exactPoints,
      cells.map((c) => c.i),
      cells.map((c) => c.j),
      scope.monthPlacement,
    ]);
  }

  /**
   * DBSCAN's clusters of the scope's incidents, one row each, by number, and the threshold.
   * @param minPoints null: chosen from the data by densityThreshold's rule, which the caller checks
   * @param crossing only the clusters whose incidents lie in more than one unit of this level; null for all
   */
  async clusters(
    scope: AnalysisScope,
    eps: number,
    minPoints: number | null,
    crossing: ClusterUnitLevel | null = null,
  ): Promise<{ threshold: ClusterThresholdRow; clusters: ClusterRow[] }> {
    const rows = await this.db.query<ClusterThresholdRow & (ClusterRow | { cid: null })>(sql('clusters'), [
      scope.extentGeoJSON,
      eps,
      minPoints,
      ...scopeParams(scope),
      scope.exactPoints,
      scope.monthPlacement,
      BACKGROUND_ALPHA,
      scope.wardCodes,
      crossing,
    ]);
    const { incidents, areaSqM, minPoints: chosen } = rows[0];
    return {
      threshold: { incidents, areaSqM, minPoints: chosen },
      clusters: rows.filter((r): r is ClusterThresholdRow & ClusterRow => r.cid !== null),
    };
  }

  /**
   * Per source of the scope's incidents, its distinct points, incidents per point and their typical spacing.
   * @param spaced the sources whose spacing is measured (and any whose points are shared); null for every one
   */
  snapping(scope: AnalysisScope, spaced: string[] | null): Promise<SnappingRow[]> {
    return this.db.query<SnappingRow>(sql('snapping'), [
      scope.extentGeoJSON,
      ...scopeParams(scope),
      scope.exactPoints,
      spaced,
    ]);
  }
}
