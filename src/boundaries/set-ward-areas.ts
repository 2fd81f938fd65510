import { randomUUID } from 'node:crypto';

import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';
import { InvalidGroupingError } from '../errors';
import { BoundarySets } from '../geography/boundary-sets';
import { splitAreas } from '../geography/contiguity';
import { GeographyService } from '../geography/geography.service';
import { IncidentsService } from '../incidents/incidents.service';

import { checkWardsInSet } from './analysis-set';

export interface WardMove {
  wardCode: string;
  fromArea: string;
  toArea: string;
}

/** Longest name of someone an administrator acts for. */
export const MAX_ON_BEHALF_OF = 200;

/**
 * Applies a grouping of the wards of one set: moves the wards named to the areas named (others
 * stay), after checking that every area keeps at least one ward of the set and stays contiguous
 * in it, records each move with who made it (and whom they acted for), and re-assigns incidents'
 * areas, all on `db`, which must be one transaction.
 * @param changedBy the authenticated caller
 * @param onBehalfOf whom they act for, when they say so
 * @param boundarySet the ward set grouped; by default the set of the first ward named (the
 *   current set when none is)
 * @throws InvalidGroupingError naming the unknown code, the empty area or the area in pieces;
 *   WrongBoundarySetError for a ward of another set; NotFoundError for a set not held
 */
export async function setWardAreas(
  db: Db,
  assignments: readonly { wardCode: string; areaCode: string }[],
  changedBy: string,
  onBehalfOf: string | null,
  boundarySet: string | null = null,
): Promise<{ changeSet: string; moves: WardMove[]; incidentsReassigned: number; boundarySet: string }> {
  const actingFor = onBehalfOf?.trim() || null;
  if (actingFor && actingFor.length > MAX_ON_BEHALF_OF) {
    throw new InvalidGroupingError(
      `onBehalfOf must be at most ${MAX_ON_BEHALF_OF} characters, got ${actingFor.length}`,
    );
  }
  const geography = new GeographyService(db);
  const named = new Map((await geography.wardsByCode(assignments.map((a) => a.wardCode))).map((w) => [w.code, w]));
  const unknown = assignments.find((a) => !named.has(a.wardCode));
  if (unknown) {
    throw new InvalidGroupingError(`unknown ward "${unknown.wardCode.slice(0, 64)}"; the wards query lists them`);
  }
  const sets = new BoundarySets(await geography.boundarySets());
  const set = sets.choose({ boundarySet: boundarySet ?? named.get(assignments[0]?.wardCode)?.boundarySetId });
  checkWardsInSet([...named.values()], set);
  const areas = new Set((await geography.allAreas()).map((a) => a.code));
  const wards = await geography.wards({ setId: set.id });
  const grouping = new Map(wards.map((w) => [w.code, w.areaCode]));
  const seen = new Set<string>();
  for (const { wardCode, areaCode } of assignments) {
    if (!areas.has(areaCode)) {
      throw new InvalidGroupingError(`unknown area "${areaCode.slice(0, 64)}"; the areas query lists them`);
    }
    if (seen.has(wardCode)) {
      throw new InvalidGroupingError(`ward ${wardCode} is assigned twice; give each ward once`);
    }
    seen.add(wardCode);
    grouping.set(wardCode, areaCode);
  }
  const members = new Map([...areas].map((a) => [a, [] as string[]]));
  grouping.forEach((area, ward) => members.get(area)?.push(ward));
  const empty = [...members].filter(([, list]) => list.length === 0).map(([area]) => area);
  if (empty.length > 0) {
    throw new InvalidGroupingError(`area(s) ${empty.join(', ')} would have no ward; every area keeps at least one`);
  }
  // Adjacency pairs wards of one set only, so contiguity is judged within the set.
  const split = splitAreas(members, await geography.adjacency());
  if (split.length > 0) {
    throw new InvalidGroupingError(
      `areas must stay contiguous: ${split.map((s) => `${s.area} would fall into ${s.pieces.map((p) => p.join('+')).join(' | ')}`).join('; ')}`,
    );
  }
  const changeSet = randomUUID();
  // The moves end in a re-placement of every incident: wait for import batches before writing.
  await new IncidentsService(db).holdPlacement();
  const moves = await db.query<WardMove>(sqlFile(__dirname, 'move-wards'), [
    assignments.map((a) => a.wardCode),
    assignments.map((a) => a.areaCode),
    changeSet,
    changedBy,
    actingFor,
  ]);
  const incidentsReassigned = moves.length > 0 ? await new IncidentsService(db).reassign() : 0;
  return { changeSet, moves, incidentsReassigned, boundarySet: set.id };
}
