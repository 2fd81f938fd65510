/** An area whose wards fall into more than one connected piece. */
export interface SplitArea {
  area: string;
  /** The connected pieces, each a list of ward codes; the first holds the area's first ward. */
  pieces: string[][];
}

/**
 * Splits items into connected pieces by breadth-first search, in the order of `items`: each
 * piece starts at the first item not yet reached and holds every item reachable from it.
 * @param items every item, each in exactly one piece
 * @param next the items linked to one (only items of `items` may be returned)
 * @example connectedPieces([1, 2, 3], (n) => (n === 1 ? [2] : n === 2 ? [1] : [])) //= [[1, 2], [3]]
 */
export function connectedPieces<T>(items: readonly T[], next: (item: T) => Iterable<T>): T[][] {
  const seen = new Set<T>();
  const pieces: T[][] = [];
  for (const start of items) {
    if (seen.has(start)) {
      continue;
    }
    const piece: T[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const item = queue.shift() as T;
      piece.push(item);
      for (const linked of next(item)) {
        if (!seen.has(linked)) {
          seen.add(linked);
          queue.push(linked);
        }
      }
    }
    pieces.push(piece);
  }
  return pieces;
}

/**
 * Finds areas that are not contiguous: wards of an area must be reachable from one another
 * by stepping between wards that share a boundary line, without leaving the area.
 * @param areas area code -> its ward codes
 * @param adjacency pairs of wards sharing a boundary (either or both directions)
 * @returns the areas that split into more than one piece
 * @example splitAreas(new Map([['A', ['w1', 'w2']]]), []) //= [{ area: 'A', pieces: [['w1'], ['w2']] }]
 */
export function splitAreas(
  areas: ReadonlyMap<string, readonly string[]>,
  adjacency: readonly { wardCode: string; neighbourCode: string }[],
): SplitArea[] {
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = links.get(a) ?? new Set<string>();
    set.add(b);
    links.set(a, set);
  };
  for (const { wardCode, neighbourCode } of adjacency) {
    link(wardCode, neighbourCode);
    link(neighbourCode, wardCode);
  }
  const split: SplitArea[] = [];
  for (const [area, wards] of areas) {
    const inArea = new Set(wards);
    const pieces = connectedPieces(wards, (ward) => [...(links.get(ward) ?? [])].filter((w) => inArea.has(w)));
    if (pieces.length > 1) {
      split.push({ area, pieces });
    }
  }
  return split;
}
