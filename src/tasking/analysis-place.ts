import type { MultiPolygon } from 'geojson';

import { InvalidPlaceError, LimitExceededError, NotFoundError } from '../errors';
import { checkDbscan, clustersIn } from '../hotspots/clusters';
import { crossBoundaryIssues } from '../hotspots/cross-boundary';
import { gridAnalysis } from '../hotspots/grid';
import { type AnalysisInput, BoundaryLevel, type BoundaryShare, type HotspotInput } from '../hotspots/hotspots.types';
import { type AnalysisContext, toScope } from '../hotspots/scope';

import {
  type ClusterPlaceInput,
  type CrossBoundaryPlaceInput,
  type HotspotPlaceInput,
  MAX_PLACE_CELLS,
} from './analysis-place.types';
import type { ResolvedPlace } from './place';
import { PlacesService } from './places.service';
import { UnitLevel } from './tasking.types';

/** Lowest Gi* confidence a cell must still have to be part of a hot spot (95 %, as hot spots are grouped). */
const HOT = 2;

/**
 * Metres a cluster's hull (or a cross-boundary issue's outline) is widened by, so that the
 * incidents at its corners stay inside once rounded to GeoJSON's six decimals (place-union.sql).
 */
const HULL_WIDEN_METRES = 1;

const UNIT_LEVEL: Record<BoundaryLevel, UnitLevel> = {
  [BoundaryLevel.WARD]: UnitLevel.WARD,
  [BoundaryLevel.AREA]: UnitLevel.AREA,
  [BoundaryLevel.POLICE_NEIGHBOURHOOD]: UnitLevel.POLICE_NEIGHBOURHOOD,
};

/** An analysis input as a client sends it (GraphQL enum names), so a task's source.ref can be sent again. */
const asSent = (input: HotspotInput) => ({ ...input, cellShape: input.cellShape.toUpperCase() });

/** What to say when a computed place is no longer found. */
const GONE =
  'the incidents or the boundaries have changed since it was found, or the analysis input differs: run the analysis again and take the place from its answer';

/**
 * The lead agency: the one owning the category with the most incidents of the analysis inside
 * the footprint (ties to the category first in alphabetical order). Owning the largest single
 * category, not the most incidents in all, so that one dominant problem (fly-tipping, say) is
 * led by its owner even when another agency owns several smaller ones.
 */
async function leadAgency(
  places: PlacesService,
  footprint: MultiPolygon,
  input: AnalysisInput,
): Promise<string | null> {
  const [largest] = await places.categories(
    footprint,
    `${input.from}-01`,
    `${input.to}-01`,
    input.categories ?? null,
    input.sources ?? null,
  );
  return largest?.agency ?? null;
}

/** A share's unit as a task's unit; police neighbourhoods are named by code in analyses but kept by id. */
async function unitOf(places: PlacesService, share: BoundaryShare): Promise<ResolvedPlace['unit']> {
  if (share.level !== BoundaryLevel.POLICE_NEIGHBOURHOOD) {
    return { level: UNIT_LEVEL[share.level], code: share.code };
  }
  const id = await places.policeNeighbourhoodId(share.code);
  return id ? { level: UnitLevel.POLICE_NEIGHBOURHOOD, code: id } : null;
}

/**
 * Hot cells of a Gi* analysis, run again: every cell named must still be in the grid and hot at
 * 95 % or more. The unit is the ward when all the cells lie in one ward, else none.
 * @throws LimitExceededError for no or too many cells; NotFoundError for a cell no longer hot;
 *   the analysis's own errors
 */
export async function hotspotPlace(ctx: AnalysisContext, input: HotspotPlaceInput): Promise<ResolvedPlace> {
  const ids = [...new Set(input.cells)];
  if (ids.length === 0 || ids.length > MAX_PLACE_CELLS) {
    throw new LimitExceededError('hotspot.cells', `from 1 to ${MAX_PLACE_CELLS} cell ids`, ids.length);
  }
  const { result } = await gridAnalysis(ctx, input.analysis);
  const byId = new Map(result.cells.map((c) => [c.id, c]));
  for (const id of ids) {
    const cell = byId.get(id);
    if (!cell || cell.confidence < HOT) {
      throw new NotFoundError(
        `hotspot.cells: cell ${JSON.stringify(id.slice(0, 32))} is ${cell ? `no longer hot at 95 % (confidence ${cell.confidence})` : 'not in the grid of this analysis'}; ${GONE}`,
      );
    }
  }
  const cells = ids.map((id) => byId.get(id) as NonNullable<ReturnType<typeof byId.get>>);
  const places = new PlacesService(ctx.db);
  const footprint = await places.union(
    cells.map((c) => JSON.stringify(c.geometry)),
    0,
  );
  const wards = new Set(cells.flatMap((c) => c.wardCodes));
  return {
    kind: 'hotspot',
    ref: JSON.stringify({ analysis: asSent(input.analysis), cells: [...ids].sort() }),
    footprint,
    label: `hot spot of ${cells.length} cell${cells.length === 1 ? '' : 's'} (${input.analysis.from} to ${input.analysis.to})`,
    unit: wards.size === 1 ? { level: UnitLevel.WARD, code: [...wards][0] } : null,
    agency: await leadAgency(places, footprint, input.analysis),
    categories: input.analysis.categories ?? [],
  };
}

