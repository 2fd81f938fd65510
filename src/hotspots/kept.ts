/**
 * Puts `value` under `key` as the most recent entry of a map kept in process, dropping the
 * oldest beyond `limit` (a Map iterates in insertion order).
 */
export function keep<T>(map: Map<string, T>, key: string, value: T, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) {
    map.delete(map.keys().next().value as string);
  }
}
