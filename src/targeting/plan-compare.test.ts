import { comparePlans, type StoredAllocation } from './plan-compare';

type Line = StoredAllocation['lines'][number];

const line = (rank: number, code: string, posts: number, pounds: number, rule: string, pair: string | null): Line => ({
  rank,
  code,
  name: `Ward ${code}`,
  posts,
  pounds,
  rule,
  pair: pair === null ? null : { code: pair },
});

const plan = (lines: Line[], over: Partial<StoredAllocation> = {}): StoredAllocation => ({
  parameters: {
    level: 'ward',
    boundarySet: 'derby-wards-2023',
    edition: 2019,
    preset: 'IMD_ONLY',
    weights: [{ component: 'IMD', weight: 1 }],
    standardisation: 'Z_SCORE',
    from: null,
    to: null,
  },
  n: lines.length,
  posts: lines.reduce((s, l) => s + l.posts, 0),
  dedicated: lines.filter((l) => l.rule === 'DEDICATED').length,
  pairing: 'NEIGHBOURS',
  budget: { total: lines.reduce((s, l) => s + l.pounds, 0), floor: 1000 },
  lines,
  ...over,
});

describe('comparePlans, on hand-made plans', () => {
  // Before: A dedicated, B and C share, D money only. After: B rises to dedicated, A falls to a
  // half post shared with C, D is dropped and E comes in.
  const before = plan([
    line(1, 'A', 1, 4000, 'DEDICATED', null),
    line(2, 'B', 0.5, 3000, 'SHARED_PAIR', 'C'),
    line(3, 'C', 0.5, 2000, 'SHARED_PAIR', 'B'),
    line(4, 'D', 0, 1000, 'BUDGET_ONLY', null),
  ]);
  const after = plan([
    line(1, 'B', 1, 4000, 'DEDICATED', null),
    line(2, 'A', 0.5, 3000, 'SHARED_PAIR', 'C'),
    line(3, 'C', 0.5, 2000, 'SHARED_PAIR', 'A'),
    line(4, 'E', 0, 1000, 'BUDGET_ONLY', null),
  ]);
  const c = comparePlans(before, after);

  it("lists the later plan's units in its order, then the dropped ones", () => {
    expect(c.lines.map((l) => [l.code, l.change])).toEqual([
      ['B', 'CHANGED'],
      ['A', 'CHANGED'],
      ['C', 'CHANGED'],
      ['E', 'ADDED'],
      ['D', 'DROPPED'],
    ]);
  });

  it('gives each unit what it had and what it has, zero where it was not in a plan', () => {
    const byCode = new Map(c.lines.map((l) => [l.code, l]));
    expect(byCode.get('B')).toMatchObject({
      rankBefore: 2,
      rankAfter: 1,
      postsBefore: 0.5,
      postsAfter: 1,
      poundsBefore: 3000,
      poundsAfter: 4000,
      ruleBefore: 'SHARED_PAIR',
      ruleAfter: 'DEDICATED',
      pairBefore: 'C',
      pairAfter: null,
      what: 'posts 0.5 → 1 (SHARED_PAIR → DEDICATED); pair C → none; £3,000 → £4,000; rank 2 → 1',
    });
    // C keeps its posts, pounds and rank; only its partner changed.
    expect(byCode.get('C')).toMatchObject({ postsBefore: 0.5, postsAfter: 0.5, what: 'pair B → A' });
    expect(byCode.get('E')).toMatchObject({
      rankBefore: null,
      rankAfter: 4,
      postsBefore: 0,
      poundsBefore: 0,
      poundsAfter: 1000,
      ruleBefore: null,
      what: 'added: 0 posts (BUDGET_ONLY), £1,000, rank 4',
    });
    expect(byCode.get('D')).toMatchObject({ rankAfter: null, postsAfter: 0, poundsAfter: 0, ruleAfter: null });
  });

  it('finds no input change between plans made with the same input, and says so', () => {
    expect(c.inputChanges).toEqual([]);
    expect(c.summary).toBe(
      '1 unit(s) added, 1 dropped, 3 changed, 0 unchanged; 0.5 post(s) gained by units that had fewer; posts 2 → 2, budget £10,000 → £10,000; same input.',
    );
  });

  it('names every input that differs, before and after', () => {
    const later = plan(before.lines, {
      parameters: {
        ...before.parameters,
        edition: 2025,
        preset: null,
        weights: [
          { component: 'IMD', weight: 2 },
          { component: 'CRIME_RATE', weight: 1 },
        ],
        from: '2025-01',
        to: '2025-12',
      },
      posts: 6.5,
      pairing: null,
      budget: { total: 35000, floor: 2000 },
    });
    expect(comparePlans(before, later).inputChanges).toEqual([
      'edition 2019 → 2025',
      'preset IMD_ONLY → none',
      'weights IMD 1 → IMD 2, CRIME_RATE 1',
      'period none → 2025-01 to 2025-12',
      'posts 2 → 6.5',
      'pairing NEIGHBOURS → none',
      'budget £10,000 → £35,000',
      'floor £1,000 → £2,000',
    ]);
  });

  it('marks every unit UNCHANGED when a plan is compared with itself', () => {
    const same = comparePlans(before, before);
    expect(same.lines.every((l) => l.change === 'UNCHANGED' && l.what === 'unchanged')).toBe(true);
    expect(same.lines).toHaveLength(4);
  });
});
