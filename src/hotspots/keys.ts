import { createHash } from 'node:crypto';

/**
 * A computed place's key: its kind and a hash of what it is made of (sorted cell ids of a grid
 * fixed by the analysis input, or sorted incident ids), so the same analysis on the same data
 * finds it again, and one whose cells or incidents changed is a different one. Hot spots,
 * clusters and cross-boundary issues are computed, never stored: this is how a task or a
 * priority names one. The hash is the first 16 hex digits of the sha256 of the members joined by
 * ',', cell ids in text order, incident ids in numeric order. A cluster's is computed where its
 * incidents are, in clusters.sql, by the same rule (test/clusters.test.ts checks that they agree),
 * and named by clusterKey.
 */
export function placeKey(kind: 'HOTSPOT' | 'CLUSTER', members: readonly string[]): string {
  const sorted =
    kind === 'CLUSTER' ? [...members].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)) : [...members].sort();
  return `${kind}:${createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 16)}`;
}

/** A cluster's key from the hash clusters.sql computed by placeKey's rule. */
export function clusterKey(hash: string): string {
  return `CLUSTER:${hash}`;
}
