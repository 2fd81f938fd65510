import { AnalysisLimitError, UnknownSourceError } from '../errors';

import type { AnalysisScope, HotspotsService, SnappingRow } from './hotspots.service';
import { type AnalysisContext, analysisOf, toScope } from './scope';
import type { SnappingInput, SourceSnapping } from './snapping.types';

/** Whether a source's points are snapped, and why. */
interface Snapped {
  snapped: boolean;
  rule: string;
}

/**
 * What each importer's points are. Sources are not a table (each is the incident.source its
 * importer writes), so what is known of their points lives here, beside the rule for the rest.
 * A street-scene report is snapped or not by who asks: officers see its exact point, everyone
 * else its published one (published_point_bng), as every analysis places it.
 */
const KNOWN_SOURCES: Record<string, (exactPoints: boolean) => Snapped> = {
  'police.uk': () => ({ snapped: true, rule: 'police.uk publishes each crime at one of its anonymous map points' }),
  'synthetic-police.uk': () => ({
    snapped: true,
    rule: 'the generator moves its synthetic crimes to map points, as police.uk does',
  }),
  'council-report': (exactPoints) =>
    exactPoints
      ? { snapped: false, rule: 'street-scene reports carry the point reported, which this caller sees' }
      : {
          snapped: true,
          rule: 'street-scene reports are shown to this caller at the centre of their 100 m grid square',
        },
};

/** Most sources one measurement takes. */
const MAX_SOURCES = 20;

/**
 * A source the hub does not know is judged by its points: snapped when its incidents are at least
 * twice its distinct points, the test clusters.sql makes for shared points.
 */
function snappedBy(row: SnappingRow, exactPoints: boolean): Snapped {
  const known = KNOWN_SOURCES[row.source];
  if (known) {
    return known(exactPoints);
  }
  return {
    snapped: row.incidents >= 2 * row.distinctPoints,
    rule: `not a source the hub knows, so judged by its points: snapped when its incidents are at least twice its distinct points (here ${row.incidents} at ${row.distinctPoints})`,
  };
}

/**
 * The scope's sources, each with its points measured and whether they are snapped.
 * @param every measure the spacing of every source (dataQuality); otherwise only of the snapped
 *   ones, known or shared, which are all a warning needs: exact points are as many as incidents,
 *   and their spacing is the dearest part to measure
 */
export async function snappingIn(
  service: HotspotsService,
  scope: AnalysisScope,
  every = false,
): Promise<SourceSnapping[]> {
  const snappedKnown = Object.keys(KNOWN_SOURCES).filter((s) => KNOWN_SOURCES[s](scope.exactPoints).snapped);
  return (await service.snapping(scope, every ? null : snappedKnown)).map((row) => {
    const { snapped, rule } = snappedBy(row, scope.exactPoints);
    return { ...row, snapped, snappedRule: rule };
  });
}

/** Metres for a message: whole metres, or to a tenth below 10. */
function metres(m: number): string {
  return m < 10 ? m.toFixed(1) : String(Math.round(m));
}

/**
 * Warnings for a length an analysis resolves (a cell's size, a DBSCAN radius) below the typical
 * spacing of a snapped source's points: below it, most cells or radii hold or reach one point, so
 * what is found is where the points were put rather than where incidents happened.
 * @param what the length as the warning names it, e.g. 'cells of' or 'a DBSCAN radius of'
 * @param fix the parameter to change, e.g. 'cellSizeMetres'
 */
export function snappingWarnings(measured: SourceSnapping[], length: number, what: string, fix: string): string[] {
  return measured
    .filter((s) => s.snapped && s.spacingMetres !== null && length < s.spacingMetres)
    .map((s) => {
      const spacing = s.spacingMetres as number;
      return (
        `${what} ${metres(length)} m is below the ${metres(spacing)} m typical spacing of ${s.source}'s snapped points in this extent ` +
        `(the median distance from each of its ${s.distinctPoints} points to the nearest other): results follow where the points were put, ` +
        `not where incidents happened; use ${fix} of at least ${Math.ceil(spacing / 25) * 25}`
      );
    });
}

/**
 * The snapping of each source over a period and extent, for dataQuality.
 * @param held the sources the hub holds rows from
 * @throws BAD_USER_INPUT for a source neither held nor known, ANALYSIS_LIMIT beyond MAX_SOURCES,
 *   and the extent's errors (toScope)
 */
export async function snappingOf(
  ctx: AnalysisContext,
  from: string,
  to: string,
  input: SnappingInput | null,
  held: readonly string[],
): Promise<SourceSnapping[]> {
  const sources = input?.sources ?? null;
  if (sources && sources.length > MAX_SOURCES) {
    throw new AnalysisLimitError(`sources may name at most ${MAX_SOURCES}, got ${sources.length}`);
  }
  const known = [...new Set([...held, ...Object.keys(KNOWN_SOURCES)])].sort();
  const unknown = (sources ?? []).filter((s) => !known.includes(s));
  if (unknown.length > 0) {
    throw new UnknownSourceError(known, unknown);
  }
  const { scope } = await toScope(ctx, { ...input, from, to, sources });
  return snappingIn(analysisOf(ctx).service, scope, true);
}
