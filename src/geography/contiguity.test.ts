import { connectedPieces, splitAreas } from './contiguity';

// A row of wards a-b-c-d, each touching the next.
const chain = [
  { wardCode: 'a', neighbourCode: 'b' },
  { wardCode: 'b', neighbourCode: 'c' },
  { wardCode: 'c', neighbourCode: 'd' },
];

describe('splitAreas', () => {
  it('finds no split when every area is connected, whichever direction adjacency is listed in', () => {
    const areas = new Map([
      ['X', ['a', 'b']],
      ['Y', ['d', 'c']],
    ]);
    expect(splitAreas(areas, chain)).toEqual([]);
    expect(
      splitAreas(
        areas,
        chain.map((p) => ({ wardCode: p.neighbourCode, neighbourCode: p.wardCode })),
      ),
    ).toEqual([]);
  });

  it('names the pieces of an area whose wards only connect through another area', () => {
    const areas = new Map([
      ['X', ['a', 'c']],
      ['Y', ['b', 'd']],
    ]);
    expect(splitAreas(areas, chain)).toEqual([
      { area: 'X', pieces: [['a'], ['c']] },
      { area: 'Y', pieces: [['b'], ['d']] },
    ]);
  });

  it('treats a one-ward area as contiguous', () => {
    expect(splitAreas(new Map([['X', ['a']]]), [])).toEqual([]);
  });
});

describe('connectedPieces', () => {
  it('finds each piece from its first item, breadth first, every item once', () => {
    // 1 - 2 - 4 and 3 - 5, with 6 alone.
    const links = new Map([
      [1, [2]],
      [2, [1, 4]],
      [4, [2]],
      [3, [5]],
      [5, [3]],
    ]);
    expect(connectedPieces([1, 3, 2, 4, 5, 6], (n) => links.get(n) ?? [])).toEqual([[1, 2, 4], [3, 5], [6]]);
    expect(connectedPieces([], () => [])).toEqual([]);
  });
});
