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
 * The adjusted Rand index of two partitions of the same weight (residents, land or incidents),
 * from their contingency table: 1 when they are the same partition, about 0 when they agree no
 * more than chance. Squares stand in for pair counts, as usual for large or continuous totals.
 * It falls when areas merge neighbourhoods they need not, so unlike a sum of overlaps it does not
 * reward one giant area.
 * @param table weight shared by each row (area) and column (neighbourhood)
 */
export function adjustedRandIndex(table: readonly (readonly number[])[]): number {
  const columns = table[0]?.length ?? 0;
  let cells = 0;
  let rows = 0;
  let total = 0;
  for (const row of table) {
    const a = row.reduce((x, y) => x + y, 0);
    rows += a * a;
    total += a;
    row.forEach((v) => (cells += v * v));
  }
  let cols = 0;
  for (let j = 0; j < columns; j += 1) {
    const b = table.reduce((s, row) => s + row[j], 0);
    cols += b * b;
  }
  if (total === 0) {
    return 0;
  }
  const expected = (rows * cols) / (total * total);
  const max = (rows + cols) / 2;
  return max === expected ? 1 : (cells - expected) / (max - expected);
}

/**
 * Scores how well areas line up with police neighbourhoods, by population. Per area: each
 * neighbourhood is matched to the area holding most of its residents, and the area scores the
 * population intersection over union of itself and its matched neighbourhoods (1 when they
 * coincide). The grouping as a whole scores the adjusted Rand index of the two partitions of
 * the residents, which can be compared between groupings (higher agrees better).
 * @param pairs shared population of every overlapping area × neighbourhood pair
 */
export function alignmentScores(pairs: readonly AlignmentPairRow[]): { areas: AreaAlignment[]; score: number } {
  const areaPop = new Map<string, number>();
  const neighbourhoodPopulation = new Map<number, number>();
  const best = new Map<number, { area: string; pop: number }>();
  for (const p of pairs) {
    areaPop.set(p.area, (areaPop.get(p.area) ?? 0) + p.population);
    neighbourhoodPopulation.set(
      p.policeNeighbourhoodId,
      (neighbourhoodPopulation.get(p.policeNeighbourhoodId) ?? 0) + p.population,
    );
    const current = best.get(p.policeNeighbourhoodId);
    if (!current || p.population > current.pop || (p.population === current.pop && p.area < current.area)) {
      best.set(p.policeNeighbourhoodId, { area: p.area, pop: p.population });
    }
  }
  const areas = [...areaPop.keys()].sort().map((area) => {
    const matched = [...best]
      .filter(([, b]) => b.area === area)
      .map(([policeNeighbourhoodId]) => policeNeighbourhoodId)
      .sort((a, b) => a - b);
    const inter = pairs
      .filter((p) => p.area === area && matched.includes(p.policeNeighbourhoodId))
      .reduce((s, p) => s + p.population, 0);
    const union =
      (areaPop.get(area) ?? 0) + matched.reduce((s, id) => s + (neighbourhoodPopulation.get(id) ?? 0), 0) - inter;
    return { area, population: areaPop.get(area) ?? 0, matched, score: union > 0 ? inter / union : 0 };
  });
  const neighbourhoods = [...neighbourhoodPopulation.keys()];
  const table = areas.map((a) =>
    neighbourhoods.map((policeNeighbourhoodId) =>
      pairs
        .filter((p) => p.area === a.area && p.policeNeighbourhoodId === policeNeighbourhoodId)
        .reduce((s, p) => s + p.population, 0),
    ),
  );
  return { areas, score: adjustedRandIndex(table) };
}
