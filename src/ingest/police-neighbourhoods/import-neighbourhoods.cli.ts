import { readCommandLine, runCli, usageError } from '../cli';

import { importNeighbourhoods } from './import-neighbourhoods';
import { readBoundaryFile } from './read-boundaries';

const USAGE = `usage: npm run import:neighbourhoods -- FILE... [--force derbyshire] [--retrieved YYYY-MM-DD] [--synthetic]
  FILE: police neighbourhood boundaries as data.police.uk publishes them (boundary JSON, one
        neighbourhood per file named by its id; KML, one Placemark each) or a GeoJSON FeatureCollection
  --force: the police force the layer is for (default derbyshire)
  --retrieved: the date the files were downloaded
  --synthetic: label the layer as made up, not real police boundaries`;

// npm run import:neighbourhoods: imports police neighbourhood boundaries as a new current layer
// for a force, keeping the earlier ones.
const { values, positionals } = readCommandLine(USAGE, {
  force: { type: 'string', default: 'derbyshire' },
  retrieved: { type: 'string' },
  synthetic: { type: 'boolean' },
});
if (positionals.length === 0) {
  usageError(USAGE, 'say which boundary files to import');
}

runCli(
  'import:neighbourhoods',
  [],
  async (database) => {
    const result = await importNeighbourhoods(database.dataSource, positionals, {
      force: values.force,
      retrievedAt: values.retrieved ?? null,
      synthetic: values.synthetic ?? false,
    });
    result.notes.forEach((line) => process.stderr.write(`  note: ${line}\n`));
    process.stdout.write(
      `police neighbourhoods: layer ${result.layerId} for ${values.force} is now current, ` +
        `${result.neighbourhoods} neighbourhood(s), ${result.notes.length} fix(es), ` +
        `${result.incidentsReassigned} incident(s) re-assigned\n`,
    );
    return 0;
  },
  // Boundary files are small: reading them all first refuses a wrong one before the database opens.
  () => positionals.forEach((file) => readBoundaryFile(file)),
);