/**
 * A DBSCAN cluster, found again by its key. The unit is the ward with most of its incidents.
 * @throws NotFoundError when no cluster of the analysis has the key; the analysis's own errors
 */
export async function clusterPlace(ctx: AnalysisContext, input: ClusterPlaceInput): Promise<ResolvedPlace> {
  const { analysis } = input;
  checkDbscan(analysis.epsMetres, analysis.minPoints ?? null);
  const { scope } = await toScope(ctx, analysis);
  const found = (await clustersIn(ctx, scope, analysis.epsMetres, analysis.minPoints ?? null)).find(
    (c) => c.key === input.key,
  );
  if (!found) {
    throw new NotFoundError(
      `cluster.key: no cluster of this analysis has key ${JSON.stringify(input.key.slice(0, 64))}; ${GONE}`,
    );
  }
  const places = new PlacesService(ctx.db);
  const footprint = await places.union([JSON.stringify(found.hull)], HULL_WIDEN_METRES);
  const ward = found.boundaries.find((b) => b.level === BoundaryLevel.WARD);
  return {
    kind: 'cluster',
    ref: JSON.stringify({ analysis, key: input.key }),
    footprint,
    label: `cluster of ${found.count} incidents (${found.firstMonth} to ${found.lastMonth})`,
    unit: ward ? { level: UnitLevel.WARD, code: ward.code } : null,
    agency: await leadAgency(places, footprint, analysis),
    categories: analysis.categories ?? [],
  };
}

/**
 * A cross-boundary issue, found again by its key (DBSCAN runs only for a CLUSTER key). The unit
 * is its proposed lead (the party with the largest share); the agency the lead agency rule's.
 * @throws InvalidPlaceError for a key of neither kind; NotFoundError when the issue is no longer
 *   there; the analysis's own errors
 */
export async function crossBoundaryPlace(ctx: AnalysisContext, input: CrossBoundaryPlaceInput): Promise<ResolvedPlace> {
  const kind = input.key.split(':')[0];
  if (kind !== 'HOTSPOT' && kind !== 'CLUSTER') {
    throw new InvalidPlaceError(
      `crossBoundary.key must be a CrossBoundaryIssue.key (HOTSPOT:… or CLUSTER:…), got ${JSON.stringify(input.key.slice(0, 64))}`,
    );
  }
  const clustering = kind === 'CLUSTER' ? { epsMetres: input.epsMetres, minPoints: input.minPoints ?? null } : null;
  const issues = await crossBoundaryIssues(ctx, input.analysis, input.level, clustering);
  const issue = issues.find((i) => i.key === input.key);
  if (!issue) {
    throw new NotFoundError(
      `crossBoundary.key: no cross-boundary issue of this analysis at level ${input.level} has key ${JSON.stringify(input.key.slice(0, 64))}; ${GONE}`,
    );
  }
  const places = new PlacesService(ctx.db);
  const footprint = await places.union([JSON.stringify(issue.geometry)], HULL_WIDEN_METRES);
  return {
    kind: 'cross_boundary',
    ref: JSON.stringify({
      analysis: asSent(input.analysis),
      level: input.level.toUpperCase(),
      ...(clustering ?? {}),
      key: input.key,
    }),
    footprint,
    label: `cross-boundary ${kind === 'HOTSPOT' ? 'hot spot' : 'cluster'} across ${issue.parties.map((p) => p.name).join(', ')}`,
    unit: await unitOf(places, issue.lead),
    agency: await leadAgency(places, footprint, input.analysis),
    categories: input.analysis.categories ?? [],
  };
}
