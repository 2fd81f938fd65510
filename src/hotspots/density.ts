/**
 * P(X >= k) for X ~ Poisson(mean), summed from k upward so that a tail of 1e-12 keeps its
 * digits (1 minus the lower sum would lose them).
 */
export function poissonUpperTail(mean: number, k: number): number {
  if (k <= 0) {
    return 1;
  }
  if (mean === 0) {
    return 0;
  }
  // log P(X = k) = k ln(mean) - mean - ln(k!)
  let logFactorial = 0;
  for (let i = 2; i <= k; i += 1) {
    logFactorial += Math.log(i);
  }
  let term = Math.exp(k * Math.log(mean) - mean - logFactorial);
  let sum = 0;
  for (let j = k; term > 0 && (j <= mean || term > sum * 1e-17); j += 1) {
    sum += term;
    term *= mean / (j + 1);
  }
  return sum;
}

/** How unlikely a uniform background must make a core point: over all the analysed incidents. */
export const BACKGROUND_ALPHA = 0.001;

export interface DensityThreshold {
  minPoints: number;
  /** The rule and its numbers, as the response states them. */
  rule: string;
}

/**
 * DBSCAN's minPoints chosen from the data: the smallest count (the point itself included, as
 * ST_ClusterDBSCAN counts) that a uniform background, the analysed incidents spread evenly over
 * the extent, would give any of its points within eps with probability under 0.1 %. A point's
 * neighbours are then Poisson with mean incidents × π eps² ÷ area, and with n points the chance
 * that one of them reaches m is at most n × P(X >= m - 1) (Bonferroni), so m is the smallest
 * with n × P(X >= m - 1) < 0.001. A rule of 0.1 % per point would leave, over a year of 500,000
 * incidents, some 500 chance core points, and clusters of nothing. At least 2, DBSCAN's least.
 */
export function densityThreshold(incidents: number, areaSqM: number, eps: number): DensityThreshold {
  const mean = areaSqM > 0 ? (incidents * Math.PI * eps * eps) / areaSqM : 0;
  const bound = BACKGROUND_ALPHA / Math.max(incidents, 1);
  // Below the mean the tail is over a half, so the search starts there.
  let m = Math.max(2, Math.floor(mean));
  while (poissonUpperTail(mean, m - 1) >= bound) {
    m += 1;
  }
  return {
    minPoints: m,
    rule:
      `chosen from the data: ${incidents} incidents over ${Math.round(areaSqM).toLocaleString('en-GB')} m² put ` +
      `${mean.toPrecision(4)} others within ${eps} m of a point of a uniform background (Poisson); ` +
      `${m} is the smallest count (the point included) that none of the ${incidents} would reach with probability under 0.1 %`,
  };
}
