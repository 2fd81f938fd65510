import { twoSidedP } from './normal';

export interface MannKendall {
  s: number;
  variance: number;
  z: number;
  pValue: number;
}

/**
 * The Mann-Kendall trend test on a series in time order: S = Σ over i < j of sign(xj − xi),
 * its variance corrected for ties, z with the continuity correction, and a two-sided p-value.
 * @example mannKendall([1, 2, 3, 4]).s //= 6
 */
export function mannKendall(x: readonly number[]): MannKendall {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      s += Math.sign(x[j] - x[i]);
    }
  }
  const ties = new Map<number, number>();
  x.forEach((v) => ties.set(v, (ties.get(v) ?? 0) + 1));
  const tieTerm = [...ties.values()].reduce((acc, t) => acc + t * (t - 1) * (2 * t + 5), 0);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance <= 0 || s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
  return { s, variance, z, pValue: twoSidedP(z) };
}

/** How a hot spot has behaved over the months analysed. */
export type TrendClass = 'NEW' | 'INTENSIFYING' | 'PERSISTENT' | 'DIMINISHING' | 'SPORADIC';

/**
 * Classifies a hot spot from its monthly counts and the months it was itself significant:
 * - INTENSIFYING / DIMINISHING: Mann-Kendall significant at 5 % upward / downward;
 * - NEW: otherwise, significant only in the last quarter of the months (at least once);
 * - PERSISTENT: otherwise, significant in at least three quarters of the months;
 * - SPORADIC: anything else.
 */
export function classify(
  counts: readonly number[],
  significant: readonly boolean[],
): { trend: TrendClass; test: MannKendall } {
  const test = mannKendall(counts);
  const n = significant.length;
  const hot = significant.filter(Boolean).length;
  const firstHot = significant.indexOf(true);
  let trend: TrendClass = 'SPORADIC';
  if (test.pValue < 0.05 && test.s > 0) {
    trend = 'INTENSIFYING';
  } else if (test.pValue < 0.05 && test.s < 0) {
    trend = 'DIMINISHING';
  } else if (firstHot >= 0 && firstHot >= Math.floor((3 * n) / 4)) {
    trend = 'NEW';
  } else if (hot >= Math.ceil((3 * n) / 4)) {
    trend = 'PERSISTENT';
  }
  return { trend, test };
}
