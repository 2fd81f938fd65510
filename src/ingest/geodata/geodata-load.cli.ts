import { DEFAULT_MANIFEST } from '../../paths';
import { readCommandLine, runCli } from '../cli';
import { checkInputFile } from '../import-refused';

import { loadGeodata, summarise } from './load';

const USAGE = `usage: npm run geodata:load -- [--file MANIFEST] [--areas AREAS.json]
  loads or reloads the reference geography (wards, LSOAs, deprivation, population, areas) into
  the configured database (DATABASE_URL, or the embedded one in DATA_DIR while the hub is not running)
  --file MANIFEST: the manifest naming the files (default geodata/manifest.json)
  --areas AREAS.json: a grouping of wards into areas to use instead of the manifest's`;

// npm run geodata:load: loads or reloads the reference geography into the configured database.
const { values } = readCommandLine(USAGE, { file: { type: 'string' }, areas: { type: 'string' } });
const manifestPath = values.file ?? DEFAULT_MANIFEST;

runCli(
  'geodata:load',
  [],
  async (database) => {
    const report = await loadGeodata(database.dataSource, {
      manifestPath,
      areasPath: values.areas,
      onProgress: (step) => process.stderr.write(`… ${step}\n`),
    });
    [...report.repaired, ...report.notes].forEach((line) => process.stderr.write(`  note: ${line}\n`));
    process.stdout.write(`${summarise(report)}\n`);
    return 0;
  },
  () => {
    checkInputFile(manifestPath, 'a geodata manifest (JSON)');
    if (values.areas) {
      checkInputFile(values.areas, 'an areas file (JSON)');
    }
  },
);
