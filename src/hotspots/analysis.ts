import { Disclosure } from '../auth/disclosure';
import { AnalysisLimitError } from '../errors';
import type { Loaders } from '../graphql/context';
import { toFilterParams } from '../incidents/incident-filter';
import { period } from '../incidents/period';

import { hotSpotCells, neighboursWithin } from './gistar';
import type { AnalysisScope, CellRow, ClusterMemberRow, HotspotsService } from './hotspots.service';
import {
  type AnalysisInput,
  BoundaryLevel,
  type BoundaryShare,
  CellShape,
  type Cluster,
  type HotspotCell,
  type HotspotInput,
  type HotspotResult,
} from './hotspots.types';

/**
 * Limits that keep every analysis bounded in time and memory (the statement timeout is the last
 * guard, and the embedded database has none). Grids are laid over the extent's bounding box, so
 * the box, not the polygon, decides how many cells are computed; the band decides how many pairs
 * of cells Gi* compares; and one response carries at most maxReturnedCells.
 */
export const LIMITS = {
  minCell: 25,
  maxCell: 5000,
  maxCells: 250_000,
  maxCellPairs: 10_000_000,
  maxBand: 50_000,
  maxReturnedCells: 20_000,
  minEps: 1,
  maxEps: 5000,
  minPoints: 2,
  maxPoints: 10_000,
};

const HEX_AREA = (3 * Math.sqrt(3)) / 2;

/**
 * Checks an analysis's filter and extent.
 * @returns the scope for the statements and a description of the extent
 */
export async function toScope(
  input: AnalysisInput,
  service: HotspotsService,
  loaders: Loaders,
  exactPoints: boolean,
): Promise<{ scope: AnalysisScope; extent: string; areaSqM: number; boxSqM: number }> {
  const p = period(input.from, input.to);
  const f = await toFilterParams(
    {
      categories: input.categories,
      from: p.from,
      to: p.to,
      wardCodes: input.wardCodes,
      areaCodes: input.areaCodes,
      bbox: input.bbox,
      within: input.within,
      sources: input.sources,
    },
    loaders,
    exactPoints,
  );
  const row = await service.extent(f.within, f.bbox, f.areaCodes, f.wardCodes);
  if (row.invalidReason) {
    throw new AnalysisLimitError(
      `within must be a valid polygon (no self-intersections, rings that close and do not cross), got one that is not: ${row.invalidReason}`,
    );
  }
  if (!row.geojson || !row.areaSqM || !row.boxSqM) {
    throw new AnalysisLimitError('the extent is empty: give a polygon, bbox, area or ward codes that cover some land');
  }
  const extent = f.within
    ? 'polygon'
    : f.bbox
      ? `bbox [${f.bbox.join(', ')}]`
      : f.areaCodes
        ? `areas ${f.areaCodes.join(', ')}`
        : f.wardCodes
          ? `wards ${f.wardCodes.join(', ')}`
          : 'whole city';
  return {
    scope: {
      extentGeoJSON: row.geojson,
      categories: f.categories,
      from: `${p.from}-01`,
      to: `${p.to}-01`,
      sources: f.sources,
      exactPoints,
    },
    extent,
    areaSqM: row.areaSqM,
    boxSqM: row.boxSqM,
  };
}

/** The default band: every interior cell's touching cells (8 squares, 6 hexagons) and no further ring. */
export function defaultBand(shape: CellShape, size: number): number {
  return shape === CellShape.SQUARE ? 1.5 * size : 2 * size;
}

/** Distance within which two cells touch (queen contiguity for squares). */
function touching(shape: CellShape, size: number): number {
  return (shape === CellShape.SQUARE ? Math.SQRT2 : Math.sqrt(3)) * size * 1.001;
}

/**
 * Checks a grid's size and band against LIMITS before anything is computed.
 * @param boxSqM the extent's bounding box, over which the grid is laid
 * @returns the band in metres
 */
