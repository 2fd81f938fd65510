import { adjustedRandIndex, alignmentScores } from './alignment';

const pair = (area: string, policeNeighbourhoodId: number, population: number) => ({
  area,
  policeNeighbourhoodId,
  population,
  landSqKm: 0,
  shareOfArea: 0,
  shareOfNeighbourhood: 0,
  incidents: 0,
});

describe('alignment scores', () => {
  it('scores 1 for each area made of whole neighbourhoods, and the adjusted Rand index for the grouping', () => {
    const r = alignmentScores([pair('A', 1, 100), pair('A', 2, 50), pair('B', 3, 80)]);
    expect(r.areas.map((a) => a.score)).toEqual([1, 1]);
    expect(r.areas.map((a) => a.matched)).toEqual([[1, 2], [3]]);
    // Table [[100, 50, 0], [0, 0, 80]]: Σn² = 18,900; rows 150, 80 -> 28,900; columns 100, 50, 80
    // -> 18,900; N = 230; expected = 28,900 · 18,900 / 230²; ARI = (18,900 − e) / (23,900 − e).
    const e = (28900 * 18900) / (230 * 230);
    expect(r.score).toBeCloseTo((18900 - e) / (23900 - e), 12);
  });

  it('gives an adjusted Rand index of 1 to identical partitions and about 0 to independent ones', () => {
    expect(
      adjustedRandIndex([
        [100, 0],
        [0, 80],
      ]),
    ).toBe(1);
    expect(
      adjustedRandIndex([
        [25, 25],
        [25, 25],
      ]),
    ).toBeCloseTo(0, 12);
  });

  it('equals a hand computation when a neighbourhood straddles two areas', () => {
    // A holds 100 of neighbourhood 1 and 20 of neighbourhood 2; B holds 80 of neighbourhood 2.
    // 1 -> A, 2 -> B. A: inter 100, union 120 + 100 - 100 = 120 -> 100/120.
    // B: inter 80, union 80 + 100 - 80 = 100 -> 0.8. Grouping: table [[100, 20], [0, 80]]:
    // Σn² = 16,800; rows -> 20,800; columns -> 20,000; e = 10,400; ARI = 6,400 / 10,000.
    const r = alignmentScores([pair('A', 1, 100), pair('A', 2, 20), pair('B', 2, 80)]);
    expect(r.areas[0].score).toBeCloseTo(100 / 120, 12);
    expect(r.areas[1].score).toBeCloseTo(0.8, 12);
    expect(r.score).toBeCloseTo(0.64, 12);
  });

  it('gives an area with no neighbourhood of its own a score of 0', () => {
    const r = alignmentScores([pair('A', 1, 100), pair('B', 1, 10)]);
    expect(r.areas.find((a) => a.area === 'B')).toMatchObject({ matched: [], score: 0 });
  });
});
