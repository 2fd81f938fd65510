import type { MultiPolygon } from 'geojson';

import { Disclosing } from '../auth/disclosure';
import { AnalysisLimitError } from '../errors';
import { monthsOf, period, shifted } from '../incidents/period';

import { gridAnalysis, hotSpotGroups, MAX_MONTHS, monthlyGrid } from './grid';
import type { HotspotInput, HotspotTrend, PersistentCell } from './hotspots.types';
import type { AnalysisContext } from './scope';
import { classify } from './trend';

/**
 * Hot spots over the period (contiguous cells hot at 95 %), each with its monthly counts and a
 * Mann-Kendall trend class, largest first; counts as the caller may see them. On an earlier ward
 * set, over the months it held.
 */
export async function hotspotTrend(ctx: AnalysisContext, input: HotspotInput): Promise<HotspotTrend[]> {
  const monthly = await monthlyGrid(ctx, input, monthsOf(period(input.from, input.to)));
  const { months } = monthly;
  const { result, rows } = await gridAnalysis(ctx, input);
  const disclosing = new Disclosing(ctx.caller);
  return hotSpotGroups(result.cells, rows, input.cellShape, input.cellSizeMetres)
    .map((group) => {
      const counts = months.map((_, m) => group.reduce((s, k) => s + monthly.counts[m][k], 0));
      const significant = months.map((_, m) => group.some((k) => monthly.hot[m][k]));
      const { trend, test } = classify(counts, significant);
      const geometry: MultiPolygon = {
        type: 'MultiPolygon',
        coordinates: group.map((k) => rows[k].geometry.coordinates),
      };
      const total = counts.reduce((a, b) => a + b, 0);
      const shown = disclosing.parts(counts, (n) => n, disclosing.count(total) !== null);
      return {
        geometry,
        cells: group.length,
        exactTotal: total,
        total: disclosing.count(total),
        months: months.map((month, m) => ({ month, count: shown[m] })),
        significantMonths: significant.filter(Boolean).length,
        trend,
        mannKendallS: test.s,
        mannKendallZ: test.z,
        mannKendallPValue: test.pValue,
        wardCodes: [...new Set(group.flatMap((k) => rows[k].wardCodes))].sort(),
        boundarySet: monthly.boundarySet,
      };
    })
    .sort((a, b) => b.exactTotal - a.exactTotal)
    .map(({ exactTotal: _, ...trend }) => trend);
}

/**
 * Cells hot at 95 % in at least minSignificantMonths of the last `months` months up to input.to:
 * problems not being resolved.
 * @throws ANALYSIS_LIMIT for months outside 1 to MAX_MONTHS or minSignificantMonths outside 1 to months
 */
export async function persistentHotspots(
  ctx: AnalysisContext,
  input: HotspotInput,
  months: number,
  minSignificantMonths: number,
): Promise<PersistentCell[]> {
  if (
    !(Number.isInteger(months) && months >= 1 && months <= MAX_MONTHS) ||
    !(minSignificantMonths >= 1 && minSignificantMonths <= months)
  ) {
    throw new AnalysisLimitError(
      `months must be from 1 to ${MAX_MONTHS} and minSignificantMonths from 1 to months, got ${months} and ${minSignificantMonths}`,
    );
  }
  const end = period(input.to, input.to);
  const list = monthsOf({ from: shifted(end, months - 1).from, to: end.to });
  const monthly = await monthlyGrid(ctx, input, list);
  const disclosing = new Disclosing(ctx.caller);
  return monthly.rows
    .map((row, k) => ({
      id: `${row.i}:${row.j}`,
      geometry: row.geometry,
      exactCount: monthly.counts.reduce((s, m) => s + m[k], 0),
      significantMonths: monthly.hot.filter((m) => m[k]).length,
      wardCodes: row.wardCodes,
      areaCodes: row.areaCodes,
      boundarySet: monthly.boundarySet,
    }))
    .filter((c) => c.significantMonths >= minSignificantMonths)
    .sort((a, b) => b.significantMonths - a.significantMonths || b.exactCount - a.exactCount)
    .map(({ exactCount, ...cell }) => ({ ...cell, count: disclosing.count(exactCount) }));
}
