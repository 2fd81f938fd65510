import type { MultiPolygon } from 'geojson';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';

import { seesExactPoints } from '../auth/caller';
import { Disclosing } from '../auth/disclosure';
import { AnalysisLimitError } from '../errors';
import type { HubContext } from '../graphql/context';
import { monthsOf, period, shifted } from '../incidents/period';

import { hotSpotGroups, hotspots, MAX_MONTHS, monthlyGrid } from './analysis';
import { HotspotsService } from './hotspots.service';
import { HotspotAccuracy, HotspotInput, HotspotTrend, PersistentCell } from './hotspots.types';
import { classify } from './trend';

@Resolver()
export class HotspotTrendResolver {
  @Query(() => [HotspotTrend], {
    description:
      'Hot spots over the period (contiguous cells hot at 95 %), each with monthly counts and a Mann-Kendall trend class.',
  })
  async hotspotTrend(
    @Arg('input', () => HotspotInput) input: HotspotInput,
    @Ctx() { db, loaders, caller }: HubContext,
  ): Promise<HotspotTrend[]> {
    const service = new HotspotsService(db);
    const months = monthsOf(period(input.from, input.to));
    const exact = seesExactPoints(caller);
    const monthly = await monthlyGrid(input, months, service, loaders, exact);
    const { result, rows } = await hotspots(input, service, loaders, exact);
    const disclosing = new Disclosing(caller);
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
        };
      })
      .sort((a, b) => b.exactTotal - a.exactTotal)
      .map(({ exactTotal: _, ...trend }) => trend);
  }

  @Query(() => [PersistentCell], {
    description:
      'Cells hot at 95 % in at least minSignificantMonths of the last `months` months up to input.to: problems not being resolved.',
  })
  async persistentHotspots(
    @Arg('input', () => HotspotInput) input: HotspotInput,
    @Arg('months', () => Int) months: number,
    @Arg('minSignificantMonths', () => Int) minSignificantMonths: number,
    @Ctx() { db, loaders, caller }: HubContext,
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
    const monthly = await monthlyGrid(input, list, new HotspotsService(db), loaders, seesExactPoints(caller));
    const disclosing = new Disclosing(caller);
    return monthly.rows
      .map((row, k) => ({
        id: `${row.i}:${row.j}`,
        geometry: row.geometry,
        exactCount: monthly.counts.reduce((s, m) => s + m[k], 0),
        significantMonths: monthly.hot.filter((m) => m[k]).length,
        wardCodes: row.wardCodes,
        areaCodes: row.areaCodes,
      }))
      .filter((c) => c.significantMonths >= minSignificantMonths)
      .sort((a, b) => b.significantMonths - a.significantMonths || b.exactCount - a.exactCount)
      .map(({ exactCount, ...cell }) => ({ ...cell, count: disclosing.count(exactCount) }));
  }

  @Query(() => HotspotAccuracy, {
    description:
      'Predictive Accuracy Index: cells hot at 95 % in the input period, scored on the incidents of a later test period.',
  })
  async hotspotAccuracy(
    @Arg('input', () => HotspotInput, {
      description: 'The flagging analysis (its from and to are the flagging period).',
    })
    input: HotspotInput,
    @Arg('testFrom', () => String) testFrom: string,
    @Arg('testTo', () => String) testTo: string,
    @Ctx() { db, loaders, caller }: HubContext,
  ): Promise<HotspotAccuracy> {
    const test = period(testFrom, testTo);
    const service = new HotspotsService(db);
    const exact = seesExactPoints(caller);
    const flagged = await hotspots(input, service, loaders, exact);
    const tested = await hotspots({ ...input, from: test.from, to: test.to }, service, loaders, exact);
    const flags = flagged.result.cells.map((c) => c.confidence >= 2);
    const totalCells = flags.length;
    const flaggedCells = flags.filter(Boolean).length;
    const testIncidents = tested.rows.reduce((s, r) => s + r.count, 0);
    const capturedIncidents = tested.rows.reduce((s, r, k) => s + (flags[k] ? r.count : 0), 0);
    const areaShare = totalCells > 0 ? flaggedCells / totalCells : 0;
    const disclosing = new Disclosing(caller);
    const shownTest = disclosing.count(testIncidents);
    const shownCaptured = disclosing.count(capturedIncidents);
    const hitRate =
      testIncidents > 0 && shownTest !== null && shownCaptured !== null ? capturedIncidents / testIncidents : null;
    return {
      flaggedCells,
      totalCells,
      areaShare,
      testIncidents: shownTest,
      capturedIncidents: shownCaptured,
      hitRate,
      pai: hitRate !== null && areaShare > 0 ? hitRate / areaShare : null,
    };
  }
}
