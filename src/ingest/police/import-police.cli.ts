import path from 'node:path';
import { parseArgs } from 'node:util';

import { readConfig } from '../../config';
import { openDatabase } from '../../db/database';

import {
  expandPaths,
  type ImportCounts,
  importPoliceFiles,
  ImportRefusedError,
  summariseImport,
} from './import-police';

import 'reflect-metadata';

const USAGE =
  'usage: npm run import:police -- PATH... [--report FILE] [--batch-size N]\n  PATH: files, folders or globs of police.uk street-level CSV';

// npm run import:police: imports police.uk files into the configured database, with progress on
// a terminal and a one-line summary at the end.
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { report: { type: 'string' }, 'batch-size': { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help || args.positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return args.values.help ? 0 : 2;
  }
  const batchSize = args.values['batch-size'] ? Number(args.values['batch-size']) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)) {
    process.stderr.write(`--batch-size must be a whole number from 1 to 100000, got "${args.values['batch-size']}"\n`);
    return 2;
  }
  const reportPath =
    args.values.report ??
    path.resolve('import-reports', `police-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const started = Date.now();
  const progress = (c: ImportCounts, file: string) => {
    if (process.stderr.isTTY) {
      const rate = Math.round(c.read / Math.max((Date.now() - started) / 1000, 0.001));
      process.stderr.write(`\r${path.basename(file)}: ${c.read} rows, ${rate} rows/s, ${c.rejected} rejected   `);
    }
  };
  try {
    const files = await expandPaths(args.positionals);
    const result = await importPoliceFiles(database.dataSource, files, { batchSize, reportPath, onProgress: progress });
    if (process.stderr.isTTY) {
      process.stderr.write('\n');
    }
    for (const [type, rows] of result.unknownTypes) {
      process.stderr.write(
        `  note: crime type "${type}" was new to the hub; its ${rows} row(s) are kept under its own slug\n`,
      );
    }
    if (result.reportPath) {
      process.stderr.write(`  rejected rows, with line numbers and reasons: ${result.reportPath}\n`);
    }
    process.stdout.write(`${summariseImport(result)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ImportRefusedError) {
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
    process.stderr.write(`import:police failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
