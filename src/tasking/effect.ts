import { type Period, shifted } from '../incidents/period';

/** Months before and after a task that taskEffect compares by default, and the range it takes. */
export const EFFECT_MONTHS = { default: 3, min: 1, max: 24 };

/**
 * Fewest incidents a judgement rests on: inside the footprint before and after together, and
 * outside it in each period. Below that a fall of even a half is within chance (10 incidents
 * split 5 to 0 would be p ≈ 0.03 against an even split, 4 to 0 is not significant).
 */
export const MIN_INSIDE = 10;
export const MIN_OUTSIDE_EACH = 10;

/** One-sided significance at which a change is called a fall or a rise. */
export const ALPHA = 0.05;

/** What the numbers say about a finished task. */
export enum EffectVerdict {
  /** Inside fell against the rest of the city, p < ALPHA (one-sided). */
  LIKELY_WORKED = 'LIKELY_WORKED',
  /** Inside rose against the rest of the city, p < ALPHA (one-sided). */
  GOT_WORSE = 'GOT_WORSE',
  /** Neither: any change is within what chance gives. */
  NO_CLEAR_CHANGE = 'NO_CLEAR_CHANGE',
  /** Fewer than MIN_INSIDE incidents inside, or MIN_OUTSIDE_EACH outside in a period. */
  TOO_FEW = 'TOO_FEW',
  /** The months after closing have not all passed (the hub holds no later month yet). */
  TOO_EARLY = 'TOO_EARLY',
}

/** Incidents counted for a task: inside its footprint and in the rest of the city, before and after. */
export interface EffectCounts {
  insideBefore: number;
  insideAfter: number;
  outsideBefore: number;
  outsideAfter: number;
}

/** The figures of a difference in differences, and what they say. */
export interface EffectFigures extends EffectCounts {
  /** Incidents per month in each of the four cells. */
  insideBeforeRate: number;
  insideAfterRate: number;
  outsideBeforeRate: number;
  outsideAfterRate: number;
  /** insideAfter ÷ insideBefore; null when insideBefore is 0. */
  insideRatio: number | null;
  /** outsideAfter ÷ outsideBefore; null when outsideBefore is 0. */
  outsideRatio: number | null;
  /** insideRatio ÷ outsideRatio: below 1, the area did better than the rest of the city. */
  ratioOfRatios: number | null;
  /** (ratioOfRatios − 1) × 100. */
  changePercent: number | null;
  /** P(X ≤ insideAfter) under no relative change (see judgeEffect); null when not computable. */
  pFall: number | null;
  /** P(X ≥ insideAfter) under no relative change. */
  pRise: number | null;
  verdict: EffectVerdict;
  /** One sentence for a board paper. */
  reading: string;
}

/**
 * The months a task is judged on: the `months` whole calendar months before the month it was
 * created, and the `months` whole months after the month it was closed (UTC). The months from
 * creation to closing are in neither: work was under way then, whenever it started, and the
 * creation date is the one every task has (a task can go to DONE without passing IN_PROGRESS).
 * @example effectWindows(new Date('2036-04-10'), new Date('2036-05-20'), 3)
 *   //= { before: { from: '2036-01', to: '2036-03' }, after: { from: '2036-06', to: '2036-08' } }
 */
export function effectWindows(createdAt: Date, closedAt: Date, months: number): { before: Period; after: Period } {
  const month = (d: Date) => d.toISOString().slice(0, 7);
  const created = { from: month(createdAt), to: month(createdAt) };
  const closed = { from: month(closedAt), to: month(closedAt) };
  return {
    before: { from: shifted(created, months).from, to: shifted(created, 1).to },
    after: { from: shifted(closed, -1).from, to: shifted(closed, -months).to },
  };
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p), summed term by term from P(X = 0) = (1 − p)^n with
 * P(X = j + 1) = P(X = j) · (n − j)/(j + 1) · p/(1 − p), in logarithms so that large n does not
 * underflow; exact to about n × 1e-16.
 * @example binomialCdf(2, 10, 0.5) //= 56 / 1024
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) {
    return 0;
  }
  if (k >= n || p === 0) {
    return 1;
  }
  if (p === 1) {
    return 0;
  }
  const logOdds = Math.log(p) - Math.log1p(-p);
  let logTerm = n * Math.log1p(-p);
  // Sum relative to the largest term seen, so exp never underflows to 0 for every term.
  let logMax = logTerm;
  let sum = 1;
  for (let j = 0; j < k; j += 1) {
    logTerm += Math.log((n - j) / (j + 1)) + logOdds;
    if (logTerm > logMax) {
      sum = sum * Math.exp(logMax - logTerm) + 1;
      logMax = logTerm;
    } else {
      sum += Math.exp(logTerm - logMax);
    }
  }
  return Math.min(1, Math.exp(logMax) * sum);
}

