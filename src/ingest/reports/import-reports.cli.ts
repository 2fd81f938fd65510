import path from 'node:path';
import { parseArgs } from 'node:util';

import { readConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { ImportRefusedError } from '../police/import-police';

import { importReports } from './import-reports';

import 'reflect-metadata';

const USAGE = 'usage: npm run import:reports -- FILE [--report REJECTED.csv]';

// npm run import:reports: bulk-imports street-scene reports (the fields of reportIssue) from CSV.
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { report: { type: 'string' } } });
  if (positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const reportPath =
    values.report ?? path.resolve('import-reports', `reports-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const c = await importReports(database.dataSource, positionals[0], { reportPath });
    process.stdout.write(
      `street-scene import: read ${c.read}, inserted ${c.inserted}, unchanged ${c.unchanged}, rejected ${c.rejected}` +
        `${c.rejected ? ` (listed in ${reportPath})` : ''}, outside the city ${c.outsideCity}\n`,
    );
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
    process.stderr.write(`import:reports failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
