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
 * a year earlier.
 * @param p the period
 * @param rows counts of the period and of the year before, and the open issues
 * @param population residents, for the rate (null rate when 0)
 * @example composeStats({ from: '2019-01', to: '2019-01' }, { current: [{ key: 'w', category: 'drugs', month: '2019-01', n: 3 }], previousYear: [], open: null }, 1000).ratePer1000 //= 3
 */
export function composeStats(p: Period, rows: StatsRows, population: number): IncidentStats {
  const total = sum(rows.current);
  const previousYearTotal = sum(rows.previousYear);
  const byCategory = new Map<string, number>();
  const byMonth = new Map<string, number>(monthsOf(p).map((m) => [m, 0]));
  for (const r of rows.current) {
    byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.n);
    byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.n);
  }
  return {
    from: p.from,
    to: p.to,
    total,
    ratePer1000: population > 0 ? (total / population) * 1000 : null,
    byCategory: [...byCategory]
      .map(([categorySlug, count]) => ({ categorySlug, count }))
      .sort((a, b) => b.count - a.count || a.categorySlug.localeCompare(b.categorySlug)),
    byMonth: [...byMonth].map(([month, count]) => ({ month, count })),
    previousYearTotal,
    change: total - previousYearTotal,
    changePercent: previousYearTotal > 0 ? ((total - previousYearTotal) / previousYearTotal) * 100 : null,
    openIssues: rows.open?.open ?? 0,
    openIssuesMedianAgeDays: rows.open?.medianAgeDays ?? null,
  };
}
