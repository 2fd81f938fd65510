import { alignmentScores } from './alignment';

const pair = (area: string, snt: number, population: number) => ({
  area,
  snt,
  population,
  landSqKm: 0,
  shareOfArea: 0,
  shareOfNeighbourhood: 0,
  incidents: 0,
});

describe('alignment scores', () => {
  it('is 1 when every neighbourhood lies wholly in one area', () => {
    const r = alignmentScores([pair('A', 1, 100), pair('A', 2, 50), pair('B', 3, 80)]);
    expect(r.score).toBe(1);
    expect(r.areas.map((a) => a.matched)).toEqual([[1, 2], [3]]);
  });

  it('equals a hand computation when a neighbourhood straddles two areas', () => {
    // A holds 100 of neighbourhood 1 and 20 of neighbourhood 2; B holds 80 of neighbourhood 2.
    // 1 -> A, 2 -> B. A: inter 100, union 120 + 100 - 100 = 120 -> 100/120.
    // B: inter 80, union 80 + 100 - 80 = 100 -> 0.8. Grouping: (120·100/120 + 80·0.8) / 200.
    const r = alignmentScores([pair('A', 1, 100), pair('A', 2, 20), pair('B', 2, 80)]);
    expect(r.areas[0].score).toBeCloseTo(100 / 120, 12);
    expect(r.areas[1].score).toBeCloseTo(0.8, 12);
    expect(r.score).toBeCloseTo((120 * (100 / 120) + 80 * 0.8) / 200, 12);
  });

  it('gives an area with no neighbourhood of its own a score of 0', () => {
    const r = alignmentScores([pair('A', 1, 100), pair('B', 1, 10)]);
    expect(r.areas.find((a) => a.area === 'B')).toMatchObject({ matched: [], score: 0 });
  });
});
