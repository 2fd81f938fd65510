import { reestimate } from './ward-change';

describe('reestimate: an old ward across the change that ended it', () => {
  const months = ['2023-03', '2023-04', '2023-05', '2023-06'];
  const holds = (m: string) => m <= '2023-04';
  const observed = new Map([
    ['2023-03', 7],
    ['2023-04', 9],
    // A stray count after the set ended is never read: those months are estimated.
    ['2023-05', 100],
  ]);
  const current = new Map([
    [
      'B',
      new Map([
        ['2023-05', 10],
        ['2023-06', 4],
      ]),
    ],
    [
      'C',
      new Map([
        ['2023-05', 6],
        ['2023-03', 50],
      ]),
    ],
  ]);

  it('keeps observed months and apportions the others by residents, computed by hand', () => {
    const figures = reestimate(months, holds, observed, current, [
      { wardCode: 'B', residentsShareOfCurrent: 0.25 },
      { wardCode: 'C', residentsShareOfCurrent: 0.5 },
    ]);
    expect(figures.map((f) => f.estimated)).toEqual([false, false, true, true]);
    expect(figures[0].count).toBe(7);
    expect(figures[1].count).toBe(9);
    // May: 10 · 0.25 + 6 · 0.5 = 5.5; June: 4 · 0.25 + 0 · 0.5 = 1.
    expect(figures[2].count).toBeCloseTo(5.5, 12);
    expect(figures[3].count).toBeCloseTo(1, 12);
  });

  it('passes counts back whole where the old ward went whole to one current ward', () => {
    const figures = reestimate(months, holds, new Map(), current, [{ wardCode: 'B', residentsShareOfCurrent: 1 }]);
    expect(figures.map((f) => f.count)).toEqual([0, 0, 10, 4]);
  });
});
