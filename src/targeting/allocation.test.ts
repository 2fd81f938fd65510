import { AllocationError, LimitExceededError } from '../errors';
import { codeOf } from '../graphql/errors';

import { type AllocationInput, bestPairs, largestRemainder, type PriorityUnit, proposeAllocation } from './allocation';

/** Units from "code:name:need:area" in rank order (rank 1 first); area "-" for none. */
const unitsOf = (...specs: string[]): PriorityUnit[] =>
  specs.map((spec, i) => {
    const [code, name, need, area] = spec.split(':');
    return { code, name, rank: i + 1, need: Number(need), areaCode: area === '-' ? null : area };
  });

/** Neighbour pairs from "a-b c-d". */
const edges = (pairs: string) =>
  pairs
    .split(' ')
    .filter(Boolean)
    .map((p) => {
      const [wardCode, neighbourCode] = p.split('-');
      return { wardCode, neighbourCode };
    });

/** Each unit's pair as "code>pair", in need order. */
const pairsOf = (input: AllocationInput) =>
  proposeAllocation(input)
    .lines.filter((l) => l.pairCode !== null)
    .map((l) => `${l.code}>${l.pairCode}`);

const noBudget = { total: 0, floor: 0 };

/** The error a call throws (failing the test if it throws none). */
const thrown = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal, got an answer');
};

