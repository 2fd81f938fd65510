import fs from 'node:fs';

/**
 * An input an importer refuses as a whole, before writing any of it. Every command-line tool
 * says it as "refused, nothing written: …" with exit code 1 (see runCli).
 */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

// Every zip archive starts with these four bytes; data.police.uk's downloads are zips.
const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');

function startsLikeZip(file: string): boolean {
  const head = Buffer.alloc(ZIP_MAGIC.length);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(ZIP_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks that a path names a readable, non-empty file that is not an archive, without reading
 * more than its first bytes, so a tool refuses a wrong path at once instead of after opening
 * the database.
 * @param file the path as the user gave it
 * @param expected what the file should be, for the message (e.g. "a police.uk street-level CSV")
 * @throws ImportRefusedError saying what is wrong and what was expected
 */
export function checkInputFile(file: string, expected: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ImportRefusedError(`${file}: no such file; expected ${expected}`);
  }
  if (stat.isDirectory()) {
    throw new ImportRefusedError(`${file} is a folder; give the file inside it (${expected})`);
  }
  if (!stat.isFile()) {
    throw new ImportRefusedError(`${file} is not a regular file; expected ${expected}`);
  }
  if (stat.size === 0) {
    throw new ImportRefusedError(`${file} is empty; expected ${expected}`);
  }
  let zip: boolean;
  try {
    zip = startsLikeZip(file);
  } catch (err) {
    throw new ImportRefusedError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (zip || /\.zip$/i.test(file)) {
    throw new ImportRefusedError(`${file} is a zip archive: unzip it first, then give ${expected} from inside it`);
  }
}
