import { AllocationError } from '../errors';
import type { HubContext } from '../graphql/context';

import { type PairingRule as EnginePairing, type PriorityUnit, proposeAllocation } from './allocation';
import {
  type AllocationResult,
  AllocationRule,
  PairingRule,
  PairLink,
  type ProposeAllocationInput,
} from './allocation.types';
import { NeedLevel } from './need.types';
import { computePriority } from './need-analysis';

/** The method, as the answer states it for a report. */
export const ALLOCATION_METHOD =
  'Units in need order: the top `dedicated` get a whole post, the next 2 × (posts − dedicated) half a post, any further units money only; every line is 1, 0.5 or 0, so the posts add up exactly. ' +
  'Half posts are paired by an exact search over every split: NEIGHBOURS most pairs of wards sharing a boundary, then most in the same area, then the least gap in need order; SAME_AREA area first, then boundary; SIMILAR_NEED the least gap in need order; equal splits settled in need order. ' +
  'Money: every unit gets the floor; the rest is spread in proportion to need (to need above the lowest when any need is negative) and rounded to whole pounds by the largest remainder, so the pounds add up to the total exactly.';

/** Pairing rules that read a ward's boundaries or area, which the other levels' units do not have here. */
const WARD_ONLY: readonly PairingRule[] = [PairingRule.NEIGHBOURS, PairingRule.SAME_AREA];

/**
 * Ranks the units as priorityNeighbourhoods does, takes the top n, and spreads the posts and the
 * budget over them (allocation.ts). For wards the pairs come from the hub's ward adjacency
 * (boundary lines shared within the ward set) and each ward's area from its set; other levels
 * have no adjacency or area here, so NEIGHBOURS and SAME_AREA are refused for them.
 * @throws the errors of computePriority; AllocationError for a ward-only pairing on another level,
 *   a priority unit without a need index, or input the engine refuses; LimitExceededError
 */
export async function computeAllocation(ctx: HubContext, input: ProposeAllocationInput): Promise<AllocationResult> {
  const { priority, posts, dedicated, budget } = input;
  const pairing = input.pairing ?? null;
  if (pairing !== null && WARD_ONLY.includes(pairing) && priority.level !== NeedLevel.WARD) {
    throw new AllocationError(
      `pairing ${pairing} reads shared boundaries and areas, which the hub holds for wards only, got level ` +
        `${priority.level}; use SIMILAR_NEED or null, or rank wards`,
    );
  }
  const ranking = await computePriority(ctx, priority);
  const top = ranking.entries.filter((e) => e.priority);
  const codes = top.map((e) => e.unit.code);
  const missing = top.find((e) => e.unit.index === null);
  if (missing) {
    throw new AllocationError(
      `every priority unit must have a need index, got none for ${missing.unit.name} (${missing.unit.code}, rank ${missing.rank}): it has no figure for any weighted component`,
    );
  }
  const wards = priority.level === NeedLevel.WARD;
  const [wardRows, pairs] = wards
    ? await Promise.all([ctx.geography.wardsByCode(codes), ctx.geography.neighbours(codes)])
    : [[], []];
  const areaOf = new Map(wardRows.map((w) => [w.code, w.areaCode]));
  const inPriority = new Set(codes);
  const units: PriorityUnit[] = top.map((e) => ({
    code: e.unit.code,
    name: e.unit.name,
    rank: e.rank,
    need: e.unit.index as number,
    areaCode: areaOf.get(e.unit.code) ?? null,
  }));
  const allocation = proposeAllocation({
    units,
    // The adjacency reaches every neighbour; the engine takes pairs among the priority units only.
    neighbours: pairs.filter((p) => inPriority.has(p.wardCode) && inPriority.has(p.neighbourCode)),
    posts,
    dedicated,
    pairing: pairing as EnginePairing | null,
    budget: { total: budget.total, floor: budget.floor },
  });
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  return {
    parameters: ranking.parameters,
    n: ranking.n,
    tieRule: ranking.tieRule,
    posts,
    dedicated,
    pairing,
    budget: { total: budget.total, floor: budget.floor },
    method: ALLOCATION_METHOD,
    lines: allocation.lines.map((l) => ({
      rank: l.rank,
      code: l.code,
      name: l.name,
      need: l.need,
      posts: l.posts,
      pounds: l.pounds,
      rule: l.rule as AllocationRule,
      pair: l.pairCode === null ? null : { code: l.pairCode, name: nameOf.get(l.pairCode) as string },
      pairLink: l.pairLink as PairLink | null,
      why: l.why,
    })),
    totals: allocation.totals,
    warnings: allocation.warnings,
  };
}