describe('largestRemainder', () => {
  it('gives the spare unit to the largest fractional part', () => {
    // 7 by 5:3:2: quotas 3.5, 2.1, 1.4; whole parts 3 + 2 + 1 = 6; the spare 1 goes to .5.
    expect(largestRemainder(7, [5, 3, 2])).toEqual([4, 2, 1]);
  });

  it('sums exactly where naive rounding would not', () => {
    // 10 by 1:1:1:1: quotas 2.5 each; Math.round gives 3 × 4 = 12; the ties go in order.
    expect([2.5, 2.5, 2.5, 2.5].map(Math.round).reduce((s, x) => s + x)).toBe(12);
    expect(largestRemainder(10, [1, 1, 1, 1])).toEqual([3, 3, 2, 2]);
    // 100 by thirds: 33.3 each; rounding gives 99.
    expect(largestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('splits equally when every weight is 0', () => {
    expect(largestRemainder(5, [0, 0])).toEqual([3, 2]);
  });

  it('gives nothing out of nothing', () => {
    expect(largestRemainder(0, [3, 1])).toEqual([0, 0]);
  });
});

describe('bestPairs', () => {
  it('finds the best split, exactly, against every split of six', () => {
    // Scores from a fixed table; the exhaustive answer is worked out below by listing all 15 splits.
    const table = [
      [0, 4, 1, 7, 2, 3],
      [0, 0, 6, 2, 5, 1],
      [0, 0, 0, 3, 8, 2],
      [0, 0, 0, 0, 1, 9],
      [0, 0, 0, 0, 0, 4],
    ];
    const score = (i: number, j: number) => table[i][j];
    const splits: number[][][] = [];
    const list = (rest: number[], done: number[][]) => {
      if (rest.length === 0) {
        splits.push(done);
        return;
      }
      rest.slice(1).forEach((j) =>
        list(
          rest.slice(1).filter((k) => k !== j),
          [...done, [rest[0], j]],
        ),
      );
    };
    list([0, 1, 2, 3, 4, 5], []);
    expect(splits).toHaveLength(15);
    const total = (split: number[][]) => split.reduce((t, [i, j]) => t + score(i, j), 0);
    const best = Math.max(...splits.map(total));
    // (0,1) 4 + (2,4) 8 + (3,5) 9 = 21, and no other split scores as much.
    expect(best).toBe(21);
    expect(splits.filter((split) => total(split) === best)).toEqual([
      [
        [0, 1],
        [2, 4],
        [3, 5],
      ],
    ]);
    expect(bestPairs(6, score)).toEqual([1, 0, 4, 5, 2, 3]);
  });
});

describe('pairing rules', () => {
  // A path a–b–c–d, ranked b, c, a, d: by need, b goes with c and a with d; by boundary, a with b
  // and c with d (the path's only split into neighbouring pairs).
  const path: AllocationInput = {
    units: unitsOf('b:Blagreave:4:-', 'c:Chaddesden:3:-', 'a:Abbey:2:-', 'd:Darley:1:-'),
    neighbours: edges('a-b b-c c-d'),
    posts: 2,
    dedicated: 0,
    pairing: 'NEIGHBOURS',
    budget: noBudget,
  };

  it('NEIGHBOURS pairs a path a–b–c–d as (a, b), (c, d), not (b, c), (a, d)', () => {
    expect(pairsOf(path)).toEqual(['b>a', 'c>d', 'a>b', 'd>c']);
    expect(proposeAllocation(path).warnings).toEqual([]);
  });

  it('SIMILAR_NEED pairs by need order and warns of the pair sharing nothing', () => {
    const result = proposeAllocation({ ...path, pairing: 'SIMILAR_NEED' });
    expect(result.lines.map((l) => `${l.code}>${l.pairCode}:${l.pairLink}`)).toEqual([
      'b>c:BOUNDARY',
      'c>b:BOUNDARY',
      'a>d:NONE',
      'd>a:NONE',
    ]);
    expect(result.warnings).toEqual([
      'Abbey and Darley share neither a boundary nor an area: one officer must travel between them',
    ]);
    expect(result.lines[2].why).toBe(
      'rank 3 of 4 (need 2): half a post shared with Darley (no shared boundary or area: one officer travels between them); ' +
        '£0, the £0 floor and £0 by need',
    );
  });

  // a and d in area N, b and c in S; boundaries a–b and c–d only.
  const areas: AllocationInput = {
    units: unitsOf('a:Abbey:4:N', 'b:Blagreave:3:S', 'c:Chaddesden:2:S', 'd:Darley:1:N'),
    neighbours: edges('a-b c-d'),
    posts: 2,
    dedicated: 0,
    pairing: 'SAME_AREA',
    budget: noBudget,
  };

  it('SAME_AREA pairs within areas over boundaries', () => {
    const result = proposeAllocation(areas);
    expect(result.lines.map((l) => `${l.code}>${l.pairCode}:${l.pairLink}`)).toEqual([
      'a>d:AREA',
      'b>c:AREA',
      'c>b:AREA',
      'd>a:AREA',
    ]);
    expect(result.lines[0].why).toBe(
      'rank 1 of 4 (need 4): half a post shared with Darley (same area, no shared boundary); £0, the £0 floor and £0 by need',
    );
  });

  it('NEIGHBOURS on the same units pairs across boundaries over areas', () => {
    expect(pairsOf({ ...areas, pairing: 'NEIGHBOURS' })).toEqual(['a>b', 'b>a', 'c>d', 'd>c']);
  });

  it('NEIGHBOURS, with boundaries tied, prefers pairs in the same area, then the closer in need', () => {
    // Every unit borders every other: the areas decide (a with c in N); with no areas, need does.
    const all = edges('a-b a-c a-d b-c b-d c-d');
    const units = unitsOf('a:A:4:N', 'b:B:3:S', 'c:C:2:N', 'd:D:1:S');
    expect(pairsOf({ ...areas, units, neighbours: all, pairing: 'NEIGHBOURS' })).toEqual(['a>c', 'b>d', 'c>a', 'd>b']);
    const noAreas = units.map((u) => ({ ...u, areaCode: null }));
    expect(pairsOf({ ...areas, units: noAreas, neighbours: all, pairing: 'NEIGHBOURS' })).toEqual([
      'a>b',
      'b>a',
      'c>d',
      'd>c',
    ]);
  });

  it('settles a full tie by the higher-ranked unit taking its partner first in need order', () => {
    // Boundaries a–c, a–d, b–c, b–d: (a, c)(b, d) and (a, d)(b, c) both have two boundaries and
    // gaps summing to 4; a takes c, the earlier.
    const tie = {
      ...path,
      units: unitsOf('a:A:4:-', 'b:B:3:-', 'c:C:2:-', 'd:D:1:-'),
      neighbours: edges('a-c a-d b-c b-d'),
    };
    expect(pairsOf(tie)).toEqual(['a>c', 'b>d', 'c>a', 'd>b']);
  });

  it('pairs 20 half-post units exactly (the limit): a path of 20 in its only neighbouring split', () => {
    // Ranked so that need order is not path order: the path runs u00–u01–…–u19, the ranks reversed in halves.
    const codes = Array.from({ length: 20 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const ranked = [...codes.slice(10).reverse(), ...codes.slice(0, 10)];
    const result = proposeAllocation({
      units: unitsOf(...ranked.map((c) => `${c}:${c}:1:-`)),
      neighbours: edges(
        codes
          .slice(1)
          .map((c, i) => `${codes[i]}-${c}`)
          .join(' '),
      ),
      posts: 10,
      dedicated: 0,
      pairing: 'NEIGHBOURS',
      budget: noBudget,
    });
    const pairOf = new Map(result.lines.map((l) => [l.code, l.pairCode]));
    codes.forEach((c, i) => expect(pairOf.get(c)).toBe(codes[i % 2 === 0 ? i + 1 : i - 1]));
    expect(result.lines.every((l) => l.pairLink === 'BOUNDARY')).toBe(true);
  });

  it('leaves half posts unshared with no pairing rule, even an odd number', () => {
    const result = proposeAllocation({
      ...path,
      units: path.units.slice(0, 3),
      neighbours: edges('a-b b-c'),
      posts: 1.5,
      pairing: null,
    });
    expect(result.lines.map((l) => [l.rule, l.posts, l.pairCode])).toEqual([
      ['HALF_POST', 0.5, null],
      ['HALF_POST', 0.5, null],
      ['HALF_POST', 0.5, null],
    ]);
    expect(result.lines[0].why).toBe(
      'rank 1 of 3 (need 4): half a post, not shared (no pairing rule); £0, the £0 floor and £0 by need',
    );
    expect(result.totals.posts).toBe(1.5);
  });
});

describe('the 2016 allocation: 12 priority neighbourhoods, 2 dedicated, 10 at half a post, £35k', () => {
  // Derby's ward names; the needs, areas and boundaries are made up for the test. Boundaries among
  // the half-post wards: Derwent–Chaddesden, Sinfin–Boulton, Abbey–Mackworth, Alvaston–Spondon,
  // and two decoys (Derwent–Sinfin, Mackworth–Chaddesden); Blagreave and Darley share only an
  // area. The split with most neighbouring pairs is then one: the four pairs named first.
  const units = unitsOf(
    'E1:Arboretum:55:N',
    'E2:Normanton:50:S',
    'E3:Derwent:45:E',
    'E4:Sinfin:40:S',
    'E5:Abbey:40:N',
    'E6:Alvaston:35:E',
    'E7:Mackworth:30:W',
    'E8:Chaddesden:30:E',
    'E9:Boulton:25:S',
    'E10:Blagreave:20:W',
    'E11:Darley:20:W',
    'E12:Spondon:10:E',
  );
  const neighbours = edges('E1-E2 E1-E3 E3-E8 E4-E9 E5-E7 E6-E12 E3-E4 E7-E8');
  const derby: AllocationInput = {
    units,
    neighbours,
    posts: 7,
    dedicated: 2,
    pairing: 'NEIGHBOURS',
    budget: { total: 35000, floor: 2000 },
  };

  it('gives the top 2 a post each and pairs the other 10, to the pound', () => {
    // Money: 12 × £2,000 floors; the other £11,000 by need (sum 400): £27.50 per point of need.
    // Quotas 1512.5, 1375, 1237.5, 1100, 1100, 962.5, 825, 825, 687.5, 550, 550, 275: whole
    // parts sum to 10,998, and the 2 spare pounds go to the .5s in need order: ranks 1 and 3
    // (ranks 6 and 9 tie with them but come later). Naive rounding would give £11,002.
    const result = proposeAllocation(derby);
    expect(result.lines.map((l) => [l.code, l.posts, l.rule, l.pairCode, l.pairLink, l.pounds])).toEqual([
      ['E1', 1, 'DEDICATED', null, null, 3513],
      ['E2', 1, 'DEDICATED', null, null, 3375],
      ['E3', 0.5, 'SHARED_PAIR', 'E8', 'BOUNDARY', 3238],
      ['E4', 0.5, 'SHARED_PAIR', 'E9', 'BOUNDARY', 3100],
      ['E5', 0.5, 'SHARED_PAIR', 'E7', 'BOUNDARY', 3100],
      ['E6', 0.5, 'SHARED_PAIR', 'E12', 'BOUNDARY', 2962],
      ['E7', 0.5, 'SHARED_PAIR', 'E5', 'BOUNDARY', 2825],
      ['E8', 0.5, 'SHARED_PAIR', 'E3', 'BOUNDARY', 2825],
      ['E9', 0.5, 'SHARED_PAIR', 'E4', 'BOUNDARY', 2687],
      ['E10', 0.5, 'SHARED_PAIR', 'E11', 'AREA', 2550],
      ['E11', 0.5, 'SHARED_PAIR', 'E10', 'AREA', 2550],
      ['E12', 0.5, 'SHARED_PAIR', 'E6', 'BOUNDARY', 2275],
    ]);
    expect(result.totals).toEqual({ units: 12, posts: 7, pounds: 35000 });
    expect(result.warnings).toEqual([]);
    expect(result.lines[1].why).toBe(
      'rank 2 of 12 (need 50): one of the top 2 units, a dedicated post; £3,375, the £2,000 floor and £1,375 by need',
    );
    expect(result.lines[2].why).toBe(
      'rank 3 of 12 (need 45): half a post shared with Chaddesden (shares a boundary); £3,238, the £2,000 floor and £1,238 by need',
    );
    expect(result.lines[9].why).toBe(
      'rank 10 of 12 (need 20): half a post shared with Darley (same area, no shared boundary); £2,550, the £2,000 floor and £550 by need',
    );
  });

  it('gives the same answer whatever order the units and boundaries come in', () => {
    const shuffled: AllocationInput = {
      ...derby,
      units: [...units.slice(5), ...units.slice(0, 5).reverse()],
      neighbours: neighbours.map((p) => ({ wardCode: p.neighbourCode, neighbourCode: p.wardCode })).reverse(),
    };
    expect(proposeAllocation(shuffled)).toEqual(proposeAllocation(derby));
  });

  it('with 6 posts, pairs the next 8 and gives the last 2 money only', () => {
    // Ranks 3–10 share 4 posts: Derwent–Chaddesden, Sinfin–Boulton and Abbey–Mackworth border;
    // Alvaston (E) and Blagreave (W) are left to share an officer across the city.
    const result = proposeAllocation({ ...derby, posts: 6 });
    expect(result.lines.map((l) => [l.code, l.posts, l.rule, l.pairCode])).toEqual([
      ['E1', 1, 'DEDICATED', null],
      ['E2', 1, 'DEDICATED', null],
      ['E3', 0.5, 'SHARED_PAIR', 'E8'],
      ['E4', 0.5, 'SHARED_PAIR', 'E9'],
      ['E5', 0.5, 'SHARED_PAIR', 'E7'],
      ['E6', 0.5, 'SHARED_PAIR', 'E10'],
      ['E7', 0.5, 'SHARED_PAIR', 'E5'],
      ['E8', 0.5, 'SHARED_PAIR', 'E3'],
      ['E9', 0.5, 'SHARED_PAIR', 'E4'],
      ['E10', 0.5, 'SHARED_PAIR', 'E6'],
      ['E11', 0, 'BUDGET_ONLY', null],
      ['E12', 0, 'BUDGET_ONLY', null],
    ]);
    expect(result.totals).toEqual({ units: 12, posts: 6, pounds: 35000 });
    expect(result.warnings).toEqual([
      'Alvaston and Blagreave share neither a boundary nor an area: one officer must travel between them',
      '6 posts cover the top 10 of 12 units; Darley, Spondon get money only',
    ]);
    expect(result.lines[11].why).toBe(
      'rank 12 of 12 (need 10): no post (the 6 posts cover the top 10 units); £2,275, the £2,000 floor and £275 by need',
    );
  });
});

describe('ties in rank', () => {
  it('puts the lower code first and warns where a cut falls between units of one rank', () => {
    // Whitwick (w) and Xenia (x) share rank 2: by code, w takes the second dedicated post. With
    // 3 posts over 5 units, Clay and Dale share rank 4 across the cut for the half posts.
    const units = [
      { code: 'x', name: 'Xenia', rank: 2, need: 8, areaCode: null },
      { code: 'a', name: 'Abbey', rank: 1, need: 9, areaCode: null },
      { code: 'w', name: 'Whitwick', rank: 2, need: 8, areaCode: null },
      { code: 'd', name: 'Dale', rank: 4, need: 5, areaCode: null },
      { code: 'c', name: 'Clay', rank: 4, need: 5, areaCode: null },
    ];
    const result = proposeAllocation({
      units,
      neighbours: edges('x-c'),
      posts: 3,
      dedicated: 2,
      pairing: 'NEIGHBOURS',
      budget: noBudget,
    });
    expect(result.lines.map((l) => [l.code, l.rule])).toEqual([
      ['a', 'DEDICATED'],
      ['w', 'DEDICATED'],
      ['x', 'SHARED_PAIR'],
      ['c', 'SHARED_PAIR'],
      ['d', 'BUDGET_ONLY'],
    ]);
    expect(result.warnings).toEqual([
      'Whitwick and Xenia share rank 2: Whitwick gets a dedicated post by code order',
      'Clay and Dale share rank 4: Clay gets a post by code order',
      '3 posts cover the top 4 of 5 units; Dale gets money only',
    ]);
  });
});

describe('money', () => {
  const two: AllocationInput = {
    units: unitsOf('a:Abbey:1:-', 'b:Boulton:-1:-'),
    neighbours: [],
    posts: 1,
    dedicated: 0,
    pairing: 'NEIGHBOURS',
    budget: { total: 100, floor: 10 },
  };

  it('spreads by need above the lowest when a need is negative, and says so', () => {
    // Needs 1 and −1 shift to 2 and 0: the £80 above the floors all goes to Abbey.
    const result = proposeAllocation(two);
    expect(result.lines.map((l) => l.pounds)).toEqual([90, 10]);
    expect(result.warnings).toEqual([
      'some needs are negative, so the money above the floors is spread by need above the lowest (Boulton: the floor only)',
      'Abbey and Boulton share neither a boundary nor an area: one officer must travel between them',
    ]);
  });

  it('splits equally when every need is the same, ties to the higher rank', () => {
    const same = unitsOf('a:Abbey:-2:-', 'b:Boulton:-2:-', 'c:Chaddesden:-2:-');
    const result = proposeAllocation({
      ...two,
      units: same,
      posts: 1.5,
      pairing: null,
      budget: { total: 100, floor: 0 },
    });
    expect(result.lines.map((l) => l.pounds)).toEqual([34, 33, 33]);
    expect(result.warnings).toEqual([]);
  });
});

describe('refusals', () => {
  const base: AllocationInput = {
    units: unitsOf('a:Abbey:4:N', 'b:Boulton:3:N', 'c:Chaddesden:2:S', 'd:Darley:1:S'),
    neighbours: edges('a-b c-d'),
    posts: 3,
    dedicated: 2,
    pairing: 'NEIGHBOURS',
    budget: { total: 1000, floor: 100 },
  };
  // Each refusal: the change to the valid input above, and the message word for word.
  it.each<[string, Partial<AllocationInput>, string]>([
    ['no units', { units: [], neighbours: [] }, 'units must list at least one priority unit, got none'],
    [
      'a repeated code',
      { units: [...base.units, { ...base.units[0], rank: 5 }] },
      'unit codes must be unique, got "a" more than once',
    ],
    [
      'a rank of 0',
      { units: [{ ...base.units[0], rank: 0 }, ...base.units.slice(1)] },
      'rank must be a whole number from 1, got 0 for "a"',
    ],
    [
      'a need that is not a number',
      { units: [{ ...base.units[0], need: Number.NaN }, ...base.units.slice(1)] },
      'need must be a finite number, got NaN for "a"',
    ],
    [
      'a neighbour pair naming an unknown unit',
      { neighbours: edges('a-b c-x') },
      'neighbours must pair priority units, got "x" in ("c", "x")',
    ],
    ['posts not in halves', { posts: 2.25 }, 'posts must be a multiple of 0.5 from 0, got 2.25'],
    ['negative posts', { posts: -1 }, 'posts must be a multiple of 0.5 from 0, got -1'],
    ['negative dedicated', { dedicated: -1 }, 'dedicated must be a whole number from 0, got -1'],
    ['dedicated in halves', { dedicated: 0.5 }, 'dedicated must be a whole number from 0, got 0.5'],
    [
      'more dedicated units than units',
      { dedicated: 5, posts: 5 },
      'dedicated must be at most the 4 priority units, got 5',
    ],
    ['more dedicated units than posts', { dedicated: 3, posts: 2.5 }, 'dedicated must be at most the 2.5 posts, got 3'],
    [
      'more posts than the rules use',
      { posts: 3.5 },
      'posts must be at most 3 (2 dedicated + 2 × 0.5) for 4 units, got 3.5: 0.5 more than the rules use; ' +
        'give fewer posts, or more dedicated units',
    ],
    ['a negative budget', { budget: { total: -1, floor: 0 } }, 'budget.total must be whole pounds from 0, got -1'],
    [
      'a budget in pence',
      { budget: { total: 1000.5, floor: 0 } },
      'budget.total must be whole pounds from 0, got 1000.5',
    ],
    ['a negative floor', { budget: { total: 1000, floor: -5 } }, 'budget.floor must be whole pounds from 0, got -5'],
    [
      'a budget below the floors',
      { budget: { total: 1000, floor: 300 } },
      'budget.total must be at least the floors, 4 × £300 = £1,200, got £1,000',
    ],
    [
      'an odd number of half-post units to pair',
      { dedicated: 1, posts: 2.5, pairing: 'SAME_AREA' },
      'pairing SAME_AREA shares each officer between two units, so posts − dedicated must be a whole number, ' +
        'got 2.5 − 1 = 1.5 (3 half-post units, ranks 2 to 4); give pairing null for half posts not shared',
    ],
  ])('refuses %s, saying what was expected and what came', (_, change, message) => {
    const error = thrown(() => proposeAllocation({ ...base, ...change }));
    expect(error).toBeInstanceOf(AllocationError);
    expect(error.message).toBe(message);
    expect(codeOf(error)).toBe('BAD_USER_INPUT');
  });

  it('refuses more than 20 half-post units to pair, as over a stated limit', () => {
    const many = unitsOf(...Array.from({ length: 22 }, (_, i) => `u${i}:U${i}:1:-`));
    const input = { ...base, units: many, neighbours: [], posts: 11, dedicated: 0, budget: noBudget };
    const error = thrown(() => proposeAllocation(input));
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error.message).toBe('half-post units to pair must be at most 20, got 22');
    expect(codeOf(error)).toBe('BAD_USER_INPUT');
    // Unpaired, the same half posts need no search.
    expect(proposeAllocation({ ...input, pairing: null }).totals.posts).toBe(11);
  });
});
