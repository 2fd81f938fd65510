import type { AlignmentPairRow } from './boundaries.service';

/** One area's match with the police neighbourhoods. */
export interface AreaAlignment {
  area: string;
  population: number;
  /** Neighbourhoods whose largest share of population lies in this area. */
  matched: number[];
  /** Population-weighted intersection over union of the area and its matched neighbourhoods. */
  score: number;
}

/**
 * Scores how well areas line up with police neighbourhoods, by population: each neighbourhood
 * is matched to the area holding most of its population; an area's score is the population
 * intersection over union of the area and its matched neighbourhoods (1 when they coincide);
 * the grouping's score is the mean of the areas' scores weighted by their population.
 * @param pairs shared population of every overlapping area × neighbourhood pair
 */
export function alignmentScores(pairs: readonly AlignmentPairRow[]): { areas: AreaAlignment[]; score: number } {
  const areaPop = new Map<string, number>();
  const sntPop = new Map<number, number>();
  const best = new Map<number, { area: string; pop: number }>();
  for (const p of pairs) {
    areaPop.set(p.area, (areaPop.get(p.area) ?? 0) + p.population);
    sntPop.set(p.snt, (sntPop.get(p.snt) ?? 0) + p.population);
    const current = best.get(p.snt);
    if (!current || p.population > current.pop || (p.population === current.pop && p.area < current.area)) {
      best.set(p.snt, { area: p.area, pop: p.population });
    }
  }
  const areas = [...areaPop.keys()].sort().map((area) => {
    const matched = [...best]
      .filter(([, b]) => b.area === area)
      .map(([snt]) => snt)
      .sort((a, b) => a - b);
    const inter = pairs.filter((p) => p.area === area && matched.includes(p.snt)).reduce((s, p) => s + p.population, 0);
    const union = (areaPop.get(area) ?? 0) + matched.reduce((s, id) => s + (sntPop.get(id) ?? 0), 0) - inter;
    return { area, population: areaPop.get(area) ?? 0, matched, score: union > 0 ? inter / union : 0 };
  });
  const total = areas.reduce((s, a) => s + a.population, 0);
  return { areas, score: total > 0 ? areas.reduce((s, a) => s + a.population * a.score, 0) / total : 0 };
}
