import { composeStats } from './stats';

const row = (month: string, category: string, n: number) => ({ key: 'w', month, category, n });

describe('composeStats', () => {
  it('totals by category (largest first) and by month (zeros kept), with rate and change by hand', () => {
    const stats = composeStats(
      { from: '2019-01', to: '2019-03' },
      {
        current: [row('2019-01', 'burglary', 2), row('2019-01', 'drugs', 5), row('2019-03', 'burglary', 1)],
        previousYear: [row('2018-02', 'burglary', 4)],
        open: { key: 'w', open: 2, medianAgeDays: 12.5 },
      },
      2000,
    );
    expect(stats).toEqual({
      from: '2019-01',
      to: '2019-03',
      total: 8,
      ratePer1000: 4,
      byCategory: [
        { categorySlug: 'drugs', count: 5 },
        { categorySlug: 'burglary', count: 3 },
      ],
      byMonth: [
        { month: '2019-01', count: 7 },
        { month: '2019-02', count: 0 },
        { month: '2019-03', count: 1 },
      ],
      previousYearTotal: 4,
      change: 4,
      changePercent: 100,
      openIssues: 2,
      openIssuesMedianAgeDays: 12.5,
    });
  });

  it('gives no rate without residents and no per cent change without a year-earlier count', () => {
    const stats = composeStats(
      { from: '2019-01', to: '2019-01' },
      { current: [row('2019-01', 'drugs', 1)], previousYear: [], open: null },
      0,
    );
    expect(stats.ratePer1000).toBeNull();
    expect(stats.changePercent).toBeNull();
    expect(stats.openIssues).toBe(0);
    expect(stats.openIssuesMedianAgeDays).toBeNull();
  });
});
