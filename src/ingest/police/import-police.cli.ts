import path from 'node:path';

import { ensureReferenceData } from '../bootstrap';
import { readCommandLine, runCli, usageError } from '../cli';
import { Progress } from '../progress';
import { defaultReportPath } from '../rejections';

import { checkHeaders, expandPaths, importPoliceFiles, summariseImport } from './import-police';

const USAGE = `usage: npm run import:police -- PATH... [--report FILE] [--batch-size N]
  PATH: police.uk street-level CSV files (unzipped), folders of them, or globs
  --report FILE: where rejected rows are listed (default: a new file in $IMPORT_REPORTS_DIR,
                 ./import-reports unless set)
  --batch-size N: rows per batch (default 50000; 5000 where the database does not let the
                 importer turn triggers off for its bulk path); each batch commits on its own,
                 except in a first load into an empty incident table, which commits once`;

// npm run import:police: imports police.uk files into the configured database, with progress on
// stderr and a one-line summary on stdout at the end.
const { values, positionals } = readCommandLine(USAGE, {
  report: { type: 'string' },
  'batch-size': { type: 'string' },
});
if (positionals.length === 0) {
  usageError(USAGE, 'say which files to import');
}
const batchText = values['batch-size'];
const batchSize = batchText === undefined ? undefined : Number(batchText);
if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)) {
  usageError(USAGE, `--batch-size must be a whole number from 1 to 100000, got "${batchText}"`);
}
const reportPath = values.report ?? defaultReportPath('police');
let files: string[] = [];

runCli(
  'import:police',
  [],
  async (database) => {
    await ensureReferenceData(database, false, (line) => process.stderr.write(`… ${line}\n`));
    const progress = new Progress('police.uk import');
    const result = await importPoliceFiles(database.dataSource, files, {
      batchSize,
      reportPath,
      onProgress: (c, file) => progress.update(c.read, `${c.rejected} rejected`, path.basename(file)),
      onInterruptedRun: (file) =>
        process.stderr.write(`  note: an earlier import of ${file} was killed midway; closed as interrupted\n`),
    });
    progress.stop();
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
  },
  // A wrong file is refused before anything, the geography included, is written.
  async () => {
    files = await expandPaths(positionals);
    await checkHeaders(files);
  },
);
