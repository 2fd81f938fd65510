import { contiguousPartitions, groupingScore, proposeGrouping } from './propose';

const edges = (pairs: string) => pairs.split(' ').map((p) => ({ wardCode: p[0], neighbourCode: p[1] }));

describe('contiguous partitions', () => {
  it('lists every split of a path into contiguous groups once', () => {
    // a-b-c-d into 2 groups: {a}{bcd}, {ab}{cd}, {abc}{d}.
    const parts = [...contiguousPartitions(['a', 'b', 'c', 'd'], edges('ab bc cd'), 2)];
    expect(new Set(parts.map((p) => p.map((g) => g.join('')).join('|')))).toEqual(new Set(['a|bcd', 'ab|cd', 'abc|d']));
  });

  it('agrees with brute force over every labelling on a small grid', () => {
    // A 3 × 3 grid (rook adjacency) into 3 contiguous groups.
    const names = 'abcdefghi'.split('');
    const adj = edges('ab bc de ef gh hi ad be cf dg eh fi');
    const ours = new Set(
      [...contiguousPartitions(names, adj, 3)].map((p) =>
        p
          .map((g) => g.join(''))
          .sort()
          .join('|'),
      ),
    );
    const brute = new Set<string>();
    const links = new Map(
      names.map((n) => [
        n,
        adj
          .filter((e) => e.wardCode === n || e.neighbourCode === n)
          .map((e) => (e.wardCode === n ? e.neighbourCode : e.wardCode)),
      ]),
    );
    const connected = (group: string[]) => {
      const seen = new Set([group[0]]);
      const queue = [group[0]];
      while (queue.length) {
        for (const w of links.get(queue.pop() as string) ?? []) {
          if (group.includes(w) && !seen.has(w)) {
            seen.add(w);
            queue.push(w);
          }
        }
      }
      return seen.size === group.length;
    };
    for (let code = 0; code < 3 ** 9; code += 1) {
      const label = names.map((_, i) => Math.floor(code / 3 ** i) % 3);
      const groups = [0, 1, 2].map((g) => names.filter((_, i) => label[i] === g));
      if (groups.every((g) => g.length > 0 && connected(g))) {
        brute.add(
          groups
            .map((g) => g.join(''))
            .sort()
            .join('|'),
        );
      }
    }
    expect(ours).toEqual(brute);
  });
});

describe('proposeGrouping', () => {
  it('finds the grouping that matches the neighbourhoods exactly, and keeps the area names where they fit', async () => {
    // Wards a-b-c-d-e-f in a row; neighbourhood 1 covers a, b, c, neighbourhood 2 covers d, e, f.
    // Now: N = {a, b}, S = {c, d, e, f}; the optimum moves c to N.
    const current = new Map([
      ['a', 'N'],
      ['b', 'N'],
      ['c', 'S'],
      ['d', 'S'],
      ['e', 'S'],
      ['f', 'S'],
    ]);
    const weights = ['a', 'b', 'c']
      .map((ward) => ({ ward, policeNeighbourhoodId: 1, weight: 100 }))
      .concat(['d', 'e', 'f'].map((ward) => ({ ward, policeNeighbourhoodId: 2, weight: 100 })));
    const result = await proposeGrouping(current, edges('ab bc cd de ef'), weights, 2);
    expect(result.score).toBe(1);
    expect([...result.grouping]).toEqual([
      ['a', 'N'],
      ['b', 'N'],
      ['c', 'N'],
      ['d', 'S'],
      ['e', 'S'],
      ['f', 'S'],
    ]);
    expect(result.examined).toBe(5);
    // By hand for the current grouping: table N [200, 0], S [100, 300]: Σn² = 140,000; rows 200,
    // 400 -> 200,000; columns 300, 300 -> 180,000; e = 200,000 · 180,000 / 600² = 100,000;
    // ARI = 40,000 / (190,000 − 100,000).
    expect(groupingScore(current, weights)).toBeCloseTo(40000 / 90000, 12);
  });
});
