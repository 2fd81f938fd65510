import { adjustedRandIndex } from './alignment';

/** Shared weight (residents, land or incidents) of each ward with each neighbourhood. */
export interface WardWeight {
  ward: string;
  policeNeighbourhoodId: number;
  weight: number;
}

/**
 * Every connected set of `nodes` containing `start`, each once (the candidate-list method: a set
 * grows only by candidates not ruled out earlier on its branch).
 */
function* connectedSets(
  start: string,
  nodes: ReadonlySet<string>,
  links: ReadonlyMap<string, readonly string[]>,
): Generator<Set<string>> {
  function* grow(set: Set<string>, candidates: string[], excluded: Set<string>): Generator<Set<string>> {
    yield set;
    for (let i = 0; i < candidates.length; i += 1) {
      const u = candidates[i];
      const nowExcluded = new Set([...excluded, ...candidates.slice(0, i)]);
      const next = candidates.slice(i + 1);
      for (const w of links.get(u) ?? []) {
        if (
          nodes.has(w) &&
          !set.has(w) &&
          w !== u &&
          !nowExcluded.has(w) &&
          !next.includes(w) &&
          !candidates.includes(w)
        ) {
          next.push(w);
        }
      }
      yield* grow(new Set([...set, u]), next, nowExcluded);
    }
  }
  const first = (links.get(start) ?? []).filter((w) => nodes.has(w));
  yield* grow(new Set([start]), [...new Set(first)], new Set());
}

function components(nodes: ReadonlySet<string>, links: ReadonlyMap<string, readonly string[]>): number {
  const seen = new Set<string>();
  let count = 0;
  for (const n of nodes) {
    if (seen.has(n)) {
      continue;
    }
    count += 1;
    const queue = [n];
    seen.add(n);
    while (queue.length > 0) {
      const at = queue.pop() as string;
      for (const w of links.get(at) ?? []) {
        if (nodes.has(w) && !seen.has(w)) {
          seen.add(w);
          queue.push(w);
        }
      }
    }
  }
  return count;
}

/**
 * Every way to split the wards into k non-empty contiguous groups, each once: the group holding
 * the first remaining ward is chosen among the connected sets containing it, pruning any choice
 * that leaves more pieces than groups still to make.
 */
export function* contiguousPartitions(
  wards: readonly string[],
  adjacency: readonly { wardCode: string; neighbourCode: string }[],
  k: number,
): Generator<string[][]> {
  const links = new Map<string, string[]>(wards.map((w) => [w, []]));
  for (const { wardCode, neighbourCode } of adjacency) {
    links.get(wardCode)?.push(neighbourCode);
    links.get(neighbourCode)?.push(wardCode);
  }
  const sorted = [...wards].sort();
  function* split(remaining: Set<string>, parts: number): Generator<string[][]> {
    if (parts === 1) {
      if (components(remaining, links) === 1) {
        yield [[...remaining].sort()];
      }
      return;
    }
    const start = sorted.find((w) => remaining.has(w)) as string;
    for (const group of connectedSets(start, remaining, links)) {
      if (group.size > remaining.size - (parts - 1)) {
        continue;
      }
      const rest = new Set([...remaining].filter((w) => !group.has(w)));
      if (components(rest, links) > parts - 1) {
        continue;
      }
      for (const others of split(rest, parts - 1)) {
        yield [[...group].sort(), ...others];
      }
    }
  }
  yield* split(new Set(wards), k);
}

/**
 * A fast scorer for many groupings of the same wards: each ward's weights as a vector over the
 * neighbourhoods, summed per group into a contingency table, scored by the adjusted Rand index
 * (the grouping score of boundaryAlignment).
 */
function scorer(wards: readonly string[], weights: readonly WardWeight[]): (groups: readonly string[][]) => number {
  const neighbourhoods = [...new Set(weights.map((w) => w.policeNeighbourhoodId))];
  const column = new Map(neighbourhoods.map((s, i) => [s, i]));
  const vectors = new Map(wards.map((w) => [w, new Float64Array(neighbourhoods.length)]));
  for (const { ward, policeNeighbourhoodId, weight } of weights) {
    const v = vectors.get(ward);
    if (v) {
      v[column.get(policeNeighbourhoodId) as number] += weight;
    }
  }
  return (groups) =>
    adjustedRandIndex(
      groups.map((g) => {
        const sum = new Array<number>(neighbourhoods.length).fill(0);
        for (const w of g) {
          const v = vectors.get(w) as Float64Array;
          for (let j = 0; j < v.length; j += 1) {
            sum[j] += v[j];
          }
        }
        return sum;
      }),
    );
}

/** How long the search computes before letting the hub's other requests run. */
const SLICE_MS = 20;

/**
 * The grouping of wards into k contiguous areas that best matches the police neighbourhoods, by
 * exhaustive search over every contiguous grouping (exact, feasible for a city's 17 wards into 4),
 * with the areas' names given to the groups so that as few wards as possible move. The search
 * takes seconds of CPU, so it yields to the event loop every SLICE_MS: health checks and other
 * requests keep being answered meanwhile.
 * @param current ward -> area code now; its area codes name the proposed groups
 * @returns the proposed ward -> area code, its score, and how many groupings were examined
 */
export async function proposeGrouping(
  current: ReadonlyMap<string, string>,
  adjacency: readonly { wardCode: string; neighbourCode: string }[],
  weights: readonly WardWeight[],
  k: number,
): Promise<{ grouping: Map<string, string>; score: number; examined: number }> {
  let best: { groups: string[][]; score: number } | null = null;
  let examined = 0;
  const score = scorer([...current.keys()], weights);
  let slice = Date.now();
  for (const groups of contiguousPartitions([...current.keys()], adjacency, k)) {
    if (Date.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = Date.now();
    }
    examined += 1;
    const s = score(groups);
    if (!best || s > best.score + 1e-12) {
      best = { groups, score: s };
    }
  }
  if (!best) {
    return { grouping: new Map(current), score: 0, examined };
  }
  // Name the groups after the current areas, choosing the naming that keeps most wards in place.
  const areas = [...new Set(current.values())].sort();
  let naming: string[] = areas;
  let kept = -1;
  const permute = (rest: string[], chosen: string[]) => {
    if (chosen.length === best!.groups.length) {
      const stay = best!.groups.reduce((s, g, i) => s + g.filter((w) => current.get(w) === chosen[i]).length, 0);
      if (stay > kept) {
        kept = stay;
        naming = chosen;
      }
      return;
    }
    rest.forEach((a, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...chosen, a]));
  };
  permute(areas, []);
  const grouping = new Map(best.groups.flatMap((g, i) => g.map((w) => [w, naming[i]] as const)));
  return { grouping, score: best.score, examined };
}

/** The score of a given grouping (ward -> area code). */
export function groupingScore(grouping: ReadonlyMap<string, string>, weights: readonly WardWeight[]): number {
  const groups = new Map<string, string[]>();
  grouping.forEach((area, ward) => groups.set(area, [...(groups.get(area) ?? []), ward]));
  return scorer([...grouping.keys()], weights)([...groups.values()]);
}
