import { twoSidedP } from './normal';

/**
 * Getis-Ord Gi* (Ord & Getis 1995) with binary weights, the cell itself included:
 *
 *   G*i = (Σj wij xj − X̄ Σj wij) / (S · sqrt((n Σj wij² − (Σj wij)²) / (n − 1)))
 *
 * with X̄ the mean and S = sqrt(Σ xj² / n − X̄²) over all n cells.
 *
 * Where the statistic is undefined the z-score is null: when every cell has the same count
 * (S = 0), and for a cell whose band takes in every cell (the denominator's square root is 0).
 * @param x the count of each cell
 * @param neighbours for each cell, the indexes of the cells within its band, itself included
 * @returns the z-score of each cell, or null where undefined
 */
export function gistar(x: readonly number[], neighbours: readonly (readonly number[])[]): (number | null)[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const s = Math.sqrt(Math.max(x.reduce((acc, v) => acc + v * v, 0) / n - mean * mean, 0));
  return neighbours.map((js) => {
    const w = js.length;
    const sum = js.reduce((acc, j) => acc + x[j], 0);
    // Binary weights: Σ wij² = Σ wij = w.
    const spread = (n * w - w * w) / (n - 1);
    if (s === 0 || spread <= 0) {
      return null;
    }
    return (sum - mean * w) / (s * Math.sqrt(spread));
  });
}

/**
 * Benjamini-Hochberg adjusted p-values (the false-discovery-rate q-values): q(i) = min over
 * k ≥ i of p(k) · m / k, for the p-values sorted ascending; nulls stay null and are not counted.
 */
export function benjaminiHochberg(p: readonly (number | null)[]): (number | null)[] {
  const ranked = p
    .map((value, index) => ({ value, index }))
    .filter((e): e is { value: number; index: number } => e.value !== null)
    .sort((a, b) => a.value - b.value);
  const m = ranked.length;
  const q: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let k = m; k >= 1; k -= 1) {
    running = Math.min(running, (ranked[k - 1].value * m) / k);
    q[ranked[k - 1].index] = running;
  }
  return q;
}

/**
 * The confidence bin of ArcGIS Pro's Hot Spot Analysis: ±3 at 99 %, ±2 at 95 %, ±1 at 90 %,
 * 0 not significant, signed like the z-score.
 * @param z the z-score (null: not significant)
 * @param p the p-value compared with 0.01, 0.05 and 0.10 (the FDR q-value when corrected)
 */
export function confidenceBin(z: number | null, p: number | null): number {
  if (z === null || p === null) {
    return 0;
  }
  const level = p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.1 ? 1 : 0;
  return Math.sign(z) * level;
}

export interface CellResult {
  zScore: number | null;
  pValue: number | null;
  /** The p-value the bin was judged on: BH-adjusted when FDR is on. */
  judgedP: number | null;
  bin: number;
}

/**
 * Gi* with p-values and bins for every cell.
 * @param fdr judge bins on Benjamini-Hochberg adjusted p-values (ArcGIS's FDR correction)
 */
export function hotSpotCells(
  x: readonly number[],
  neighbours: readonly (readonly number[])[],
  fdr: boolean,
): CellResult[] {
  const z = gistar(x, neighbours);
  const p = z.map((v) => (v === null ? null : twoSidedP(v)));
  const judged = fdr ? benjaminiHochberg(p) : p;
  return z.map((zScore, i) => ({ zScore, pValue: p[i], judgedP: judged[i], bin: confidenceBin(zScore, judged[i]) }));
}

/**
 * For points on a plane, the indexes within `band` of each point, itself included, found by
 * bucketing into squares of the band's size (so only nine buckets are searched per point).
 */
export function neighboursWithin(points: readonly [number, number][], band: number): number[][] {
  const buckets = new Map<string, number[]>();
  const key = (x: number, y: number) => `${Math.floor(x / band)},${Math.floor(y / band)}`;
  points.forEach(([x, y], i) => {
    const k = key(x, y);
    const list = buckets.get(k) ?? [];
    list.push(i);
    buckets.set(k, list);
  });
  const limit = band * band * (1 + 1e-12);
  return points.map(([x, y]) => {
    const bx = Math.floor(x / band);
    const by = Math.floor(y / band);
    const found: number[] = [];
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        for (const j of buckets.get(`${bx + dx},${by + dy}`) ?? []) {
          const ex = points[j][0] - x;
          const ey = points[j][1] - y;
          if (ex * ex + ey * ey <= limit) {
            found.push(j);
          }
        }
      }
    }
    return found.sort((a, b) => a - b);
  });
}
