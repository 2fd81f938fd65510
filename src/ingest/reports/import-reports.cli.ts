import path from 'node:path';
import { parseArgs } from 'node:util';

import { runCli } from '../cli';
import { ImportRefusedError } from '../police/import-police';

import { importReports } from './import-reports';

const USAGE = 'usage: npm run import:reports -- FILE [--report REJECTED.csv]';

// npm run import:reports: bulk-imports street-scene reports (the fields of reportIssue) from CSV.
const { values, positionals } = parseArgs({ allowPositionals: true, options: { report: { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const reportPath =
  values.report ?? path.resolve('import-reports', `reports-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
runCli('import:reports', [ImportRefusedError], async (database) => {
  const c = await importReports(database.dataSource, positionals[0], { reportPath });
  process.stdout.write(
    `street-scene import: read ${c.read}, inserted ${c.inserted}, unchanged ${c.unchanged}, rejected ${c.rejected}` +
      `${c.rejected ? ` (listed in ${reportPath})` : ''}, outside the city ${c.outsideCity}\n`,
  );
  return 0;
});
