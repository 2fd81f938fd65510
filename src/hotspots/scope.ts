import { type Caller, seesExactPoints } from '../auth/caller';
import { type AnalysisSet, analysisSet, checkWardsInSet, monthsOnSet } from '../boundaries/analysis-set';
import type { Db } from '../db/db';
import { AnalysisLimitError, InvalidPeriodError } from '../errors';
import type { WardRow } from '../geography/geography.service';
import type { Loaders } from '../graphql/context';
import { COVERAGE_THRESHOLD, coverageGaps, type UnitGap } from '../incidents/coverage';
import type { CoverageExtent } from '../incidents/coverage.types';
import { toFilterParams } from '../incidents/incident-filter';
import { IncidentsService } from '../incidents/incidents.service';
import { type Period, period } from '../incidents/period';

import { type AnalysisScope, type ExtentRow, HotspotsService } from './hotspots.service';
import { type AnalysisInput, BoundaryLevel } from './hotspots.types';
import { keep } from './kept';

/**
 * What an analysis takes from the request context: its database handle, the loaders that check
 * and name codes, and the caller (whose role decides whether street-scene reports count at their
 * exact points). The request's HubContext is one.
 */
export interface AnalysisContext {
  db: Db;
  caller: Caller;
  loaders: Pick<Loaders, 'categoryBySlug' | 'wardByCode' | 'areaByCode' | 'policeNeighbourhoodById' | 'wardSets'>;
}

/** The statements of an analysis, bound to the request, and whether its points are exact. */
export function analysisOf(ctx: AnalysisContext): { service: HotspotsService; exactPoints: boolean } {
  return { service: new HotspotsService(ctx.db), exactPoints: seesExactPoints(ctx.caller) };
}

/** Extents built, by their request and the set's ward stamp; a few, most recent kept. */
const EXTENTS_KEPT = 32;
const extents = new Map<string, ExtentRow>();

/** Forgets every kept extent: for a benchmark's first request after a change of wards. */
export function forgetExtents(): void {
  extents.clear();
}

/**
 * The extent of a request, built once per polygon, box, areas, wards and ward set and kept until
 * a ward of the set changes (its stamp moves). An extent rests on the set's wards alone (a city
 * is the union of its wards, an area the wards named by it; a polygon or box on none), never on
 * incidents, so a data change does not rebuild it: the union of the city's outlines is the
 * dearest statement of an analysis after one.
 */
async function keptExtent(
  service: HotspotsService,
  within: string | null,
  bbox: number[] | null,
  areaCodes: string[] | null,
  wardCodes: string[] | null,
  setId: string,
): Promise<ExtentRow> {
  const stamp = await service.wardStamp(setId);
  const key = JSON.stringify([within, bbox, areaCodes, wardCodes, setId, stamp]);
  const row = extents.get(key) ?? (await service.extent(within, bbox, areaCodes, wardCodes, setId));
  keep(extents, key, row, EXTENTS_KEPT);
  return row;
}

/** A checked analysis extent: the scope for the statements, its description and its sizes. */
export interface CheckedScope {
  scope: AnalysisScope;
  extent: string;
  areaSqM: number;
  /** The bounding box's area: what a grid laid over the extent costs. */
  boxSqM: number;
  /** The ward set the analysis works on. */
  on: AnalysisSet;
  /** The months whose incidents are counted: the period, or the part of it the set held. */
  counted: Period;
  /** The months of the period left out because the set was not in force then. */
  monthsNotOnSet: string[];
  /**
   * Units of the extent without data of a source asked in some counted months: empty with
   * coveredOnly (they were cut out), or when not asked for (toScope's withCoverage). A promise:
   * on a server the test runs beside the analysis's own statements, and an analysis awaits it
   * when it writes its warnings (about 100 ms at 1,000,000 incidents, a third of a Gi*).
   */
  coverageGaps: Promise<UnitGap[]>;
}

