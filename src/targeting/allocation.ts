import { AllocationError, LimitExceededError } from '../errors';

/** How the half-post units are paired, one officer to a pair. */
export type PairingRule = 'NEIGHBOURS' | 'SAME_AREA' | 'SIMILAR_NEED';

/**
 * The rule that gave a unit what it got: a whole post (one of the top units), half a post shared
 * with its pair, half a post not shared (no pairing rule), or money only (the posts ran out).
 */
export type AllocationRule = 'DEDICATED' | 'SHARED_PAIR' | 'HALF_POST' | 'BUDGET_ONLY';

/** What the two units of a pair have in common: a boundary (whatever their areas), only an area, or neither. */
export type PairLink = 'BOUNDARY' | 'AREA' | 'NONE';

/** One priority unit as priorityNeighbourhoods ranks it. */
export interface PriorityUnit {
  code: string;
  name: string;
  /** 1 = most need. */
  rank: number;
  /** Higher = more need; may be negative (a need index of z-scores). */
  need: number;
  /** The unit's area; null where it has none, which never counts as the same area. */
  areaCode: string | null;
}

/** What proposeAllocation spreads over the priority units, and by which rules. */
export interface AllocationInput {
  units: readonly PriorityUnit[];
  /** Pairs of units sharing a boundary, in either or both directions (the ward adjacency's shape). */
  neighbours: readonly { wardCode: string; neighbourCode: string }[];
  /** Officer posts in all, in halves (7, 6.5). */
  posts: number;
  /** How many of the top units get a whole post each. */
  dedicated: number;
  /** How the other units' half posts are paired; null: each half post stands alone. */
  pairing: PairingRule | null;
  /** Whole pounds in all, and the floor every unit gets before the rest is spread by need. */
  budget: { total: number; floor: number };
}

/** One unit's share, and why. */
export interface AllocationLine {
  code: string;
  name: string;
  rank: number;
  need: number;
  /** 1, 0.5 or 0. */
  posts: number;
  pounds: number;
  rule: AllocationRule;
  /** The unit sharing this one's officer (SHARED_PAIR only). */
  pairCode: string | null;
  pairLink: PairLink | null;
  why: string;
}

export interface Allocation {
  /** One line per unit, in need order (rank, then code). */
  lines: AllocationLine[];
  totals: { units: number; posts: number; pounds: number };
  warnings: string[];
}

/** The most half-post units the exact pairing search takes: its table has 2^20 entries (9 MB). */
export const MAX_PAIRED_UNITS = 20;

/**
 * Whole-number shares of `total` in proportion to `weights`, by the largest remainder method
 * (Hamilton): each share is the whole part of its quota q(i) = total · w(i) / Σw, and the
 * total − Σ⌊q⌋ units left over go one each to the largest fractional parts, ties to the earlier
 * index. The shares sum to `total` exactly, and each is ⌊q(i)⌋ or ⌊q(i)⌋ + 1. When every weight
 * is 0 the quotas are equal.
 * @param total a whole number from 0
 * @param weights non-negative
 * @example largestRemainder(10, [1, 1, 1]) //= [4, 3, 3]
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const w = weights.every((x) => x === 0) ? weights.map(() => 1) : weights;
  const sum = w.reduce((s, x) => s + x, 0);
  const whole = w.map((x) => Math.floor((total * x) / sum));
  // The fractional parts of q(i) scaled by Σw: one scale for all, so they compare without dividing.
  const left = w.map((x, i) => total * x - whole[i] * sum);
  const order = w.map((_, i) => i).sort((a, b) => left[b] - left[a] || a - b);
  const spare = total - whole.reduce((s, x) => s + x, 0);
  order.slice(0, spare).forEach((i) => (whole[i] += 1));
  return whole;
}

/**
 * The best split of items 0 … m−1 (m even) into pairs: the one with the greatest sum of pair
 * scores, by dynamic programming over the set of items not yet paired (exact; 2^m states).
 * The first unpaired item is paired with each other item in turn and only a strictly better sum
 * replaces the best so far, so among equally good splits the first item's partner comes first in
 * order, then the next unpaired item's, and so on: the same items always give the same pairs.
 * @param m how many items, at most MAX_PAIRED_UNITS
 * @param score the score of pairing i with j (i < j); whole numbers keep the sums exact
 * @returns each item's partner
 */
