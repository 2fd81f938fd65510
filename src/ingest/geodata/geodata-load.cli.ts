import { parseArgs } from 'node:util';

import { DEFAULT_MANIFEST } from '../../paths';
import { runCli } from '../cli';

import { loadGeodata, summarise } from './load';
import { GeodataError } from './read';

const USAGE = 'usage: npm run geodata:load -- [--file MANIFEST] [--areas AREAS.json]';

// npm run geodata:load: loads or reloads the reference geography into the configured database
// (DATABASE_URL, or the embedded one in DATA_DIR while the hub is not running).
const { values } = parseArgs({ options: { file: { type: 'string' }, areas: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
runCli('geodata:load', [GeodataError], async (database) => {
  const report = await loadGeodata(database.dataSource, {
    manifestPath: values.file ?? DEFAULT_MANIFEST,
    areasPath: values.areas,
    onProgress: (step) => process.stderr.write(`… ${step}\n`),
  });
  [...report.repaired, ...report.notes].forEach((line) => process.stderr.write(`  note: ${line}\n`));
  process.stdout.write(`${summarise(report)}\n`);
  return 0;
});
