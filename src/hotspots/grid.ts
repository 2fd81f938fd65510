import { Disclosing, Disclosure } from '../auth/disclosure';
import { AnalysisLimitError } from '../errors';
import { connectedPieces } from '../geography/contiguity';

import { hotSpotCells, neighboursWithin } from './gistar';
import type { AnalysisScope, CellRow } from './hotspots.service';
import { CellShape, type HotspotCell, type HotspotInput, type HotspotResult } from './hotspots.types';
import { type AnalysisContext, analysisOf, monthsLeftOut, toScope } from './scope';

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

/** A Gi* analysis with exact counts, and the rows and scope it was computed from. */
export interface GridAnalysis {
  result: HotspotResult;
  rows: CellRow[];
  scope: AnalysisScope;
}

/**
 * Runs Gi* over the grid of an analysis, with exact counts: for the other analyses, which
 * withhold what the caller may not see in what they return (hotspotsFor does it for cells).
 */
export async function gridAnalysis(ctx: AnalysisContext, input: HotspotInput): Promise<GridAnalysis> {
  const { service } = analysisOf(ctx);
  const checked = await toScope(ctx, input);
  const { scope, extent, boxSqM, on } = checked;
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
  const leftOut = monthsLeftOut(checked);
  if (leftOut) {
    warnings.push(leftOut);
  }
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
  let rows: CellRow[] = [];
  let neighbours: number[][] = [];
  const counts: number[][] = [];
  const hot: boolean[][] = [];
  for (const month of held) {
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
  return { months: held, boundarySet: on.set.id, rows, counts, hot };
}
