import { LimitExceededError, UnknownSourceError } from '../errors';
import { BoundaryLevel } from '../hotspots/hotspots.types';
import { keep } from '../hotspots/kept';

import type { CoverageGap } from './coverage.types';
import type { CoverageUnitRow, IncidentsService } from './incidents.service';
import type { Period } from './period';

/**
 * The Poisson probability of no incident below which a unit's zero is read as missing data rather
 * than chance: 0.1 %. At this level a city of 200 wards tested over 12 months expects about two
 * chance zeros among units whose expected count is near 7; a unit cut out of a feed is far below
 * it (an expected 20 gives 2 × 10⁻⁹).
 */
export const COVERAGE_THRESHOLD = 0.001;

/** A unit's gap in one source. */
export interface UnitGap extends CoverageGap {
  source: string;
  /** The ward code, or the neighbourhood id as text. */
  key: string;
}

/**
 * The threshold a request asked for, or the default.
 * @throws LimitExceededError (BAD_USER_INPUT) outside 0 < p < 1
 */
export function checkThreshold(p: number | null | undefined): number {
  if (p === null || p === undefined) {
    return COVERAGE_THRESHOLD;
  }
  if (!(p > 0 && p < 1)) {
    throw new LimitExceededError('coverageThreshold', 'a probability between 0 and 1, both excluded', p);
  }
  return p;
}

/**
 * The sources asked for, each one the hub holds; null when none were named (all).
 * @throws UnknownSourceError (BAD_USER_INPUT) naming the sources held
 */
export async function checkSources(
  service: IncidentsService,
  asked: string[] | null | undefined,
): Promise<string[] | null> {
  if (!asked || asked.length === 0) {
    return null;
  }
  const known = await service.sources();
  const unknown = asked.filter((s) => !known.includes(s));
  if (unknown.length > 0) {
    throw new UnknownSourceError(known, unknown);
  }
  return asked;
}

/** The test a gap passed, in words. */
export function coverageRule(threshold: number): string {
  return (
    `a unit holds no incident of the source in the month while exp(−expected) < ${threshold}, ` +
    "expected being the city's count that month (incidents of the source placed in a unit of the level) times the unit's share " +
    "of the level's mid-2020 population (or of its land when the hub holds no population)"
  );
}

/** The units and shares of the geographies seen lately, by their stamp (the geography they rest on). */
const keptUnits = new Map<string, CoverageUnitRow[]>();
const UNITS_KEPT = 4;

/**
 * The coverage gaps of a period, one per source and unit, months oldest first.
 * @param sources the sources to test, or null for all
 * @param extentGeoJSON only units whose land overlaps it, or null for the city
 */
export async function coverageGaps(
  service: IncidentsService,
  p: Period,
  sources: string[] | null,
  extentGeoJSON: string | null,
  threshold: number,
): Promise<UnitGap[]> {
  const stamp = await service.coverageUnitsStamp();
  let units = keptUnits.get(stamp);
  if (!units) {
    units = await service.coverageUnits();
    keep(keptUnits, stamp, units, UNITS_KEPT);
  }
  const rows = await service.coverageGaps(`${p.from}-01`, `${p.to}-01`, sources, extentGeoJSON, threshold, units);
  const gaps = new Map<string, UnitGap>();
  for (const r of rows) {
    const id = JSON.stringify([r.source, r.level, r.key]);
    const gap = gaps.get(id) ?? {
      source: r.source,
      key: r.key,
      level: r.level as BoundaryLevel,
      code: r.code,
      name: r.name,
      basis: r.basis,
      months: [],
    };
    gap.months.push({
      month: r.month,
      cityCount: r.cityCount,
      expected: r.expected,
      probabilityOfNone: Math.exp(-r.expected),
    });
    gaps.set(id, gap);
  }
  return [...gaps.values()];
}

const LEVEL_NAME: Record<string, string> = {
  [BoundaryLevel.WARD]: 'ward',
  [BoundaryLevel.POLICE_NEIGHBOURHOOD]: 'police neighbourhood',
};

/** What an analysis that takes coveredOnly advises. */
export const ASK_COVERED_ONLY = 'ask again with coveredOnly: true for the extent without those units';

/**
 * An analysis's warning that some of its units hold no data of a source in some months, naming
 * them and the months, and how to leave them out; null when there are none.
 * @param advice how to ask for the extent without them
 */
export function coverageWarning(gaps: readonly UnitGap[], advice = ASK_COVERED_ONLY): string | null {
  if (gaps.length === 0) {
    return null;
  }
  const named = gaps.map(
    (g) => `${g.source} in ${LEVEL_NAME[g.level]} ${g.name} (${g.code}) in ${g.months.map((m) => m.month).join(', ')}`,
  );
  return (
    `no incidents of ${named.join('; ')}, where the city's rate expects some (Poisson probability of none below ${COVERAGE_THRESHOLD}): ` +
    `the data likely misses them, and the analysis reads them as places without incidents; ${advice}`
  );
}
