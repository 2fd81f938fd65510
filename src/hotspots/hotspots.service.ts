import type { Geometry, Point, Polygon } from 'geojson';

import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';

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
}

export interface ExtentRow {
  geojson: string | null;
  areaSqM: number | null;
  /** The bounding box's area: what a grid over the extent costs. */
  boxSqM: number | null;
  /** Why the extent is not a valid polygon (PostGIS's words); null when it is valid. */
  invalidReason: string | null;
}

export interface CellRow {
  i: number;
  j: number;
  count: number;
  x: number;
  y: number;
  geometry: Polygon;
  wardCodes: string[];
  areaCodes: string[];
}

export interface CellUnitRow {
  i: number;
  j: number;
  wardCode: string | null;
  areaCode: string | null;
  policeNeighbourhoodId: number | null;
  n: number;
}

export interface ClusterMemberRow {
  cid: number;
  id: string;
  category: string;
  month: string;
  wardCode: string | null;
  areaCode: string | null;
  policeNeighbourhoodId: number | null;
  x: number;
  y: number;
}

export interface ClusterShapeRow {
  cid: number;
  hull: Geometry;
  centroid: Point;
  /** The hull's area as a share of the extent's. */
  extentShare: number;
}

export interface ClusterBackgroundRow {
  incidents: number;
  areaSqM: number;
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

  cells(scope: AnalysisScope, shape: 'square' | 'hexagon', size: number): Promise<CellRow[]> {
    return this.db.query<CellRow>(sql('cells'), [
      scope.extentGeoJSON,
      shape,
      size,
      ...scopeParams(scope),
      scope.exactPoints,
      scope.setId,
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

  clusterMembers(scope: AnalysisScope, eps: number, minPoints: number): Promise<ClusterMemberRow[]> {
    return this.db.query<ClusterMemberRow>(sql('clusters'), [
      scope.extentGeoJSON,
      eps,
      minPoints,
      ...scopeParams(scope),
      scope.exactPoints,
      scope.monthPlacement,
    ]);
  }

  /** The incidents a cluster analysis takes and the extent's area, for choosing minPoints. */
  async clusterBackground(scope: AnalysisScope): Promise<ClusterBackgroundRow> {
    return (
      await this.db.query<ClusterBackgroundRow>(sql('cluster-background'), [scope.extentGeoJSON, ...scopeParams(scope)])
    )[0];
  }

  clusterShapes(
    members: { cid: number; id: string }[],
    exactPoints: boolean,
    extentGeoJSON: string,
  ): Promise<ClusterShapeRow[]> {
    return this.db.query<ClusterShapeRow>(sql('cluster-shapes'), [
      members.map((m) => m.cid),
      members.map((m) => m.id),
      exactPoints,
      extentGeoJSON,
    ]);
  }
}
