import { parseArgs } from 'node:util';

import { readConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { DEFAULT_MANIFEST } from '../../paths';

import { loadGeodata, summarise } from './load';
import { GeodataError } from './read';

import 'reflect-metadata';

const USAGE = 'usage: npm run geodata:load -- [--file MANIFEST] [--areas AREAS.json]';

// npm run geodata:load: loads or reloads the reference geography into the configured database
// (DATABASE_URL, or the embedded one in DATA_DIR while the hub is not running).
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { file: { type: 'string' }, areas: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const report = await loadGeodata(database.dataSource, {
      manifestPath: args.values.file ?? DEFAULT_MANIFEST,
      areasPath: args.values.areas,
      onProgress: (step) => process.stderr.write(`… ${step}\n`),
    });
    [...report.repaired, ...report.notes].forEach((line) => process.stderr.write(`  note: ${line}\n`));
    process.stdout.write(`${summarise(report)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof GeodataError) {
      process.stderr.write(`refused, nothing written: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`geodata:load failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
