/** How each component's raw values are put on one scale before they are weighted. */
export enum Standardisation {
  Z_SCORE = 'Z_SCORE',
  MIN_MAX = 'MIN_MAX',
  RANK = 'RANK',
}

/** Which way a raw value points: 1 when higher means more need (a score, a rate), -1 when lower does (a rank). */
export type Direction = 1 | -1;

/**
 * Puts one component's raw values for every unit on a common scale on which higher always
 * means more need. With x' = direction · x over the n units that have a value:
 *
 *   Z_SCORE: (x' − mean) / sd, sd the population standard deviation (divided by n)
 *   MIN_MAX: (x' − min) / (max − min), from 0 (least need) to 1 (most)
 *   RANK:    1 for the least need to n for the most; tied units share the average of their ranks
 *
 * A unit without a raw value gets null. Where every value is the same (sd = 0, max = min),
 * Z_SCORE and MIN_MAX give 0 to every unit: the component does not separate them.
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
  const present = values.filter((v): v is number => v !== null).map((v) => direction * v);
  const n = present.length;
  if (n === 0) {
    return values.map(() => null);
  }
  if (method === Standardisation.RANK) {
    const sorted = [...present].sort((a, b) => a - b);
    return values.map((v) => {
      if (v === null) {
        return null;
      }
      const x = direction * v;
      const below = sorted.filter((s) => s < x).length;
      const tied = sorted.filter((s) => s === x).length;
      // Ranks below + 1 to below + tied, averaged.
      return below + (tied + 1) / 2;
    });
  }
  if (method === Standardisation.MIN_MAX) {
    const min = Math.min(...present);
    const range = Math.max(...present) - min;
    return values.map((v) => (v === null ? null : range > 0 ? (direction * v - min) / range : 0));
  }
  const mean = present.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(present.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  return values.map((v) => (v === null ? null : sd > 0 ? (direction * v - mean) / sd : 0));
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
