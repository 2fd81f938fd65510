import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

interface Line {
  rank: number;
  code: string;
  name: string;
  need: number;
  posts: number;
  pounds: number;
  rule: string;
  pair: { code: string; name: string } | null;
  pairLink: string | null;
  why: string;
}
interface Allocation {
  parameters: { edition: number; preset: string | null; weights: { component: string; weight: number }[] };
  n: number;
  lines: Line[];
  totals: { units: number; posts: number; pounds: number };
  warnings: string[];
}

const ALLOCATE = `query Allocate($input: AllocationInput!) {
  proposeAllocation(input: $input) {
    parameters { edition preset weights { component weight } }
    n
    lines { rank code name need posts pounds rule pair { code name } pairLink why }
    totals { units posts pounds }
    warnings
  }
}`;

// The 2016 method: 12 priority wards by the most recent IMD, the top 2 a dedicated officer each,
// the other 10 half an officer shared by neighbouring wards (7 posts), £35,000 with a floor.
const PRIORITY_2016 = { edition: 2019, preset: 'IMD_ONLY', n: 12, tiers: { method: 'BY_COUNT', red: 2, amber: 10 } };
const METHOD_2016 = {
  priority: PRIORITY_2016,
  posts: 7,
  dedicated: 2,
  pairing: 'NEIGHBOURS',
  budget: { total: 35000, floor: 2000 },
};

async function allocate(input: Record<string, unknown>) {
  return suite.client.run<{ proposeAllocation: Allocation }>(suite.db, ALLOCATE, { input });
}

async function allocation(input: Record<string, unknown>): Promise<Allocation> {
  const result = await allocate(input);
  expect(result.errors).toBeUndefined();
  return result.data?.proposeAllocation as Allocation;
}

