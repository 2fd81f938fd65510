import type { MultiPolygon } from 'geojson';

import { checkRowId } from '../db/row-id';
import { InvalidPlaceError, NotFoundError } from '../errors';
import { validatePolygonal } from '../geo/geojson';
import { BoundarySets } from '../geography/boundary-sets';
import type { HubContext } from '../graphql/context';

import { clusterPlace, crossBoundaryPlace, hotspotPlace } from './analysis-place';
import { PlacesService } from './places.service';
import { type PlaceInput, UnitLevel } from './tasking.types';

/** At least this share of a drawn polygon must lie inside the city. */
export const MIN_INSIDE_SHARE = 0.5;

/** The kinds of place a task or priority records (task.source_kind, plan_priority.place_kind). */
export type PlaceKind =
  'polygon' | 'ward' | 'area' | 'policeNeighbourhood' | 'board' | 'report' | 'hotspot' | 'cluster' | 'cross_boundary';

/** A place made into a footprint, with what it suggests for a task made from it. */
export interface ResolvedPlace {
  kind: PlaceKind;
  /** What it was made from (a code or id); null for a drawn polygon. */
  ref: string | null;
  footprint: MultiPolygon;
  /** In words, for a task title or a message. */
  label: string;
  /** The unit a task made from it is for, where the place names one. */
  unit: { level: UnitLevel; code: string } | null;
  /** The agency that owns what the place is about (a report's category), when it says. */
  agency: string | null;
  categories: string[];
}

const FIELDS = [
  'polygon',
  'ward',
  'area',
  'policeNeighbourhood',
  'board',
  'report',
  'hotspot',
  'cluster',
  'crossBoundary',
] as const;

/**
 * Turns a place into a footprint on the current ward set.
 * @throws InvalidPlaceError (BAD_USER_INPUT) when not exactly one kind is given, for a polygon that
 *   is not valid or lies mostly outside the city, a board without units, a report that is not a
 *   street-scene report; InvalidGeoJSONError for a geometry that is not a polygon; NotFoundError
 *   for a ward, area, police neighbourhood, board or report the hub does not hold, and for hot
 *   cells, a cluster or a cross-boundary issue its analysis no longer finds (analysis-place.ts)
 */
export async function resolvePlace(ctx: HubContext, input: PlaceInput): Promise<ResolvedPlace> {
  const given = FIELDS.filter((f) => input[f] !== null && input[f] !== undefined);
  if (given.length !== 1) {
    throw new InvalidPlaceError(
      `a place must be exactly one of ${FIELDS.join(', ')}, got ${given.length === 0 ? 'none' : given.join(' and ')}`,
    );
  }
  // Dispatch on the field given, not on its truth: an empty string is given, and refused below.
  const [field] = given;
  if (input.hotspot) {
    return hotspotPlace(ctx, input.hotspot);
  }
  if (input.cluster) {
    return clusterPlace(ctx, input.cluster);
  }
  if (input.crossBoundary) {
    return crossBoundaryPlace(ctx, input.crossBoundary);
  }
  const places = new PlacesService(ctx.db);
  const set = new BoundarySets(await ctx.geography.boundarySets()).current();
  const none = { unit: null, agency: null, categories: [] };
  if (field === 'polygon') {
    const geometry = validatePolygonal(input.polygon, 'polygon');
    const row = await places.polygon(JSON.stringify(geometry), set.id);
    if (row.invalidReason) {
      throw new InvalidPlaceError(
        `polygon must be valid (no self-intersections, rings that close and do not cross), got: ${row.invalidReason}`,
      );
    }
    if (row.insideShare === null || row.insideShare < MIN_INSIDE_SHARE) {
      throw new InvalidPlaceError(
        `polygon must lie at least ${MIN_INSIDE_SHARE * 100} % inside the city (the wards of ${set.id}), got ${((row.insideShare ?? 0) * 100).toFixed(1)} %`,
      );
    }
    return { kind: 'polygon', ref: null, footprint: row.footprint, label: 'a drawn polygon', ...none };
  }
  if (field === 'board') {
    const ref = input.board as string;
    const id = Number(checkRowId(ref, 'a board', 'board'));
    const row = id <= 2 ** 31 - 1 ? await places.board(set.id, id) : undefined;
    if (!row) {
      throw new NotFoundError(`no board has id ${ref}; the boards query lists them`);
    }
    if (!row.footprint) {
      throw new InvalidPlaceError(`board ${row.name} covers no unit yet, so it has no footprint`);
    }
    return { kind: 'board', ref, footprint: row.footprint, label: `board ${row.name}`, ...none };
  }
  if (field === 'report') {
    const ref = input.report as string;
    const row = await places.report(checkRowId(ref, 'an incident', 'report'));
    if (!row) {
      throw new NotFoundError(`no incident has id ${ref}`);
    }
    if (row.kind !== 'street_scene' || row.status === null) {
      throw new InvalidPlaceError(
        `report must be a street-scene report, got incident ${ref} of category ${row.category} (${row.kind})`,
      );
    }
    return {
      kind: 'report',
      ref,
      footprint: row.footprint,
      label: `report ${ref} (${row.category})`,
      unit: row.wardCode ? { level: UnitLevel.WARD, code: row.wardCode } : null,
      agency: row.agency,
      categories: [row.category],
    };
  }
  const [level, code] =
    field === 'ward'
      ? [UnitLevel.WARD, input.ward as string]
      : field === 'area'
        ? [UnitLevel.AREA, input.area as string]
        : [UnitLevel.POLICE_NEIGHBOURHOOD, input.policeNeighbourhood as string];
  const row = await places.unit(set.id, level, code);
  if (!row) {
    throw new NotFoundError(
      `no ${level === UnitLevel.POLICE_NEIGHBOURHOOD ? 'current police neighbourhood has id' : `${level} of ${set.id} has code`} ${JSON.stringify(code.slice(0, 64))}`,
    );
  }
  return {
    kind: level,
    ref: code,
    footprint: row.footprint,
    label: `${level === UnitLevel.POLICE_NEIGHBOURHOOD ? 'police neighbourhood' : level} ${row.name}`,
    unit: { level, code },
    agency: null,
    categories: [],
  };
}