export function bestPairs(m: number, score: (i: number, j: number) => number): number[] {
  const size = 1 << m;
  const value = new Float64Array(size).fill(Number.NaN);
  const choice = new Int8Array(size);
  const lowest = (mask: number) => 31 - Math.clz32(mask & -mask);
  const solve = (mask: number): number => {
    if (mask === 0) {
      return 0;
    }
    if (!Number.isNaN(value[mask])) {
      return value[mask];
    }
    const i = lowest(mask);
    let best = -Infinity;
    for (let j = i + 1; j < m; j += 1) {
      if (mask & (1 << j)) {
        const v = score(i, j) + solve(mask & ~(1 << i) & ~(1 << j));
        if (v > best) {
          best = v;
          choice[mask] = j;
        }
      }
    }
    value[mask] = best;
    return best;
  };
  solve(size - 1);
  const partner = new Array<number>(m);
  for (let mask = size - 1; mask !== 0;) {
    const i = lowest(mask);
    const j = choice[mask];
    partner[i] = j;
    partner[j] = i;
    mask &= ~(1 << i) & ~(1 << j);
  }
  return partner;
}

/**
 * Each pairing rule's order of preference as weights on a pair's shared boundary (0 or 1), shared
 * area (0 or 1) and gap in need order (places apart, 1 … 19). With at most 10 pairs the gaps sum
 * to at most 100 and each count to at most 10, so 1e3 and 1e5 make the sum lexicographic.
 */
const PREFERENCE: Record<PairingRule, { boundary: number; area: number; gap: number }> = {
  NEIGHBOURS: { boundary: 1e5, area: 1e3, gap: -1 },
  SAME_AREA: { boundary: 1e3, area: 1e5, gap: -1 },
  SIMILAR_NEED: { boundary: 1e3, area: 1, gap: -1e5 },
};

const LINK_TEXT: Record<PairLink, string> = {
  BOUNDARY: 'shares a boundary',
  AREA: 'same area, no shared boundary',
  NONE: 'no shared boundary or area: one officer travels between them',
};

const pounds = (n: number) => `£${n.toLocaleString('en-GB')}`;