function checkGrid(input: HotspotInput, boxSqM: number): number {
  const size = input.cellSizeMetres;
  if (!(size >= LIMITS.minCell && size <= LIMITS.maxCell)) {
    throw new AnalysisLimitError(`cellSizeMetres must be between ${LIMITS.minCell} and ${LIMITS.maxCell}, got ${size}`);
  }
  const band = input.bandMetres ?? defaultBand(input.cellShape, size);
  if (!(band >= size && band <= LIMITS.maxBand)) {
    throw new AnalysisLimitError(
      `bandMetres must be from the cell size (${size} m) to ${LIMITS.maxBand} m, got ${band}`,
    );
  }
  const cellArea = input.cellShape === CellShape.SQUARE ? size * size : HEX_AREA * size * size;
  const cells = Math.ceil(boxSqM / cellArea);
  if (cells > LIMITS.maxCells) {
    throw new AnalysisLimitError(
      `the extent's bounding box needs about ${cells} cells of ${size} m; at most ${LIMITS.maxCells} are computed: use larger cells or a smaller extent`,
    );
  }
  const perCell = Math.min(cells, (Math.PI * band * band) / cellArea);
  if (cells * perCell > LIMITS.maxCellPairs) {
    throw new AnalysisLimitError(
      `a band of ${band} m over about ${cells} cells compares about ${Math.round(cells * perCell)} pairs of cells; at most ${LIMITS.maxCellPairs} are compared: use a smaller band, larger cells or a smaller extent`,
    );
  }
  return band;
}

/**
 * Runs Gi* over the grid of an analysis, with exact counts (callers of the API get them through
 * the resolver, which withholds what the caller may not see).
 * @param exactPoints place street-scene reports at their exact points (officers only)
 */
export async function hotspots(
  input: HotspotInput,
  service: HotspotsService,
  loaders: Loaders,
  exactPoints: boolean,
): Promise<{ result: HotspotResult; rows: CellRow[]; scope: AnalysisScope }> {
  const { scope, extent, boxSqM } = await toScope(input, service, loaders, exactPoints);
  const band = checkGrid(input, boxSqM);
  const rows = await service.cells(scope, input.cellShape, input.cellSizeMetres);
  const neighbours = neighboursWithin(
    rows.map((r) => [r.x, r.y]),
    band,
  );
  const results = hotSpotCells(
    rows.map((r) => r.count),
    neighbours,
    input.fdr,
  );
  const warnings: string[] = [];
  if (rows.length > 0 && results.every((r) => r.zScore === null)) {
    warnings.push('every cell has the same count (S = 0): Gi* is undefined, so no cell is marked significant');
  }
  if (rows.every((r) => r.count === 0)) {
    warnings.push('no incident matches the filter in this period and extent');
  }
  const cells: HotspotCell[] = rows.map((r, k) => ({
    id: `${r.i}:${r.j}`,
    geometry: r.geometry,
    count: r.count,
    zScore: results[k].zScore,
    pValue: results[k].pValue,
    fdrPValue: input.fdr ? results[k].judgedP : null,
    confidence: results[k].bin,
    neighbourCount: neighbours[k].length - 1,
    wardCodes: r.wardCodes,
    areaCodes: r.areaCodes,
  }));
  const defaultRule =
    input.cellShape === CellShape.SQUARE
      ? '1.5 × cell size: the 8 touching squares'
      : '2 × edge: the 6 touching hexagons';
  return {
    rows,
    scope,
    result: {
      parameters: {
        from: input.from,
        to: input.to,
        categories: scope.categories,
        sources: scope.sources,
        extent,
        cellShape: input.cellShape,
        cellSizeMetres: input.cellSizeMetres,
        bandMetres: band,
        bandRule: input.bandMetres ? 'given' : `default, ${defaultRule}, so every cell has neighbours besides itself`,
        fdr: input.fdr,
        significantOnly: false,
      },
      cells,
      warnings,
      disclosure: Disclosure.EXACT,
    },
  };
}

