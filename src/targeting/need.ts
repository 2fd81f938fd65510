import type { Interval } from '../stats/poisson';

/** How each component's raw values are put on one scale before they are weighted. */
export enum Standardisation {
  Z_SCORE = 'Z_SCORE',
  MIN_MAX = 'MIN_MAX',
  RANK = 'RANK',
}

/** Which way a raw value points: 1 when higher means more need (a score, a rate), -1 when lower does (a rank). */
export type Direction = 1 | -1;

/**
 * The scale of one component, fixed by every unit's raw value: a function giving where a value
 * x of unit `unit` falls on it, higher always meaning more need. With x' = direction · x and the
 * n units that have a value:
 *
 *   Z_SCORE: (x' − mean) / sd, sd the population standard deviation (divided by n)
 *   MIN_MAX: (x' − min) / (max − min), from 0 (least need) to 1 (most) for the units' own values
 *   RANK:    x's rank among the other units' values and x, 1 for the least need; tied values
 *            share the average of their ranks
 *
 * Where every value is the same (sd = 0, max = min), Z_SCORE and MIN_MAX give 0: the component
 * does not separate the units. Given a unit's own value, the scale gives its standardised value
 * (see standardise); given another value (an end of the unit's confidence interval), it places
 * that value on the same scale, mean, sd, min and max left as the units' values made them, so a
 * MIN_MAX value may fall outside 0 to 1.
 * @param values each unit's raw value, or null
 * @param direction 1 when a higher raw value means more need, -1 when a lower one does
 * @example standardScale([1, 2, 3], 1, Standardisation.MIN_MAX)(4, 2) //= 1.5
 */
export function standardScale(
  values: readonly (number | null)[],
  direction: Direction,
  method: Standardisation,
): (x: number, unit: number) => number {
  const signed = values.map((v) => (v === null ? null : direction * v));
  const present = signed.filter((v): v is number => v !== null);
  const n = present.length;
  if (method === Standardisation.RANK) {
    return (x, unit) => {
      const at = direction * x;
      const others = signed.filter((v, i): v is number => v !== null && i !== unit);
      const below = others.filter((s) => s < at).length;
      const tied = others.filter((s) => s === at).length + 1;
      // Ranks below + 1 to below + tied, averaged.
      return below + (tied + 1) / 2;
    };
  }
  if (method === Standardisation.MIN_MAX) {
    const min = Math.min(...present);
    const range = Math.max(...present) - min;
    return (x) => (range > 0 ? (direction * x - min) / range : 0);
  }
  const mean = present.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(present.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  return (x) => (sd > 0 ? (direction * x - mean) / sd : 0);
}

/**
 * Puts one component's raw values for every unit on a common scale on which higher always
 * means more need (see standardScale for the three methods). A unit without a raw value gets null.
 * @param values each unit's raw value, or null
 * @param direction 1 when a higher raw value means more need, -1 when a lower one does
 * @returns the standardised value of each unit, in input order
 * @example standardise([1, 2, 3], 1, Standardisation.MIN_MAX) //= [0, 0.5, 1]
 */
export function standardise(
  values: readonly (number | null)[],
  direction: Direction,
  method: Standardisation,
): (number | null)[] {
  const scale = standardScale(values, direction, method);
  return values.map((v, i) => (v === null ? null : scale(v, i)));
}

/**
 * The need index of one unit: Σ wc · sc / Σ wc over the components c the unit has a
 * standardised value for.
 *
 * Null when the unit has no value for any component with a weight above 0.
 * @param components the unit's standardised values and their weights
 * @example needIndex([{ standardised: 1, weight: 3 }, { standardised: -1, weight: 1 }]) //= 0.5
 */
export function needIndex(components: readonly { standardised: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of components) {
    if (c.standardised !== null) {
      sum += c.weight * c.standardised;
      weights += c.weight;
    }
  }
  return weights > 0 ? sum / weights : null;
}

/**
 * The interval of a unit's index: the index recomputed with each rate component at the low
 * and at the high end of its 95 % interval, placed on the scale the units' point values fixed
 * (standardScale), every other component at its standardised value. Null when the unit has no
 * index or no rate component with a weight: nothing in it is modelled as a Poisson count.
 * @param exact the unit's standardised values and weights, as its index took them
 * @param rates each component's rate interval for the unit, or null for a component that is not a rate
 * @param scales each component's scale
 * @param unit the unit's position among the units the scales were fixed on
 * @example indexInterval(0, [{ standardised: 0, weight: 1 }], [{ low: 1, high: 4 }], [(x) => x - 2], 0) //= { low: -1, high: 2 }
 */
export function indexInterval(
  index: number | null,
  exact: readonly { standardised: number | null; weight: number }[],
  rates: readonly (Interval | null)[],
  scales: readonly ((x: number, unit: number) => number)[],
  unit: number,
): Interval | null {
  if (index === null || !rates.some((r, c) => r !== null && exact[c].weight > 0)) {
    return null;
  }
  const at = (end: 'low' | 'high') =>
    needIndex(
      exact.map((e, c) => ({ ...e, standardised: rates[c] ? scales[c](rates[c][end], unit) : e.standardised })),
    ) as number;
  const [a, b] = [at('low'), at('high')];
  // A rate whose lower value means more need would swap the ends; every rate today points up.
  return { low: Math.min(a, b), high: Math.max(a, b) };
}

/** What ranking reads of a unit. */
export interface Rankable {
  code: string;
  index: number | null;
  /** The unit's IMD on the edition, signed so that higher is more deprived (score, or minus the average rank). */
  imdNeed: number | null;
}

/** Two indices this close (relative to their size) are a tie: sums of the same terms in another order differ in the last bits. */
const TIE = 1e-12;

function compareNullLast(a: number | null, b: number | null): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  return Math.abs(a - b) <= TIE * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : b - a;
}