/** The input's units in need order, after refusing anything the rules cannot use. */
function checked(input: AllocationInput): PriorityUnit[] {
  const { units, posts, dedicated, budget } = input;
  if (units.length === 0) {
    throw new AllocationError('units must list at least one priority unit, got none');
  }
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.code)) {
      throw new AllocationError(`unit codes must be unique, got "${u.code}" more than once`);
    }
    seen.add(u.code);
    if (!Number.isInteger(u.rank) || u.rank < 1) {
      throw new AllocationError(`rank must be a whole number from 1, got ${u.rank} for "${u.code}"`);
    }
    if (!Number.isFinite(u.need)) {
      throw new AllocationError(`need must be a finite number, got ${u.need} for "${u.code}"`);
    }
  }
  for (const { wardCode, neighbourCode } of input.neighbours) {
    const unknown = [wardCode, neighbourCode].find((c) => !seen.has(c));
    if (unknown !== undefined) {
      throw new AllocationError(
        `neighbours must pair priority units, got "${unknown}" in ("${wardCode}", "${neighbourCode}")`,
      );
    }
  }
  if (!Number.isInteger(posts * 2) || posts < 0) {
    throw new AllocationError(`posts must be a multiple of 0.5 from 0, got ${posts}`);
  }
  if (!Number.isInteger(dedicated) || dedicated < 0) {
    throw new AllocationError(`dedicated must be a whole number from 0, got ${dedicated}`);
  }
  if (dedicated > units.length) {
    throw new AllocationError(`dedicated must be at most the ${units.length} priority units, got ${dedicated}`);
  }
  if (dedicated > posts) {
    throw new AllocationError(`dedicated must be at most the ${posts} posts, got ${dedicated}`);
  }
  const most = dedicated + (units.length - dedicated) / 2;
  if (posts > most) {
    throw new AllocationError(
      `posts must be at most ${most} (${dedicated} dedicated + ${units.length - dedicated} × 0.5) for ` +
        `${units.length} units, got ${posts}: ${posts - most} more than the rules use; give fewer posts, ` +
        `or more dedicated units`,
    );
  }
  for (const key of ['total', 'floor'] as const) {
    if (!Number.isInteger(budget[key]) || budget[key] < 0) {
      throw new AllocationError(`budget.${key} must be whole pounds from 0, got ${budget[key]}`);
    }
  }
  if (budget.total < units.length * budget.floor) {
    throw new AllocationError(
      `budget.total must be at least the floors, ${units.length} × ${pounds(budget.floor)} = ` +
        `${pounds(units.length * budget.floor)}, got ${pounds(budget.total)}`,
    );
  }
  // Rank, then code (compared as strings, not by locale): the order is the input's, whatever order it came in.
  return [...units].sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Officer posts and money spread over the priority units, as the council did in 2016 (12
 * priority neighbourhoods, the top 2 a dedicated officer each, the other 10 half an officer
 * shared in pairs: 7 posts; £35k for local priorities).
 *
 * Posts. Units are taken in need order (rank, then code). The top `dedicated` get a whole post
 * (DEDICATED); the next 2 · (posts − dedicated) get half a post (SHARED_PAIR, or HALF_POST with
 * no pairing rule); any further units get no post (BUDGET_ONLY, with a warning naming them).
 * Every line is 1, 0.5 or 0, so the posts total exactly what was given and need no rounding.
 * Where a cut falls between two units of the same rank, a warning names them.
 *
 * Pairing. The half-post units are split into pairs by an exact search over every split
 * (bestPairs: up to MAX_PAIRED_UNITS units), choosing lexicographically by the rule:
 * NEIGHBOURS most pairs sharing a boundary, then most pairs in the same area, then the least
 * total gap in need order (places apart); SAME_AREA the same with area and boundary swapped;
 * SIMILAR_NEED the least total gap first, which is always 1st with 2nd, 3rd with 4th and so on.
 * Equally good splits are settled in need order (bestPairs). A pair sharing neither a boundary
 * nor an area is warned of: one officer must travel between them.
 *
 * Money. Every unit gets `budget.floor`; the remaining R = total − n · floor is spread in
 * proportion to need, or, when any need is negative, to need − the lowest need (the least-needy
 * units then get their floor only, and a warning says so); all needs equal: equal shares. The
 * shares are rounded to whole pounds by the largest remainder method (ties to the higher-ranked
 * unit), so the pounds total exactly `budget.total`.
 *
 * Refused (AllocationError): no units; a repeated code; a rank not a whole number from 1; a need
 * not finite; a neighbour pair naming a unit not listed; posts not a multiple of 0.5 from 0;
 * dedicated not a whole number from 0, above the units or above the posts; more posts than the
 * rules use (dedicated + (n − dedicated) / 2); budget total or floor not whole pounds from 0, or
 * a total below n · floor; with a pairing rule, posts − dedicated not whole (an odd number of
 * half-post units). More than MAX_PAIRED_UNITS half-post units with a pairing rule:
 * LimitExceededError.
 * @returns one line per unit in need order, the totals and the warnings
 * @example proposeAllocation({ units, neighbours, posts: 7, dedicated: 2, pairing: 'NEIGHBOURS', budget: { total: 35000, floor: 2000 } })
 */
