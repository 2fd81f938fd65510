import { anonymous, inProcessCaller } from '../auth/caller';
import { Disclosing, Disclosure } from '../auth/disclosure';

import type { Period } from './period';
import { composeStats, type StatsRows } from './stats';

const row = (month: string, category: string, n: number) => ({ key: 'w', month, category, n });
const exact = new Disclosing(inProcessCaller('test'));
const withheld = new Disclosing(anonymous('203.0.113.9'));

/** Three months of one ward of 2,000 residents, worked by hand in the first two tests. */
const Q1_2019: [Period, StatsRows, number] = [
  { from: '2019-01', to: '2019-03' },
  {
    current: [row('2019-01', 'burglary', 2), row('2019-01', 'drugs', 5), row('2019-03', 'burglary', 1)],
    previousYear: [row('2018-02', 'burglary', 4)],
    open: { key: 'w', open: 2, medianAgeDays: 12.5 },
  },
  2000,
];

describe('composeStats', () => {
  it('totals by category (largest first) and by month (zeros kept), with rate and change by hand', () => {
    const stats = composeStats(...Q1_2019, exact);
    expect(stats).toEqual({
      from: '2019-01',
      to: '2019-03',
      total: 8,
      ratePer1000: 4,
      // The Garwood 95 % limits of 8 (mpmath, 30 digits: 3.45383217674850, 15.7631892201933)
      // over 2,000 residents, per 1,000.
      ratePer1000Low: expect.closeTo(1.72691608837425, 12),
      ratePer1000High: expect.closeTo(7.88159461009666, 12),
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
      disclosure: Disclosure.EXACT,
    });
  });

  it('withholds counts from 1 to 4 from public callers, what derives from them, and a complement', () => {
    const stats = composeStats(...Q1_2019, withheld);
    expect(stats).toEqual({
      from: '2019-01',
      to: '2019-03',
      total: 8,
      ratePer1000: 4,
      ratePer1000Low: expect.closeTo(1.72691608837425, 12),
      ratePer1000High: expect.closeTo(7.88159461009666, 12),
      // burglary (3) is withheld; drugs (5) would then be 8 − 3 by subtraction, so it goes too.
      byCategory: [
        { categorySlug: 'drugs', count: null },
        { categorySlug: 'burglary', count: null },
      ],
      // March (1) is withheld; January (7) is the only other non-zero month, so it goes too.
      byMonth: [
        { month: '2019-01', count: null },
        { month: '2019-02', count: 0 },
        { month: '2019-03', count: null },
      ],
      previousYearTotal: null,
      change: null,
      changePercent: null,
      openIssues: null,
      openIssuesMedianAgeDays: null,
      disclosure: Disclosure.SMALL_COUNTS_SUPPRESSED,
    });
  });

  it('keeps counts of 5 and over, and zeros, for public callers; two withheld parts need no complement', () => {
    const stats = composeStats(
      { from: '2019-01', to: '2019-01' },
      {
        current: [
          row('2019-01', 'drugs', 9),
          row('2019-01', 'burglary', 6),
          row('2019-01', 'arson', 2),
          row('2019-01', 'theft', 1),
        ],
        previousYear: [row('2018-01', 'drugs', 12)],
        open: null,
      },
      1000,
      withheld,
    );
    expect(stats.total).toBe(18);
    expect(stats.byCategory.map((c) => [c.categorySlug, c.count])).toEqual([
      ['drugs', 9],
      ['burglary', 6],
      ['arson', null],
      ['theft', null],
    ]);
    expect(stats.byMonth).toEqual([{ month: '2019-01', count: 18 }]);
    expect(stats.change).toBe(6);
    expect(stats.changePercent).toBe(50);
    expect(stats.openIssues).toBe(0);
  });

  it('gives no rate without residents and no per cent change without a year-earlier count', () => {
    const stats = composeStats(
      { from: '2019-01', to: '2019-01' },
      { current: [row('2019-01', 'drugs', 1)], previousYear: [], open: null },
      0,
      exact,
    );
    expect(stats.ratePer1000).toBeNull();
    expect(stats.ratePer1000Low).toBeNull();
    expect(stats.ratePer1000High).toBeNull();
    expect(stats.changePercent).toBeNull();
    expect(stats.openIssues).toBe(0);
    expect(stats.openIssuesMedianAgeDays).toBeNull();
  });

  it('gives a unit with no incidents and few residents 0 to ln(40) incidents over them, per 1,000', () => {
    const stats = composeStats(
      { from: '2019-01', to: '2019-01' },
      { current: [], previousYear: [], open: null },
      250,
      withheld,
    );
    expect(stats.total).toBe(0);
    expect(stats.ratePer1000).toBe(0);
    expect(stats.ratePer1000Low).toBe(0);
    // Garwood's upper limit for k = 0 at 95 % is ln(2 / 0.05) = ln 40 = 3.689 incidents; 250 residents.
    expect(stats.ratePer1000High).toBeCloseTo((Math.log(40) / 250) * 1000, 10);
  });

  it('withholds the interval with a small total from public callers, and gives it to the exact caller', () => {
    const three: StatsRows = { current: [row('2019-01', 'drugs', 3)], previousYear: [], open: null };
    const pub = composeStats({ from: '2019-01', to: '2019-01' }, three, 1000, withheld);
    expect([pub.total, pub.ratePer1000, pub.ratePer1000Low, pub.ratePer1000High]).toEqual([null, null, null, null]);
    const seen = composeStats({ from: '2019-01', to: '2019-01' }, three, 1000, exact);
    expect(seen.ratePer1000).toBe(3);
    // mpmath, 30 digits: the Garwood 95 % limits of 3 are 0.618672122895601 and 8.76727306974233.
    expect(seen.ratePer1000Low).toBeCloseTo(0.618672122895601, 12);
    expect(seen.ratePer1000High).toBeCloseTo(8.76727306974233, 12);
  });
});
