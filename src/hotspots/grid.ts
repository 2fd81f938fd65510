import { createHash } from 'node:crypto';

import { seesExactPoints } from '../auth/caller';
import { Disclosing, Disclosure } from '../auth/disclosure';
import { AnalysisLimitError } from '../errors';
import { connectedPieces } from '../geography/contiguity';
import { coverageWarning } from '../incidents/coverage';

import { COUNTED_SIZES } from './counted-sizes';
import { hotSpotCells, neighboursWithin } from './gistar';
import type { AnalysisScope, CellRow, HotspotsService } from './hotspots.service';
import { CellShape, type HotspotCell, type HotspotInput, type HotspotResult } from './hotspots.types';
import { keep } from './kept';
import { type AnalysisContext, analysisOf, monthsLeftOut, toScope } from './scope';
import { snappingIn, snappingWarnings } from './snapping';

/**
 * Limits that keep every grid analysis bounded in time and memory (the statement timeout is the
 * last guard, and the embedded database has none). Grids are laid over the extent's bounding
 * box, so the box, not the polygon, decides how many cells are computed; the band decides how
 * many pairs of cells Gi* compares; and one response carries at most maxReturnedCells.
 */
export const GRID_LIMITS = {
  minCell: 25,
  maxCell: 5000,
  maxCells: 250_000,
  maxCellPairs: 10_000_000,
  maxBand: 50_000,
  maxReturnedCells: 20_000,
};

/** Most months a monthly analysis runs over (each month is one grid statement). */
export const MAX_MONTHS = 36;

const HEX_AREA = (3 * Math.sqrt(3)) / 2;

/** The default band: every interior cell's touching cells (8 squares, 6 hexagons) and no further ring. */
function defaultBand(shape: CellShape, size: number): number {
  return shape === CellShape.SQUARE ? 1.5 * size : 2 * size;
}

/** Distance within which two cells touch (queen contiguity for squares). */
function touching(shape: CellShape, size: number): number {
  return (shape === CellShape.SQUARE ? Math.SQRT2 : Math.sqrt(3)) * size * 1.001;
}

/**
 * Checks a grid's size and band against GRID_LIMITS before anything is computed.
 * @param boxSqM the extent's bounding box, over which the grid is laid
 * @returns the band in metres
 */
function checkGrid(input: HotspotInput, boxSqM: number): number {
  const size = input.cellSizeMetres;
  const { minCell, maxCell, maxBand, maxCells, maxCellPairs } = GRID_LIMITS;
  if (!(size >= minCell && size <= maxCell)) {
    throw new AnalysisLimitError(`cellSizeMetres must be between ${minCell} and ${maxCell}, got ${size}`);
  }
  const band = input.bandMetres ?? defaultBand(input.cellShape, size);
  if (!(band >= size && band <= maxBand)) {
    throw new AnalysisLimitError(`bandMetres must be from the cell size (${size} m) to ${maxBand} m, got ${band}`);
  }
  const cellArea = input.cellShape === CellShape.SQUARE ? size * size : HEX_AREA * size * size;
  const cells = Math.ceil(boxSqM / cellArea);
  if (cells > maxCells) {
    throw new AnalysisLimitError(
      `the extent's bounding box needs about ${cells} cells of ${size} m; at most ${maxCells} are computed: use larger cells or a smaller extent`,
    );
  }
  const perCell = Math.min(cells, (Math.PI * band * band) / cellArea);
  if (cells * perCell > maxCellPairs) {
    throw new AnalysisLimitError(
      `a band of ${band} m over about ${cells} cells compares about ${Math.round(cells * perCell)} pairs of cells; at most ${maxCellPairs} are compared: use a smaller band, larger cells or a smaller extent`,
    );
  }
  return band;
}

/**
 * Cells this size or larger are not checked against the spacing of snapped points. Measuring it
 * reads every incident of the period and extent (1.4 s for a city's year at 1,000,000 incidents),
 * where a grid of a counted size is summed from kept counts in about 200 ms; and police.uk's map
 * points in a city are about 100 m apart (Derby's real month: median 103 m), so cells of 250 m or
 * more are above it there. dataQuality's snapping measures any extent, rural ones included.
 */