const percent = (ratio: number) => `${Math.abs(Math.round((ratio - 1) * 100))} %`;
const moved = (ratio: number) =>
  ratio < 1 ? `fell ${percent(ratio)}` : ratio > 1 ? `rose ${percent(ratio)}` : 'was flat';
const flat = (ratio: number) => (Math.abs(ratio - 1) < 0.05 ? 'was flat' : moved(ratio));

/**
 * A difference in differences on incident counts. With a = insideBefore, b = insideAfter,
 * c = outsideBefore, d = outsideAfter (the same months, the same categories):
 *
 *   ratio of ratios RR = (b / a) ÷ (d / c),  change = (RR − 1) × 100 %.
 *
 * Significance is a conditional exact binomial test: given the a + b incidents inside, if the
 * area changed as the rest of the city did, the after period's share of them is the rest of the
 * city's after share, so b ~ Binomial(a + b, π₀) with π₀ = d / (c + d) (the outside counts are
 * large, so π₀ is taken as known). pFall = P(X ≤ b), pRise = P(X ≥ b) = 1 − P(X ≤ b − 1).
 *
 * Verdict: TOO_EARLY when the after months are not all held (`complete` false); TOO_FEW when
 * a + b < MIN_INSIDE or c or d < MIN_OUTSIDE_EACH; LIKELY_WORKED when pFall < ALPHA and RR < 1;
 * GOT_WORSE when pRise < ALPHA and RR > 1; otherwise NO_CLEAR_CHANGE. RR is null when a is 0
 * (and ratios when their denominator is 0): the counts are still shown.
 * @param months the length of each period, for the monthly rates
 * @param complete whether every month after closing has passed
 */
export function judgeEffect(counts: EffectCounts, months: number, complete: boolean): EffectFigures {
  const { insideBefore: a, insideAfter: b, outsideBefore: c, outsideAfter: d } = counts;
  const insideRatio = a > 0 ? b / a : null;
  const outsideRatio = c > 0 ? d / c : null;
  const ratioOfRatios =
    insideRatio !== null && outsideRatio !== null && outsideRatio > 0 ? insideRatio / outsideRatio : null;
  const p0 = c + d > 0 ? d / (c + d) : null;
  const pFall = p0 === null || a + b === 0 ? null : binomialCdf(b, a + b, p0);
  const pRise = p0 === null || a + b === 0 ? null : 1 - binomialCdf(b - 1, a + b, p0);
  const figures = {
    ...counts,
    insideBeforeRate: a / months,
    insideAfterRate: b / months,
    outsideBeforeRate: c / months,
    outsideAfterRate: d / months,
    insideRatio,
    outsideRatio,
    ratioOfRatios,
    changePercent: ratioOfRatios === null ? null : (ratioOfRatios - 1) * 100,
    pFall,
    pRise,
  };
  const counted = `${a} to ${b} in the area, ${c} to ${d} in the rest of the city`;
  if (!complete) {
    return {
      ...figures,
      verdict: EffectVerdict.TOO_EARLY,
      reading: `too early to judge: the ${months} months after the task closed have not all passed (so far ${counted})`,
    };
  }
  if (a + b < MIN_INSIDE || c < MIN_OUTSIDE_EACH || d < MIN_OUTSIDE_EACH || ratioOfRatios === null) {
    return {
      ...figures,
      verdict: EffectVerdict.TOO_FEW,
      reading: `too few incidents to judge (${counted}; at least ${MIN_INSIDE} in the area and ${MIN_OUTSIDE_EACH} outside in each period are needed)`,
    };
  }
  const where = `incidents ${moved(insideRatio as number)} in the area (${a} to ${b}) while the rest of the city ${flat(outsideRatio as number)} (${c} to ${d})`;
  const against = `${Math.abs(Math.round((ratioOfRatios - 1) * 100))} % ${ratioOfRatios < 1 ? 'below' : 'above'} the city's trend`;
  if ((pFall as number) < ALPHA && ratioOfRatios < 1) {
    return {
      ...figures,
      verdict: EffectVerdict.LIKELY_WORKED,
      reading: `${where}: ${against}, unlikely by chance (p = ${(pFall as number).toPrecision(2)}): likely worked`,
    };
  }
  if ((pRise as number) < ALPHA && ratioOfRatios > 1) {
    return {
      ...figures,
      verdict: EffectVerdict.GOT_WORSE,
      reading: `${where}: ${against}, unlikely by chance (p = ${(pRise as number).toPrecision(2)}): the problem got worse`,
    };
  }
  return {
    ...figures,
    verdict: EffectVerdict.NO_CLEAR_CHANGE,
    reading: `${where}: no clear change against the city's trend (p = ${Math.min(pFall as number, pRise as number).toPrecision(2)}): no sign it worked`,
  };
}
