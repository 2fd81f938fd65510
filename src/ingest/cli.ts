import 'reflect-metadata';

import { parseArgs, type ParseArgsConfig } from 'node:util';

import { readConfig } from '../config';
import { type OpenDatabase, openDatabase } from '../db/database';

import { ImportRefusedError } from './import-refused';

/** An error that means "refused, nothing written", as opposed to a failure of the tool itself. */
type RefusalClass = new (...args: never[]) => Error;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Options = NonNullable<ParseArgsConfig['options']>;
type CommandLine<T extends Options> = ReturnType<
  typeof parseArgs<{ allowPositionals: true; options: T & typeof HELP }>
>;

/**
 * Prints what was wrong with the command line and how to call the tool, on stderr, and exits
 * with code 2 (a usage error: nothing was attempted).
 */
export function usageError(usage: string, message: string): never {
  process.stderr.write(`${message}${message ? '\n' : ''}${usage}\n`);
  process.exit(2);
}

/**
 * Reads the command line. `--help` (or `-h`) prints `usage` on stdout and exits 0 before
 * anything else happens, so it never needs a database; an unknown option or a missing value is
 * a usage error (exit code 2).
 * @param usage the tool's usage text
 * @param options its options, as node:util parseArgs takes them (`--help` is added)
 */
export function readCommandLine<T extends Options>(usage: string, options: T): CommandLine<T> {
  let parsed: CommandLine<T>;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { ...options, ...HELP } });
  } catch (err) {
    usageError(usage, (err as Error).message);
  }
  // TypeScript cannot see `help` through the generic options; parseArgs did add it.
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed;
}

/**
 * Runs a command-line job against the configured database (DATABASE_URL, or the embedded one in
 * DATA_DIR): runs `check` first, then opens and migrates the database, runs `work`, closes it,
 * and exits with work's code. A refusal (ImportRefusedError, or one of `refusals`) from either
 * is said as "refused, nothing written: …" with exit code 1; anything else as "NAME failed: …",
 * also 1.
 * @param name the npm script, for messages
 * @param refusals error classes besides ImportRefusedError that mean the input was refused
 * @param work the job; returns the exit code
 * @param check refuses bad input (a missing, empty or wrong file) at once, before the database
 * is opened, which can take seconds
 */
export function runCli(
  name: string,
  refusals: RefusalClass[],
  work: (database: OpenDatabase) => Promise<number>,
  check?: () => Promise<void> | void,
): void {
  const refused = (err: unknown) => [ImportRefusedError, ...refusals].some((cls) => err instanceof cls);
  const main = async (): Promise<number> => {
    try {
      await check?.();
      const config = readConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    } catch (err) {
      if (refused(err)) {
        process.stderr.write(`refused, nothing written: ${(err as Error).message}\n`);
        return 1;
      }
      throw err;
    }
  };
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