export const SNAPPING_CHECKED_BELOW_METRES = 250;

/**
 * Whether grids of COUNTED_SIZES read incident_cell_count. Turned off only by the tests that
 * compare the two paths on the same data.
 */
export const cellCountPath = { enabled: true };

/** Grids laid, by extent, shape, size, ward set and the set's ward stamp; a few, most recent kept. */
const GRIDS_KEPT = 8;
const grids = new Map<string, CellRow[]>();

/** Analyses kept, by data version, input and whether points are exact; a few, most recent kept. */
const ANALYSES_KEPT = 16;
const analyses = new Map<string, GridAnalysis>();

/** Forgets every kept analysis (not the laid grids): for a benchmark's request after a data change. */
export function forgetGridAnalyses(): void {
  analyses.clear();
}

/** Forgets every laid grid: for a benchmark's first request after a change of wards. */
export function forgetGrids(): void {
  grids.clear();
}

/**
 * The grid's cells with their wards and areas (counts 0), laid once per extent, shape, size and
 * ward set and kept until a ward of the set changes (its stamp moves): incidents come and go
 * under a grid that stays, so a data change costs only the counts.
 */
async function laidGrid(service: HotspotsService, scope: AnalysisScope, shape: CellShape, size: number) {
  const stamp = await service.wardStamp(scope.setId);
  const key = createHash('sha1')
    .update(JSON.stringify([scope.extentGeoJSON, shape, size, scope.setId, stamp]))
    .digest('hex');
  const kept = grids.get(key);
  const rows = kept ?? (await service.gridCells(scope.extentGeoJSON, shape, size, scope.setId));
  keep(grids, key, rows, GRIDS_KEPT);
  return rows;
}

/**
 * Per month ('YYYY-MM') of the scope's period holding any, each grid cell's incidents (aligned
 * with `rows`), summed from incident_cell_count in one statement.
 */
async function monthCounts(
  service: HotspotsService,
  scope: AnalysisScope,
  size: number,
  rows: readonly CellRow[],
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (rows.length === 0) {
    return out;
  }
  const at = new Map(rows.map((r, k) => [`${r.i}:${r.j}`, k]));
  const is = rows.map((r) => r.i);
  const js = rows.map((r) => r.j);
  const box = { iMin: Math.min(...is), iMax: Math.max(...is), jMin: Math.min(...js), jMax: Math.max(...js) };
  for (const c of await service.cellMonthCounts(scope, size, box)) {
    // A cell of the box outside the grid is not counted (nor does cells.sql count it).
    const k = at.get(`${c.i}:${c.j}`);
    if (k !== undefined) {
      const x = out.get(c.month) ?? rows.map(() => 0);
      x[k] += c.n;
      out.set(c.month, x);
    }
  }
  return out;
}

/** Whether a grid of this shape and size is counted from incident_cell_count. */
export function countsKept(shape: CellShape, size: number): boolean {
  return cellCountPath.enabled && shape === CellShape.SQUARE && COUNTED_SIZES.includes(size);
}

/** The grid's cells with the scope's counts: summed from kept counts for a counted size, else counted. */
async function countedCells(
  service: HotspotsService,
  scope: AnalysisScope,
  shape: CellShape,
  size: number,
): Promise<CellRow[]> {
  const rows = await laidGrid(service, scope, shape, size);
  if (!countsKept(shape, size)) {
    return countedInGrid(service, scope, shape, size, rows);
  }
  const totals = rows.map(() => 0);
  for (const x of (await monthCounts(service, scope, size, rows)).values()) {
    x.forEach((n, k) => {
      totals[k] += n;
    });
  }
  return rows.map((r, k) => ({ ...r, count: totals[k] }));
}

/**
 * A laid grid's cells with the scope's incidents counted from incident (cells.sql) inside the
 * grid's box, the union of its cells' bounds; a cell of the box outside the grid is not counted.
 */
