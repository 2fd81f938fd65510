import { createHash } from 'node:crypto';

/**
 * A computed place's key: its kind and a hash of what it is made of (sorted cell ids of a grid
 * fixed by the analysis input, or sorted incident ids), so the same analysis on the same data
 * finds it again, and one whose cells or incidents changed is a different one. Hot spots,
 * clusters and cross-boundary issues are computed, never stored: this is how a task or a
 * priority names one.
 */
export function placeKey(kind: 'HOTSPOT' | 'CLUSTER', members: readonly string[]): string {
  const sorted =
    kind === 'CLUSTER' ? [...members].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)) : [...members].sort();
  return `${kind}:${createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 16)}`;
}