/**
 * Orders units by need, most first. Ties (indices equal to 1e-12) go to the unit more deprived
 * on the IMD of the edition (higher average score, or lower average rank where the edition has
 * no scores), then to the lower code. Units without an index come last, by the same rules.
 * @returns a new array, most need first
 * @example rankByNeed([{ code: 'B', index: 1, imdNeed: 5 }, { code: 'A', index: 1, imdNeed: 5 }]).map((u) => u.code) //= ['A', 'B']
 */
export function rankByNeed<T extends Rankable>(units: readonly T[]): T[] {
  return [...units].sort(
    (a, b) =>
      compareNullLast(a.index, b.index) || compareNullLast(a.imdNeed, b.imdNeed) || a.code.localeCompare(b.code),
  );
}

/** Whether a unit's place against its neighbours in the ranking is more than chance in the counts. */
export interface Separation {
  /** False when its interval overlaps that of the unit ranked just above; null for none above or no interval. */
  fromAbove: boolean | null;
  /** The same against the unit ranked just below. */
  fromBelow: boolean | null;
}

/**
 * For units in ranked order, most need first, whether each unit's index interval is clear of
 * its neighbours': a unit ranked above another is separated from it when the upper unit's low
 * end lies above the lower unit's high end. Intervals that touch or overlap are not separated:
 * with the counts as they might have come out, the two could change places. Null where either
 * unit has no interval (or there is no neighbour).
 * @param intervals each ranked unit's index interval, or null
 * @example separations([{ low: 2, high: 3 }, { low: 0, high: 1 }, { low: 0.5, high: 1.5 }]).map((s) => s.fromBelow) //= [true, false, null]
 */
export function separations(intervals: readonly ({ low: number; high: number } | null)[]): Separation[] {
  const apart = (upper: number, lower: number): boolean | null => {
    const u = intervals[upper];
    const l = intervals[lower];
    return u && l ? u.low > l.high : null;
  };
  return intervals.map((_, i) => ({
    fromAbove: i > 0 ? apart(i - 1, i) : null,
    fromBelow: i < intervals.length - 1 ? apart(i, i + 1) : null,
  }));
}

/** A tier of neighbourhood management. */
export enum Tier {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}

/** How the tier cut points are given. */
export enum TierMethod {
  BY_COUNT = 'BY_COUNT',
  BY_SHARE = 'BY_SHARE',
  BY_NATIONAL_DECILE = 'BY_NATIONAL_DECILE',
}

/** Tier cut points: what `red` and `amber` mean depends on the method (see tierOf). */
export interface TierCutPoints {
  method: TierMethod;
  red: number;
  amber: number;
}

/** A share cut that lands on a unit (3 of 12 at 0.25) holds it, whatever the last bits of the product. */
const SHARE_SLACK = 1e-9;

/**
 * The tier of the unit at `position` in the ranking.
 *
 *   BY_COUNT: the first `red` units are RED, the next `amber` AMBER, the rest GREEN.
 *   BY_SHARE: RED while position ≤ red · units, AMBER while position ≤ (red + amber) · units;
 *     a cut that falls exactly on a unit includes it.
 *   BY_NATIONAL_DECILE: RED when the unit's national IMD decile is `red` or lower, AMBER when it
 *     is `amber` or lower, else GREEN; a unit without a decile is GREEN.
 * @param position 1 for the unit with most need
 * @param units how many units are ranked
 * @param decile the unit's national decile (see nationalDecile), or null
 * @example tierOf(3, 12, null, { method: TierMethod.BY_SHARE, red: 0.25, amber: 0.5 }) //= Tier.RED
 */
export function tierOf(position: number, units: number, decile: number | null, cuts: TierCutPoints): Tier {
  switch (cuts.method) {
    case TierMethod.BY_COUNT:
      return position <= cuts.red ? Tier.RED : position <= cuts.red + cuts.amber ? Tier.AMBER : Tier.GREEN;
    case TierMethod.BY_SHARE:
      return position <= cuts.red * units + SHARE_SLACK
        ? Tier.RED
        : position <= (cuts.red + cuts.amber) * units + SHARE_SLACK
          ? Tier.AMBER
          : Tier.GREEN;
    case TierMethod.BY_NATIONAL_DECILE:
      return decile === null
        ? Tier.GREEN
        : decile <= cuts.red
          ? Tier.RED
          : decile <= cuts.amber
            ? Tier.AMBER
            : Tier.GREEN;
  }
}

/**
 * The national IMD decile a population-weighted average rank falls in: ceil(10 · rank / N), N
 * the LSOAs of England ranked in that edition, so 1 is the most deprived tenth of England.
 * @example nationalDecile(3284, 32844) //= 1
 */
export function nationalDecile(averageRank: number | null, nationalLsoas: number): number | null {
  if (averageRank === null) {
    return null;
  }
  return Math.min(10, Math.max(1, Math.ceil((10 * averageRank) / nationalLsoas)));
}

/**
 * The least-squares slope of y against 0, 1, …, n − 1: Σ (t − t̄)(y − ȳ) / Σ (t − t̄)².
 *
 * Null for fewer than two values (no slope to fit).
 * @example slope([1, 3, 5]) //= 2
 */
export function slope(y: readonly number[]): number | null {
  const n = y.length;
  if (n < 2) {
    return null;
  }
  const tMean = (n - 1) / 2;
  const yMean = y.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  y.forEach((v, t) => {
    num += (t - tMean) * (v - yMean);
    den += (t - tMean) ** 2;
  });
  return num / den;
}
