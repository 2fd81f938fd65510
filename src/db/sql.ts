import fs from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string>();

/**
 * Reads a named statement from a capability's `sql/` folder (read once, then cached), so SQL
 * stays in files that can be run in psql, EXPLAINed and diffed.
 * @param dir the capability folder (pass `__dirname` from its service)
 * @param name file name without `.sql`
 * @example sqlFile(__dirname, 'wards-by-code')
 */
export function sqlFile(dir: string, name: string): string {
  const file = path.join(dir, 'sql', `${name}.sql`);
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text;
}