export function proposeAllocation(input: AllocationInput): Allocation {
  const units = checked(input);
  const { dedicated, pairing, budget } = input;
  const n = units.length;
  // At most n − dedicated: more posts than that were refused.
  const halves = 2 * (input.posts - dedicated);
  const half = units.slice(dedicated, dedicated + halves);
  if (pairing !== null && halves % 2 === 1) {
    throw new AllocationError(
      `pairing ${pairing} shares each officer between two units, so posts − dedicated must be a whole number, ` +
        `got ${input.posts} − ${dedicated} = ${input.posts - dedicated} (${halves} half-post units, ranks ` +
        `${half[0].rank} to ${half[halves - 1].rank}); give pairing null for half posts not shared`,
    );
  }
  if (pairing !== null && halves > MAX_PAIRED_UNITS) {
    throw new LimitExceededError('half-post units to pair', `at most ${MAX_PAIRED_UNITS}`, halves);
  }

  const links = new Set(
    input.neighbours.flatMap((p) => [`${p.wardCode}\n${p.neighbourCode}`, `${p.neighbourCode}\n${p.wardCode}`]),
  );
  const bordering = (a: PriorityUnit, b: PriorityUnit) => links.has(`${a.code}\n${b.code}`);
  const sameArea = (a: PriorityUnit, b: PriorityUnit) => a.areaCode !== null && a.areaCode === b.areaCode;
  const partner = new Map<string, PriorityUnit>();
  if (pairing !== null && halves > 0) {
    const weight = PREFERENCE[pairing];
    // Scored once per pair: the search looks a pair up in every state holding it (up to 2^18).
    const scores = half.map((a, i) =>
      half.map(
        (b, j) =>
          (bordering(a, b) ? weight.boundary : 0) + (sameArea(a, b) ? weight.area : 0) + weight.gap * Math.abs(j - i),
      ),
    );
    bestPairs(halves, (i, j) => scores[i][j]).forEach((j, i) => partner.set(half[i].code, half[j]));
  }

  const lowestNeed = Math.min(...units.map((u) => u.need));
  const byNeed = largestRemainder(
    budget.total - n * budget.floor,
    units.map((u) => (lowestNeed < 0 ? u.need - lowestNeed : u.need)),
  );
  const warnings: string[] = [];
  if (lowestNeed < 0 && units.some((u) => u.need > lowestNeed)) {
    const least = units.filter((u) => u.need === lowestNeed).map((u) => u.name);
    warnings.push(
      `some needs are negative, so the money above the floors is spread by need above the lowest ` +
        `(${least.join(', ')}: the floor only)`,
    );
  }

  const covered = dedicated + halves;
  const lines = units.map((u, i): AllocationLine => {
    const pair = partner.get(u.code) ?? null;
    const pairLink: PairLink | null =
      pair === null ? null : bordering(u, pair) ? 'BOUNDARY' : sameArea(u, pair) ? 'AREA' : 'NONE';
    const rule: AllocationRule =
      i < dedicated ? 'DEDICATED' : i >= covered ? 'BUDGET_ONLY' : pair === null ? 'HALF_POST' : 'SHARED_PAIR';
    const what: Record<AllocationRule, () => string> = {
      DEDICATED: () => `one of the top ${dedicated} units, a dedicated post`,
      SHARED_PAIR: () => `half a post shared with ${pair?.name} (${LINK_TEXT[pairLink as PairLink]})`,
      HALF_POST: () => 'half a post, not shared (no pairing rule)',
      BUDGET_ONLY: () => `no post (the ${input.posts} posts cover the top ${covered} units)`,
    };
    const total = budget.floor + byNeed[i];
    const needText = u.need.toLocaleString('en-GB', { maximumFractionDigits: 2 });
    return {
      code: u.code,
      name: u.name,
      rank: u.rank,
      need: u.need,
      posts: rule === 'DEDICATED' ? 1 : rule === 'BUDGET_ONLY' ? 0 : 0.5,
      pounds: total,
      rule,
      pairCode: pair?.code ?? null,
      pairLink,
      why:
        `rank ${u.rank} of ${n} (need ${needText}): ${what[rule]()}; ` +
        `${pounds(total)}, the ${pounds(budget.floor)} floor and ${pounds(byNeed[i])} by need`,
    };
  });

  lines.forEach((line, i) => {
    const pair = partner.get(line.code);
    if (line.pairLink === 'NONE' && pair !== undefined && units.indexOf(pair) > i) {
      warnings.push(
        `${line.name} and ${pair.name} share neither a boundary nor an area: one officer must travel between them`,
      );
    }
  });
  // A cut between units of one rank falls by code order, which says nothing of need: name it.
  const cuts: [number, string][] = [[dedicated, 'a dedicated post']];
  if (covered > dedicated) {
    cuts.push([covered, 'a post']);
  }
  for (const [cut, what] of cuts) {
    if (cut > 0 && cut < n && units[cut - 1].rank === units[cut].rank) {
      const [inside, outside] = [units[cut - 1].name, units[cut].name];
      warnings.push(`${inside} and ${outside} share rank ${units[cut].rank}: ${inside} gets ${what} by code order`);
    }
  }
  if (covered < n) {
    const left = units.slice(covered).map((u) => u.name);
    warnings.push(
      `${input.posts} posts cover the top ${covered} of ${n} units; ${left.join(', ')} ${left.length === 1 ? 'gets' : 'get'} money only`,
    );
  }
  return {
    lines,
    totals: {
      units: n,
      posts: lines.reduce((s, l) => s + l.posts, 0),
      pounds: lines.reduce((s, l) => s + l.pounds, 0),
    },
    warnings,
  };
}