async function countedInGrid(
  service: HotspotsService,
  scope: AnalysisScope,
  shape: CellShape,
  size: number,
  rows: readonly CellRow[],
): Promise<CellRow[]> {
  if (rows.length === 0) {
    return [];
  }
  const box = [
    Math.min(...rows.map((r) => r.bounds[0])),
    Math.min(...rows.map((r) => r.bounds[1])),
    Math.max(...rows.map((r) => r.bounds[2])),
    Math.max(...rows.map((r) => r.bounds[3])),
  ];
  const counts = new Map(
    (await service.cellCounts(scope, shape, size, box)).map((c) => [`${c.i}:${c.j}`, c.n] as const),
  );
  return rows.map((r) => ({ ...r, count: counts.get(`${r.i}:${r.j}`) ?? 0 }));
}

/** A Gi* analysis with exact counts, and the rows and scope it was computed from. */
export interface GridAnalysis {
  result: HotspotResult;
  rows: CellRow[];
  scope: AnalysisScope;
}

/**
 * Runs Gi* over the grid of an analysis, with exact counts: for the other analyses, which
 * withhold what the caller may not see in what they return (hotspotsFor does it for cells).
 * An analysis depends on incidents and geography only, so it is kept under the data version
 * (bumped by every change to those tables) with its input and whether points are exact: the
 * same request again before the data changes is answered from memory. Never from or into a
 * transaction that has written (its changes may roll back).
 */
export async function gridAnalysis(ctx: AnalysisContext, input: HotspotInput): Promise<GridAnalysis> {
  const { service } = analysisOf(ctx);
  const { version, clean } = await service.dataVersion();
  const key = JSON.stringify([version, input, seesExactPoints(ctx.caller), cellCountPath.enabled]);
  const kept = clean ? analyses.get(key) : undefined;
  if (kept) {
    keep(analyses, key, kept, ANALYSES_KEPT);
    return kept;
  }
  const analysis = await analyse(ctx, input);
  if (clean) {
    keep(analyses, key, analysis, ANALYSES_KEPT);
  }
  return analysis;
}

async function analyse(ctx: AnalysisContext, input: HotspotInput): Promise<GridAnalysis> {
  const { service } = analysisOf(ctx);
  const checked = await toScope(ctx, input, true);
  const { scope, extent, boxSqM, on } = checked;
  const band = checkGrid(input, boxSqM);
  const rows = await countedCells(service, scope, input.cellShape, input.cellSizeMetres);
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
  const leftOut = monthsLeftOut(checked);
  if (leftOut) {
    warnings.push(leftOut);
  }
  const uncovered = coverageWarning(await checked.coverageGaps);
  if (uncovered) {
    warnings.push(uncovered);
  }
  if (rows.length > 0 && results.every((r) => r.zScore === null)) {
    warnings.push('every cell has the same count (S = 0): Gi* is undefined, so no cell is marked significant');
  }
  if (rows.every((r) => r.count === 0)) {
    warnings.push('no incident matches the filter in this period and extent');
  }
  // Part of the analysis, so a kept analysis carries it too.
  if (input.cellSizeMetres < SNAPPING_CHECKED_BELOW_METRES) {
    warnings.push(
      ...snappingWarnings(await snappingIn(service, scope), input.cellSizeMetres, 'a cell size of', 'cellSizeMetres'),
    );
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
    boundarySetId: on.set.id,
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
        boundarySet: on.set.id,
      },
      cells,
      warnings,
      disclosure: Disclosure.EXACT,
    },
  };
}

/**
 * The hotspots query: Gi* over the grid, the cells the caller asked for (all, or the significant
 * ones) and their counts as the caller may see them.
 * @throws ANALYSIS_LIMIT when more than GRID_LIMITS.maxReturnedCells cells would be returned
 */
