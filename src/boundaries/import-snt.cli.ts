import { parseArgs } from 'node:util';

import { runCli } from '../ingest/cli';

import { importNeighbourhoods } from './import-snt';
import { BoundaryFileError } from './read-snt';

const USAGE = 'usage: npm run import:snt -- FILE... [--force derbyshire] [--retrieved YYYY-MM-DD] [--synthetic]';

// npm run import:snt: imports police neighbourhood boundaries (data.police.uk JSON, KML or
// GeoJSON) as a new current layer for a force, keeping the earlier ones.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    force: { type: 'string', default: 'derbyshire' },
    retrieved: { type: 'string' },
    synthetic: { type: 'boolean' },
  },
});
if (positionals.length === 0) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
runCli('import:snt', [BoundaryFileError], async (database) => {
  const result = await importNeighbourhoods(database.dataSource, positionals, {
    force: values.force,
    retrievedAt: values.retrieved ?? null,
    synthetic: values.synthetic ?? false,
  });
  result.notes.forEach((line) => process.stderr.write(`  note: ${line}\n`));
  process.stdout.write(
    `police neighbourhoods: layer ${result.layerId} for ${values.force} is now current, ${result.neighbourhoods} neighbourhood(s), ${result.notes.length} fix(es)\n`,
  );
  return 0;
});
