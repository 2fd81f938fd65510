import type { Disclosing } from '../auth/disclosure';
import { ratePer1000Interval } from '../stats/poisson';

import type { CountRow, OpenIssuesRow } from './incidents.service';
import type { IncidentStats } from './incidents.types';
import { monthsOf, type Period } from './period';

/** The rows one ward's or area's figures are built from. */
export interface StatsRows {
  current: CountRow[];
  previousYear: CountRow[];
  open: OpenIssuesRow | null;
}

const sum = (rows: readonly CountRow[]) => rows.reduce((s, r) => s + r.n, 0);

/**
 * Builds the figures of one ward or area: totals by category and by month (every month of the
 * period, zeros included), the rate per 1,000 residents, and the change against the same months
 * a year earlier. The rate carries its exact 95 % Poisson interval, withheld with the total: from
 * a population and an interval the count can be worked back.
 * @param p the period
 * @param rows counts of the period and of the year before, and the open issues
 * @param population residents, for the rate (null rate when 0)
 * @param disclosing what the caller may see: small counts, and what derives from them, are
 *   withheld from public callers
 * @example composeStats({ from: '2019-01', to: '2019-01' }, { current: [{ key: 'w', category: 'drugs', month: '2019-01', n: 3 }], previousYear: [], open: null }, 1000, exact).ratePer1000 //= 3
 */
export function composeStats(
  p: Period,
  rows: StatsRows,
  population: number,
  disclosing: Disclosing,
): Omit<IncidentStats, 'boundarySet' | 'monthsNotOnSet'> {
  const exactTotal = sum(rows.current);
  const exactPrevious = sum(rows.previousYear);
  const byCategory = new Map<string, number>();
  const byMonth = new Map<string, number>(monthsOf(p).map((m) => [m, 0]));
  for (const r of rows.current) {
    byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.n);
    byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.n);
  }
  const total = disclosing.count(exactTotal);
  const previousYearTotal = disclosing.count(exactPrevious);
  const bothShown = total !== null && previousYearTotal !== null;
  const categories = [...byCategory].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const categoryCounts = disclosing.parts(categories, ([, n]) => n, total !== null);
  const months = [...byMonth];
  const monthCounts = disclosing.parts(months, ([, n]) => n, total !== null);
  const openIssues = disclosing.count(rows.open?.open ?? 0);
  const interval = total !== null ? ratePer1000Interval(total, population) : null;
  return {
    from: p.from,
    to: p.to,
    total,
    ratePer1000: total !== null && population > 0 ? (total / population) * 1000 : null,
    ratePer1000Low: interval?.low ?? null,
    ratePer1000High: interval?.high ?? null,
    byCategory: categories.map(([categorySlug], i) => ({ categorySlug, count: categoryCounts[i] })),
    byMonth: months.map(([month], i) => ({ month, count: monthCounts[i] })),
    previousYearTotal,
    change: bothShown ? exactTotal - exactPrevious : null,
    changePercent: bothShown && exactPrevious > 0 ? ((exactTotal - exactPrevious) / exactPrevious) * 100 : null,
    openIssues,
    openIssuesMedianAgeDays: openIssues ? (rows.open?.medianAgeDays ?? null) : null,
    disclosure: disclosing.disclosure,
  };
}
