import path from 'node:path';
import { parseArgs } from 'node:util';

import { ensureReferenceData } from '../bootstrap';
import { runCli } from '../cli';

import {
  checkHeaders,
  expandPaths,
  type ImportCounts,
  importPoliceFiles,
  ImportRefusedError,
  summariseImport,
} from './import-police';

const USAGE =
  'usage: npm run import:police -- PATH... [--report FILE] [--batch-size N]\n  PATH: files, folders or globs of police.uk street-level CSV';

function usage(message: string): never {
  process.stderr.write(`${message}${message ? '\n' : ''}${USAGE}\n`);
  process.exit(2);
}

// npm run import:police: imports police.uk files into the configured database, with progress on
// a terminal and a one-line summary at the end.
let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { report: { type: 'string' }, 'batch-size': { type: 'string' }, help: { type: 'boolean' } },
  });
} catch (err) {
  usage((err as Error).message);
}
if (args.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.positionals.length === 0) {
  usage('');
}
const batchText = args.values['batch-size'];
const batchSize = batchText === undefined ? undefined : Number(batchText);
if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)) {
  usage(`--batch-size must be a whole number from 1 to 100000, got "${batchText}"`);
}
const reportPath =
  args.values.report ?? path.resolve('import-reports', `police-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
const paths = args.positionals;

runCli('import:police', [ImportRefusedError], async (database) => {
  const files = await expandPaths(paths);
  // Refuse a wrong file before anything, the geography included, is written.
  await checkHeaders(files);
  await ensureReferenceData(database, false, (line) => process.stderr.write(`… ${line}\n`));
  const started = Date.now();
  const progress = (c: ImportCounts, file: string) => {
    if (process.stderr.isTTY) {
      const rate = Math.round(c.read / Math.max((Date.now() - started) / 1000, 0.001));
      process.stderr.write(`\r${path.basename(file)}: ${c.read} rows, ${rate} rows/s, ${c.rejected} rejected   `);
    }
  };
  const result = await importPoliceFiles(database.dataSource, files, {
    batchSize,
    reportPath,
    onProgress: progress,
    onInterruptedRun: (file) =>
      process.stderr.write(`  note: an earlier import of ${file} was killed midway; closed as interrupted\n`),
  });
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
});