/** Says which months an analysis on an earlier set left out, and why; null when none. */
export function monthsLeftOut(scope: CheckedScope): string | null {
  const { on, counted, monthsNotOnSet } = scope;
  if (monthsNotOnSet.length === 0) {
    return null;
  }
  const before = monthsNotOnSet.filter((m) => m < counted.from);
  const after = monthsNotOnSet.filter((m) => m > counted.to);
  const runs = [before, after].filter((r) => r.length > 0).map((r) => `${r[0]} to ${r[r.length - 1]}`);
  return `incidents of ${runs.join(' and ')} are not counted: ${on.set.id} was in force from ${on.set.validFrom} to ${on.set.validTo ?? 'today'} only`;
}

/**
 * Checks an analysis's filter, ward set and extent. The extent's areas and wards, and every ward
 * and area an incident is counted in, are those of the set; on an earlier set only the months it
 * was in force are counted.
 * @param withCoverage find the extent's coverage gaps (coverageGaps) for a warning; they are
 *   found anyway when the input asks for coveredOnly
 * @throws BAD_USER_INPUT errors from the incident filter, a ward of another set
 *   (WrongBoundarySetError) or a period the set never held; NOT_FOUND for a set not held;
 *   ANALYSIS_LIMIT for an invalid polygon or an extent that covers no land
 */
export async function toScope(ctx: AnalysisContext, input: AnalysisInput, withCoverage = false): Promise<CheckedScope> {
  const { service, exactPoints } = analysisOf(ctx);
  const p = period(input.from, input.to);
  const on = await analysisSet(ctx.loaders, input.boundarySet);
  const { counted, notOnSet } = monthsOnSet(on, p);
  if (!counted) {
    throw new InvalidPeriodError(
      `no month of ${p.from} to ${p.to} is on ${on.set.id}, in force from ${on.set.validFrom} to ${on.set.validTo ?? 'today'}: ` +
        'its incidents lie on the wards of another set; ask for a period the set held, or another boundarySet',
    );
  }
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
    ctx.loaders,
    exactPoints,
  );
  if (f.wardCodes) {
    checkWardsInSet((await ctx.loaders.wardByCode.loadMany(f.wardCodes)) as WardRow[], on.set);
  }
  const kept = await checkedExtent(service, f, on.set.id);
  const extent = f.within
    ? 'polygon'
    : f.bbox
      ? `bbox [${f.bbox.join(', ')}]`
      : f.areaCodes
        ? `areas ${f.areaCodes.join(', ')}`
        : f.wardCodes
          ? `wards ${f.wardCodes.join(', ')}`
          : 'whole city';
  // Only for an analysis that warns of gaps or cuts them out: the test costs a statement over
  // every unit of the city.
  const found =
    withCoverage || input.coveredOnly
      ? coverageGaps(new IncidentsService(ctx.db), counted, f.sources, kept.geojson, COVERAGE_THRESHOLD)
      : Promise.resolve([]);
  // Marked handled, so a failure of the analysis before it awaits the test is not also an
  // unhandled rejection; whoever awaits `found` still meets the test's own failure.
  found.catch(() => undefined);
  const gaps = input.coveredOnly ? await found : [];
  const row = input.coveredOnly && gaps.length > 0 ? await withoutGaps(service, kept.geojson, gaps) : kept;
  return {
    scope: {
      extentGeoJSON: row.geojson,
      categories: f.categories,
      from: `${counted.from}-01`,
      to: `${counted.to}-01`,
      sources: f.sources,
      exactPoints,
      setId: on.set.id,
      monthPlacement: on.placement === 'month',
      wardCodes: row.wardCodes,
    },
    extent: row === kept ? extent : extentWithoutGaps(extent, gaps),
    areaSqM: row.areaSqM,
    boxSqM: row.boxSqM,
    on,
    counted,
    monthsNotOnSet: notOnSet,
    coverageGaps: input.coveredOnly ? Promise.resolve([]) : found,
  };
}