export async function hotspotsFor(
  ctx: AnalysisContext,
  input: HotspotInput,
  significantOnly: boolean,
): Promise<HotspotResult> {
  const { result } = await gridAnalysis(ctx, input);
  const cells = significantOnly ? result.cells.filter((c) => c.confidence !== 0) : result.cells;
  const { maxReturnedCells } = GRID_LIMITS;
  if (cells.length > maxReturnedCells) {
    throw new AnalysisLimitError(
      `the analysis found ${cells.length} ${significantOnly ? 'significant ' : ''}cells and a response holds at most ${maxReturnedCells}: ${significantOnly ? '' : 'ask for significantOnly, or '}use larger cells or a smaller extent`,
    );
  }
  const disclosing = new Disclosing(ctx.caller);
  return {
    ...result,
    parameters: { ...result.parameters, significantOnly },
    cells: cells.map((c) => ({ ...c, count: disclosing.count(c.count as number) })),
    disclosure: disclosing.disclosure,
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
  return connectedPieces(
    hot.map((_, i) => i),
    (i) => links[i],
  ).map((piece) => piece.map((i) => hot[i].k));
}

export interface MonthlyGrid {
  /** The months analysed: those asked for, less any the ward set did not hold. */
  months: string[];
  /** The ward set the cells' wards and areas are of. */
  boundarySet: string;
  rows: CellRow[];
  /** Per month, per cell: count and whether it was hot at 95 % or more. */
  counts: number[][];
  hot: boolean[][];
}

/**
 * Gi* for each month of a period separately, on one grid; on an earlier ward set, only the
 * months it held.
 * @throws ANALYSIS_LIMIT beyond MAX_MONTHS months
 */
export async function monthlyGrid(ctx: AnalysisContext, input: HotspotInput, months: string[]): Promise<MonthlyGrid> {
  if (months.length > MAX_MONTHS) {
    throw new AnalysisLimitError(`a monthly analysis covers at most ${MAX_MONTHS} months, got ${months.length}`);
  }
  const { service } = analysisOf(ctx);
  const { scope, boxSqM, on, counted } = await toScope(ctx, {
    ...input,
    from: months[0],
    to: months[months.length - 1],
  });
  const band = checkGrid(input, boxSqM);
  const held = months.filter((m) => m >= counted.from && m <= counted.to);
  if (countsKept(input.cellShape, input.cellSizeMetres)) {
    // One statement for every month, over a grid laid once.
    const rows = held.length > 0 ? await laidGrid(service, scope, input.cellShape, input.cellSizeMetres) : [];
    const byMonth = await monthCounts(
      service,
      { ...scope, from: `${held[0]}-01`, to: `${held[held.length - 1]}-01` },
      input.cellSizeMetres,
      rows,
    );
    const neighbours = neighboursWithin(
      rows.map((r) => [r.x, r.y]),
      band,
    );
    const counts = held.map((m) => byMonth.get(m) ?? rows.map(() => 0));
    const hot = counts.map((x) => hotSpotCells(x, neighbours, input.fdr).map((c) => c.bin >= 2));
    // Rows as the counting path gives them: counts of the first month.
    const first = counts[0] ?? [];
    return {
      months: held,
      boundarySet: on.set.id,
      rows: rows.map((r, k) => ({ ...r, count: first[k] ?? 0 })),
      counts,
      hot,
    };
  }
  const grid = held.length > 0 ? await laidGrid(service, scope, input.cellShape, input.cellSizeMetres) : [];
  const neighbours = neighboursWithin(
    grid.map((r) => [r.x, r.y]),
    band,
  );
  let rows: CellRow[] = [];
  const counts: number[][] = [];
  const hot: boolean[][] = [];
  for (const month of held) {
    const monthRows = await countedInGrid(
      service,
      { ...scope, from: `${month}-01`, to: `${month}-01` },
      input.cellShape,
      input.cellSizeMetres,
      grid,
    );
    if (rows.length === 0) {
      rows = monthRows;
    }
    const x = monthRows.map((r) => r.count);
    counts.push(x);
    hot.push(hotSpotCells(x, neighbours, input.fdr).map((c) => c.bin >= 2));
  }
  return { months: held, boundarySet: on.set.id, rows, counts, hot };
}