describe('proposeAllocation on Derby, the 2016 method', () => {
  it('gives 12 lines, 7 posts and £35,000 exactly, the ranking echoed', async () => {
    const a = await allocation(METHOD_2016);
    expect(a.lines).toHaveLength(12);
    expect(a.totals).toEqual({ units: 12, posts: 7, pounds: 35000 });
    expect(a.lines.reduce((s, l) => s + l.posts, 0)).toBe(7);
    expect(a.lines.reduce((s, l) => s + l.pounds, 0)).toBe(35000);
    expect(a.lines.every((l) => Number.isInteger(l.pounds) && l.pounds >= 2000)).toBe(true);
    expect(a.lines.map((l) => l.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(a.parameters).toEqual({ edition: 2019, preset: 'IMD_ONLY', weights: [{ component: 'IMD', weight: 1 }] });
    expect(a.n).toBe(12);
    for (const l of a.lines) {
      expect(l.why).toContain(`rank ${l.rank} of 12`);
    }
  });

  it('dedicates the top 2 of priorityNeighbourhoods with the same input, and gives the rest half a post in pairs', async () => {
    const [a, ranking] = await Promise.all([
      allocation(METHOD_2016),
      suite.client.run<{
        priorityNeighbourhoods: {
          entries: { rank: number; priority: boolean; unit: { code: string; index: number } }[];
        };
      }>(
        suite.db,
        'query P($input: PriorityInput!) { priorityNeighbourhoods(input: $input) { entries { rank priority unit { code index } } } }',
        { input: PRIORITY_2016 },
      ),
    ]);
    const entries = ranking.data?.priorityNeighbourhoods.entries ?? [];
    const top12 = entries.filter((e) => e.priority);
    expect(a.lines.map((l) => [l.rank, l.code, l.need])).toEqual(top12.map((e) => [e.rank, e.unit.code, e.unit.index]));
    expect(a.lines.filter((l) => l.rule === 'DEDICATED').map((l) => l.code)).toEqual(
      top12.slice(0, 2).map((e) => e.unit.code),
    );
    expect(a.lines.slice(0, 2).map((l) => l.posts)).toEqual([1, 1]);
    expect(a.lines.slice(2).map((l) => [l.rule, l.posts])).toEqual(Array(10).fill(['SHARED_PAIR', 0.5]));
  });

  it("pairs each SHARED_PAIR unit with one that names it back, and BOUNDARY pairs are neighbours in the hub's ward adjacency", async () => {
    const a = await allocation(METHOD_2016);
    const byCode = new Map(a.lines.map((l) => [l.code, l]));
    const shared = a.lines.filter((l) => l.rule === 'SHARED_PAIR');
    for (const l of shared) {
      const other = byCode.get(l.pair?.code as string) as Line;
      expect(other.rule).toBe('SHARED_PAIR');
      expect(other.pair).toEqual({ code: l.code, name: l.name });
      expect(other.pairLink).toBe(l.pairLink);
    }
    const boundary = shared.filter((l) => l.pairLink === 'BOUNDARY');
    expect(boundary.length).toBeGreaterThan(0);
    for (const l of boundary) {
      const ward = await suite.client.run<{ ward: { neighbours: { code: string }[] } }>(
        suite.db,
        'query W($code: String!) { ward(code: $code) { neighbours { code } } }',
        { code: l.code },
      );
      expect(ward.data?.ward.neighbours.map((n) => n.code)).toContain(l.pair?.code);
    }
    // And a pair not marked BOUNDARY is not a pair of neighbours.
    for (const l of shared.filter((x) => x.pairLink !== 'BOUNDARY')) {
      const ward = await suite.client.run<{ ward: { neighbours: { code: string }[] } }>(
        suite.db,
        'query W($code: String!) { ward(code: $code) { neighbours { code } } }',
        { code: l.code },
      );
      expect(ward.data?.ward.neighbours.map((n) => n.code)).not.toContain(l.pair?.code);
    }
  });

  it('pairs 1st-with-2nd of the half posts under SIMILAR_NEED, at any level', async () => {
    const a = await allocation({
      ...METHOD_2016,
      priority: { ...PRIORITY_2016, level: 'AREA', n: 4, tiers: { method: 'BY_COUNT', red: 1, amber: 1 } },
      posts: 2,
      dedicated: 1,
      pairing: 'SIMILAR_NEED',
      budget: { total: 1001, floor: 100 },
    });
    expect(a.lines.map((l) => l.rule)).toEqual(['DEDICATED', 'SHARED_PAIR', 'SHARED_PAIR', 'BUDGET_ONLY']);
    expect(a.lines[1].pair?.code).toBe(a.lines[2].code);
    expect(a.totals).toEqual({ units: 4, posts: 2, pounds: 1001 });
  });
});

describe('proposeAllocation refuses input that cannot be met', () => {
  it.each([
    ['more dedicated posts than posts', { posts: 1, dedicated: 2 }, 'dedicated must be at most the 1 posts, got 2'],
    [
      'an odd number of half-post units with pairing',
      { posts: 6.5 },
      'pairing NEIGHBOURS shares each officer between two units, so posts − dedicated must be a whole number',
    ],
    [
      'a budget below the floors',
      { budget: { total: 20000, floor: 2000 } },
      'budget.total must be at least the floors, 12 × £2,000 = £24,000, got £20,000',
    ],
    ['n larger than the units', { priority: { ...PRIORITY_2016, n: 500 } }, 'n must be a whole number from 0 to'],
    [
      'neighbour pairing on areas',
      { priority: { ...PRIORITY_2016, level: 'AREA', n: 2 }, posts: 1, dedicated: 0 },
      'pairing NEIGHBOURS reads shared boundaries and areas, which the hub holds for wards only',
    ],
  ])('refuses %s with BAD_USER_INPUT saying why', async (_name, change, message) => {
    const result = await allocate({ ...METHOD_2016, ...change });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toContain(message);
    expect(result.data ?? null).toBeNull();
  });
});
