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

/**
 * Fills the `/*NAME*\/` slots of a statement with fixed SQL text. Only for text the code owns (a
 * column from a whitelist, a shared fragment): every value a caller gives stays a `$n`
 * parameter. A slot the statement lacks is a programming error, so it throws.
 * @param text the statement, from sqlFile
 * @param slots slot name to SQL text; leading `--` comment lines of a fragment are dropped
 * @example splice('SELECT /*UNIT*\/ FROM incident', { UNIT: 'ward_code' }) //= 'SELECT ward_code FROM incident'
 */
export function splice(text: string, slots: Record<string, string>): string {
  let out = text;
  for (const [name, fragment] of Object.entries(slots)) {
    const marker = `/*${name}*/`;
    if (!out.includes(marker)) {
      throw new Error(`the statement has no ${marker} slot`);
    }
    out = out.replaceAll(marker, fragment.replace(/^--.*\n/gm, '').trim());
  }
  return out;
}