/** Groups significant hot cells (confidence ≥ minLevel) into contiguous hot spots. */
export function hotSpotGroups(
  cells: HotspotCell[],
  rows: CellRow[],
  shape: CellShape,
  size: number,
  minLevel = 2,
): number[][] {
  const hot = cells.map((c, k) => ({ c, k })).filter(({ c }) => c.confidence >= minLevel);
  const links = neighboursWithin(
    hot.map(({ k }) => [rows[k].x, rows[k].y]),
    touching(shape, size),
  );
  const seen = new Set<number>();
  const groups: number[][] = [];
  hot.forEach((_, start) => {
    if (seen.has(start)) {
      return;
    }
    const group: number[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const at = queue.shift() as number;
      group.push(hot[at].k);
      for (const next of links[at]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    groups.push(group);
  });
  return groups;
}

/** Counts by unit turned into shares, largest first, named through the loaders. */
export async function shares(
  level: BoundaryLevel,
  counts: Map<string, number>,
  loaders: Loaders,
): Promise<BoundaryShare[]> {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const entries = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const names = await (level === BoundaryLevel.WARD ? loaders.wardByCode : loaders.areaByCode).loadMany(
    entries.map(([code]) => code),
  );
  return entries.map(([code, count], i) => {
    const named = names[i];
    return {
      level,
      code,
      name: named && !(named instanceof Error) ? named.name : code,
      count,
      share: total > 0 ? count / total : 0,
    };
  });
}

/** Clusters from their members: counts, categories, months and ward and area shares. */
export async function clustersFrom(
  members: ClusterMemberRow[],
  service: HotspotsService,
  loaders: Loaders,
  exactPoints: boolean,
): Promise<Cluster[]> {
  const byCluster = new Map<number, ClusterMemberRow[]>();
  for (const m of members) {
    const list = byCluster.get(m.cid);
    if (list) {
      list.push(m);
    } else {
      byCluster.set(m.cid, [m]);
    }
  }
  const shapes = new Map((await service.clusterShapes(members, exactPoints)).map((s) => [s.cid, s]));
  const tally = (values: (string | null)[]) => {
    const map = new Map<string, number>();
    for (const v of values) {
      if (v) {
        map.set(v, (map.get(v) ?? 0) + 1);
      }
    }
    return map;
  };
  return Promise.all(
    [...byCluster].map(async ([cid, list]) => {
      const months = list.map((m) => m.month).sort();
      return {
        id: cid,
        hull: shapes.get(cid)?.hull as Cluster['hull'],
        centroid: shapes.get(cid)?.centroid as Cluster['centroid'],
        count: list.length,
        categories: [...tally(list.map((m) => m.category))]
          .map(([category, count]) => ({ category, count }))
          .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
        firstMonth: months[0],
        lastMonth: months[months.length - 1],
        boundaries: [
          ...(await shares(BoundaryLevel.WARD, tally(list.map((m) => m.wardCode)), loaders)),
          ...(await shares(BoundaryLevel.AREA, tally(list.map((m) => m.areaCode)), loaders)),
        ],
      };
    }),
  );
}

/** Checks DBSCAN parameters. */
export function checkDbscan(eps: number, minPoints: number): void {
  if (!(eps >= LIMITS.minEps && eps <= LIMITS.maxEps)) {
    throw new AnalysisLimitError(`epsMetres must be between ${LIMITS.minEps} and ${LIMITS.maxEps}, got ${eps}`);
  }
  if (!(Number.isInteger(minPoints) && minPoints >= LIMITS.minPoints && minPoints <= LIMITS.maxPoints)) {
    throw new AnalysisLimitError(
      `minPoints must be a whole number from ${LIMITS.minPoints} to ${LIMITS.maxPoints}, got ${minPoints}`,
    );
  }
}

/** Most months a monthly analysis runs over (each month is one grid statement). */
export const MAX_MONTHS = 36;

export interface MonthlyGrid {
  months: string[];
  rows: CellRow[];
  /** Per month, per cell: count and whether it was hot at 95 % or more. */
  counts: number[][];
  hot: boolean[][];
}

/**
 * Gi* for each month of a period separately, on one grid.
 * @throws AnalysisLimitError beyond MAX_MONTHS months
 */
export async function monthlyGrid(
  input: HotspotInput,
  months: string[],
  service: HotspotsService,
  loaders: Loaders,
  exactPoints: boolean,
): Promise<MonthlyGrid> {
  if (months.length > MAX_MONTHS) {
    throw new AnalysisLimitError(`a monthly analysis covers at most ${MAX_MONTHS} months, got ${months.length}`);
  }
  const { scope, boxSqM } = await toScope(
    { ...input, from: months[0], to: months[months.length - 1] },
    service,
    loaders,
    exactPoints,
  );
  const band = checkGrid(input, boxSqM);
  let rows: CellRow[] = [];
  let neighbours: number[][] = [];
  const counts: number[][] = [];
  const hot: boolean[][] = [];
  for (const month of months) {
    const monthRows = await service.cells(
      { ...scope, from: `${month}-01`, to: `${month}-01` },
      input.cellShape,
      input.cellSizeMetres,
    );
    if (rows.length === 0) {
      rows = monthRows;
      neighbours = neighboursWithin(
        rows.map((r) => [r.x, r.y]),
        band,
      );
    }
    const x = monthRows.map((r) => r.count);
    counts.push(x);
    hot.push(hotSpotCells(x, neighbours, input.fdr).map((c) => c.bin >= 2));
  }
  return { months, rows, counts, hot };
}
