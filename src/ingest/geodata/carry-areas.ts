import { randomUUID } from 'node:crypto';

import type { Db } from '../../db/db';
import { sqlFile } from '../../db/sql';
import { splitAreas } from '../../geography/contiguity';
import type { CodePair } from '../../geography/geography.service';

import { GeodataError } from './files';

const sql = (name: string) => sqlFile(__dirname, name);

export interface CarryOver {
  /** The later set, and the set its areas come from. */
  setId: string;
  fromSetId: string;
  /** Every ward of the later set with its area as held now. */
  setWards: Map<string, string>;
  /** The wards this load added, whose areas are carried over. */
  newWards: string[];
  /** Ward adjacency (pairs within one set). */
  adjacency: CodePair[];
  /** Every area's code: each must keep a ward in the later set. */
  areas: string[];
}

/** How far the search for a contiguous grouping goes before the load gives up. */
const MAX_ROUNDS = 20;

/**
 * Gives each new ward of a later set the area that holds most of its residents in the set
 * before (through the crosswalk), then keeps every area contiguous: a ward left in a piece cut off
 * from the rest of its area moves to the neighbouring area it took most residents from (or, with
 * none, to a neighbour's area), the smaller pieces first, until no area is in pieces. Records the
 * assignments in the setWardAreas audit.
 * @returns the number of wards given an area
 * @throws GeodataError when an area would be left without wards, or cannot be made contiguous
 */
export async function carryAreas(db: Db, carry: CarryOver): Promise<number> {
  const { setId, fromSetId, setWards, newWards, adjacency, areas } = carry;
  if (newWards.length === 0) {
    return 0;
  }
  const rows = await db.query<{ wardCode: string; areaCode: string; residents: number }>(sql('carried-areas'), [newWards]);
  const takenFrom = new Map<string, Map<string, number>>();
  for (const r of rows) {
    takenFrom.set(r.wardCode, (takenFrom.get(r.wardCode) ?? new Map()).set(r.areaCode, r.residents));
  }
  const grouping = new Map(setWards);
  for (const ward of newWards) {
    const first = [...(takenFrom.get(ward) ?? new Map()).keys()][0];
    if (first) {
      grouping.set(ward, first);
    }
  }
  const neighbours = new Map<string, string[]>();
  adjacency.forEach((p) => neighbours.set(p.wardCode, [...(neighbours.get(p.wardCode) ?? []), p.neighbourCode]));
  const movable = new Set(newWards);
  const residentsOf = (wards: string[]) => wards.reduce((s, w) => s + [...(takenFrom.get(w)?.values() ?? [])].reduce((a, b) => a + b, 0), 0);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const members = new Map<string, string[]>();
    grouping.forEach((area, ward) => members.set(area, [...(members.get(area) ?? []), ward]));
    const split = splitAreas(members, adjacency);
    if (split.length === 0) {
      break;
    }
    for (const { area, pieces } of split) {
      const [, ...cutOff] = [...pieces].sort((a, b) => residentsOf(b) - residentsOf(a));
      for (const ward of cutOff.flat().filter((w) => movable.has(w))) {
        const around = new Set((neighbours.get(ward) ?? []).map((n) => grouping.get(n)).filter((a): a is string => !!a && a !== area));
        const choice = [...around].sort((a, b) => (takenFrom.get(ward)?.get(b) ?? 0) - (takenFrom.get(ward)?.get(a) ?? 0))[0];
        if (choice) {
          grouping.set(ward, choice);
        }
      }
    }
  }
  const members = new Map<string, string[]>();
  grouping.forEach((area, ward) => members.set(area, [...(members.get(area) ?? []), ward]));
  const split = splitAreas(members, adjacency);
  if (split.length > 0) {
    throw new GeodataError(
      `carrying the areas over to ${setId} leaves ${split.map((s) => `${s.area} in ${s.pieces.length} pieces`).join(', ')}; group ${setId}'s wards in the areas file`,
    );
  }
  const empty = areas.filter((a) => !members.has(a));
  if (empty.length > 0) {
    throw new GeodataError(`carrying the areas over to ${setId} leaves ${empty.join(', ')} without a ward; group ${setId}'s wards in the areas file`);
  }
  const wards = newWards.filter((w) => grouping.has(w));
  await db.query(sql('record-carried-areas'), [
    wards,
    wards.map((w) => grouping.get(w)),
    randomUUID(),
    `carried over from ${fromSetId}: each ward to the area holding most of its residents, kept contiguous`,
  ]);
  return wards.length;
}
