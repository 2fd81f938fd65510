import { Disclosing } from '../auth/disclosure';
import { period } from '../incidents/period';

import { gridAnalysis } from './grid';
import type { HotspotAccuracy, HotspotInput } from './hotspots.types';
import type { AnalysisContext } from './scope';

/**
 * Predictive Accuracy Index: the cells hot at 95 % in the input period, scored on the incidents
 * of a later test period. PAI = hit rate (share of the test incidents in flagged cells) ÷ area
 * share (share of the cells flagged); null when there are no test incidents or they are withheld.
 */
export async function hotspotAccuracy(
  ctx: AnalysisContext,
  input: HotspotInput,
  testFrom: string,
  testTo: string,
): Promise<HotspotAccuracy> {
  const test = period(testFrom, testTo);
  const flagged = await gridAnalysis(ctx, input);
  const tested = await gridAnalysis(ctx, { ...input, from: test.from, to: test.to });
  const flags = flagged.result.cells.map((c) => c.confidence >= 2);
  const totalCells = flags.length;
  const flaggedCells = flags.filter(Boolean).length;
  const testIncidents = tested.rows.reduce((s, r) => s + r.count, 0);
  const capturedIncidents = tested.rows.reduce((s, r, k) => s + (flags[k] ? r.count : 0), 0);
  const areaShare = totalCells > 0 ? flaggedCells / totalCells : 0;
  const disclosing = new Disclosing(ctx.caller);
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
    boundarySet: flagged.result.parameters.boundarySet,
  };
}
