/** An area whose wards fall into more than one connected piece. */
export interface SplitArea {
  area: string;
  /** The connected pieces, each a list of ward codes; the first holds the area's first ward. */
  pieces: string[][];
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
    const seen = new Set<string>();
    const pieces: string[][] = [];
    for (const start of wards) {
      if (seen.has(start)) {
        continue;
      }
      const piece: string[] = [];
      const queue = [start];
      seen.add(start);
      while (queue.length > 0) {
        const ward = queue.shift() as string;
        piece.push(ward);
        for (const next of links.get(ward) ?? []) {
          if (inArea.has(next) && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      pieces.push(piece);
    }
    if (pieces.length > 1) {
      split.push({ area, pieces });
    }
  }
  return split;
}
