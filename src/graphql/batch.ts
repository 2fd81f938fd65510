/**
 * Helpers for DataLoader batch functions: a batch function must return one value per key, in
 * key order, whatever order or number of rows the database gave back.
 */

/**
 * One row (or null) per key.
 * @example orderByKeys(['b', 'a'], [{ code: 'a' }], (r) => r.code) //= [null, { code: 'a' }]
 */
export function orderByKeys<R>(keys: readonly string[], rows: readonly R[], keyOf: (row: R) => string): (R | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * All rows of each key (an empty list when none), keeping the rows' order within a key.
 * @example groupByKeys(['a'], [{ k: 'a', v: 1 }, { k: 'a', v: 2 }], (r) => r.k) //= [[{…1}, {…2}]]
 */
export function groupByKeys<R>(keys: readonly string[], rows: readonly R[], keyOf: (row: R) => string): R[][] {
  const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    groups.get(keyOf(row))?.push(row);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Batches keys that carry an argument besides the code (a simplification tolerance, an edition):
 * one query per distinct argument, so the statement count grows with the arguments used in the
 * request, never with the number of parents.
 * @param keys the loader's keys
 * @param argOf the key's argument, as a string for grouping
 * @param run fetches the values for the codes sharing one argument, in their order
 */
export async function batchByArgument<K extends { code: string }, V>(
  keys: readonly K[],
  argOf: (key: K) => string,
  run: (codes: string[], sample: K) => Promise<V[]>,
): Promise<V[]> {
  const groups = new Map<string, { sample: K; codes: string[] }>();
  for (const key of keys) {
    const arg = argOf(key);
    const group = groups.get(arg) ?? { sample: key, codes: [] };
    if (!group.codes.includes(key.code)) {
      group.codes.push(key.code);
    }
    groups.set(arg, group);
  }
  const results = new Map<string, V>();
  await Promise.all(
    [...groups].map(async ([arg, group]) => {
      const values = await run(group.codes, group.sample);
      group.codes.forEach((code, i) => results.set(`${arg}\u0000${code}`, values[i]));
    }),
  );
  return keys.map((key) => results.get(`${argOf(key)}\u0000${key.code}`) as V);
}