/** A built extent that is a valid polygon covering some land. */
type LandExtent = ExtentRow & { geojson: string; areaSqM: number; boxSqM: number };

/**
 * The extent of a checked filter on a ward set, refused when it is no valid polygon or covers no land.
 * @throws AnalysisLimitError saying which
 */
async function checkedExtent(
  service: HotspotsService,
  f: { within: string | null; bbox: number[] | null; areaCodes: string[] | null; wardCodes: string[] | null },
  setId: string,
): Promise<LandExtent> {
  const row = await keptExtent(service, f.within, f.bbox, f.areaCodes, f.wardCodes, setId);
  if (row.invalidReason) {
    throw new AnalysisLimitError(
      `within must be a valid polygon (no self-intersections, rings that close and do not cross), got one that is not: ${row.invalidReason}`,
    );
  }
  if (!row.geojson || !row.areaSqM || !row.boxSqM) {
    throw new AnalysisLimitError('the extent is empty: give a polygon, bbox, area or ward codes that cover some land');
  }
  return row as LandExtent;
}

/** The distinct units of some gaps, named: 'ward Oakwood (E05…), police neighbourhood …'. */
function unitsNamed(gaps: readonly UnitGap[]): string {
  const level = (g: UnitGap) => (g.level === BoundaryLevel.WARD ? 'ward' : 'police neighbourhood');
  return [...new Set(gaps.map((g) => `${level(g)} ${g.name} (${g.code})`))].join(', ');
}

/** An extent's name with the units coveredOnly removed for their coverage gaps. */
export function extentWithoutGaps(extent: string, gaps: readonly UnitGap[]): string {
  return `${extent} without ${unitsNamed(gaps)} (coverage gaps)`;
}

/**
 * An extent without the units of its coverage gaps, whichever source and month each gap is of.
 * Built from incidents, so never kept with the extents (which rest on wards alone).
 * @throws AnalysisLimitError when no land is left
 */
async function withoutGaps(
  service: HotspotsService,
  extentGeoJSON: string,
  gaps: readonly UnitGap[],
): Promise<LandExtent> {
  const of = (level: BoundaryLevel) => [...new Set(gaps.filter((g) => g.level === level).map((g) => g.key))];
  const row = await service.extentWithout(
    extentGeoJSON,
    of(BoundaryLevel.WARD),
    of(BoundaryLevel.POLICE_NEIGHBOURHOOD).map(Number),
  );
  if (!row.geojson || !row.areaSqM || !row.boxSqM) {
    throw new AnalysisLimitError(
      `coveredOnly left no land: every unit of the extent has a coverage gap (${unitsNamed(gaps)}); ask without coveredOnly, or for another period or sources`,
    );
  }
  return row as LandExtent;
}

/**
 * The geometry (EPSG:4326 GeoJSON) of an extent for dataQuality's coverage, on the current ward
 * set; null for the whole city, which needs no geometry.
 * @throws BAD_USER_INPUT errors from the incident filter (unknown codes, a bad box or polygon);
 *   ANALYSIS_LIMIT for an invalid polygon or an extent that covers no land
 */
export async function coverageExtentOf(
  ctx: AnalysisContext,
  e: CoverageExtent | null | undefined,
): Promise<string | null> {
  if (!e || !(e.within || e.bbox || e.areaCodes?.length || e.wardCodes?.length)) {
    return null;
  }
  const f = await toFilterParams(
    { wardCodes: e.wardCodes, areaCodes: e.areaCodes, bbox: e.bbox, within: e.within },
    ctx.loaders,
    false,
  );
  const on = await analysisSet(ctx.loaders, null);
  if (f.wardCodes) {
    checkWardsInSet((await ctx.loaders.wardByCode.loadMany(f.wardCodes)) as WardRow[], on.set);
  }
  return (await checkedExtent(analysisOf(ctx).service, f, on.set.id)).geojson;
}
