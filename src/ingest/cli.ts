import 'reflect-metadata';

import { readConfig } from '../config';
import { type OpenDatabase, openDatabase } from '../db/database';

/** An error that means "refused, nothing written", as opposed to a failure of the tool itself. */
type RefusalClass = new (...args: never[]) => Error;

/**
 * Runs a command-line job against the configured database (DATABASE_URL, or the embedded one in
 * DATA_DIR): opens and migrates it, runs `work`, closes it, and exits with work's code. A
 * refusal is said as "refused, nothing written: …" with exit code 1; anything else as
 * "NAME failed: …", also 1.
 * @param name the npm script, for messages
 * @param refusals the error classes that mean the input was refused
 * @param work the job; returns the exit code
 */
export function runCli(
  name: string,
  refusals: RefusalClass[],
  work: (database: OpenDatabase) => Promise<number>,
): void {
  const main = async (): Promise<number> => {
    const config = readConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      return await work(database);
    } catch (err) {
      if (refusals.some((cls) => err instanceof cls)) {
        process.stderr.write(`refused, nothing written: ${(err as Error).message}\n`);
        return 1;
      }
      throw err;
    } finally {
      await database.close();
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
