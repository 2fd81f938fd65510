import path from 'node:path';
import { parseArgs } from 'node:util';

import { ensureReferenceData } from '../bootstrap';
import { runCli } from '../cli';
import { ImportRefusedError } from '../police/import-police';

import { checkReportHeader, importReports } from './import-reports';

const USAGE = `usage: npm run import:reports -- FILE [--report REJECTED.csv]
  FILE: CSV with the header category,longitude,latitude,description,reported_at,reporter_contact[,source]`;

function usage(message: string): never {
  process.stderr.write(`${message}${message ? '\n' : ''}${USAGE}\n`);
  process.exit(2);
}

// npm run import:reports: bulk-imports street-scene reports (the fields of reportIssue) from CSV.
let args;
try {
  args = parseArgs({ allowPositionals: true, options: { report: { type: 'string' }, help: { type: 'boolean' } } });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) {
  usage(positionals.length === 0 ? 'say which file to import' : 'give one file at a time');
}
const reportPath =
  values.report ?? path.resolve('import-reports', `reports-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
runCli('import:reports', [ImportRefusedError], async (database) => {
  // Refuse a wrong file before anything, the geography included, is written.
  await checkReportHeader(positionals[0]);
  await ensureReferenceData(database, false, (line) => process.stderr.write(`… ${line}\n`));
  const c = await importReports(database.dataSource, positionals[0], { reportPath });
  process.stdout.write(
    `street-scene import: read ${c.read}, inserted ${c.inserted}, unchanged ${c.unchanged}, rejected ${c.rejected}` +
      `${c.rejected ? ` (listed in ${reportPath})` : ''}, outside the city ${c.outsideCity}\n`,
  );
  return 0;
});
