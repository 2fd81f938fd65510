import { ensureReferenceData } from '../bootstrap';
import { readCommandLine, runCli, usageError } from '../cli';
import { Progress } from '../progress';
import { defaultReportPath } from '../rejections';

import { checkReportHeader, importReports } from './import-reports';

const USAGE = `usage: npm run import:reports -- FILE [--report REJECTED.csv]
  FILE: CSV with the header category,longitude,latitude,description,reported_at,reporter_contact[,source]
  --report FILE: where rejected rows are listed (default: a new file in $IMPORT_REPORTS_DIR,
                 ./import-reports unless set)`;

// npm run import:reports: bulk-imports street-scene reports (the fields of reportIssue) from CSV.
const { values, positionals } = readCommandLine(USAGE, { report: { type: 'string' } });
if (positionals.length !== 1) {
  usageError(USAGE, positionals.length === 0 ? 'say which file to import' : 'give one file at a time');
}
const [file] = positionals;
const reportPath = values.report ?? defaultReportPath('reports');

runCli(
  'import:reports',
  [],
  async (database) => {
    await ensureReferenceData(database, false, (line) => process.stderr.write(`… ${line}\n`));
    const started = Date.now();
    const progress = new Progress('street-scene import');
    const c = await importReports(database.dataSource, file, {
      reportPath,
      onProgress: (counts) => progress.update(counts.read, `${counts.rejected} rejected`),
    });
    progress.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `street-scene import: read ${c.read}, inserted ${c.inserted}, unchanged ${c.unchanged}, rejected ${c.rejected}` +
        `${c.rejected ? ` (listed in ${reportPath})` : ''}, outside the city ${c.outsideCity} in ${seconds.toFixed(1)} s\n`,
    );
    return 0;
  },
  // A wrong file is refused before anything, the geography included, is written.
  () => checkReportHeader(file),
);
