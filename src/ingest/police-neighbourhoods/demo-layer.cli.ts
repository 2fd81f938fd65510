import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from '../../paths';
import { readCommandLine, runCli } from '../cli';

import { demoLayer } from './demo-layer';

/** Where the demo layer is kept, beside the real data, labelled synthetic. */
const DEMO_LAYER_FILE = path.join(PROJECT_ROOT, 'geodata', 'synthetic-police-neighbourhoods.geojson');

const USAGE = `usage: npm run neighbourhoods:demo
  rebuilds the SYNTHETIC demo police neighbourhood layer from the LSOAs in the configured
  database and writes it to ${path.relative(process.cwd(), DEMO_LAYER_FILE)}`;

// npm run neighbourhoods:demo: rebuilds the SYNTHETIC demo police neighbourhood layer.
readCommandLine(USAGE, {});
runCli('neighbourhoods:demo', [], async (database) => {
  const layer = await demoLayer(database.db);
  const doc = {
    ...layer,
    properties: {
      label: 'SYNTHETIC',
      description:
        "SYNTHETIC police neighbourhoods for the hub's demo, made by npm run neighbourhoods:demo from Derby's 2011 LSOAs (k-means on their centroids): not Derbyshire Constabulary's Safer Neighbourhood Team boundaries, which are not in our sources.",
    },
  };
  fs.writeFileSync(DEMO_LAYER_FILE, `${JSON.stringify(doc)}\n`);
  process.stdout.write(
    `wrote ${layer.features.length} synthetic neighbourhoods to ${path.relative(process.cwd(), DEMO_LAYER_FILE)}\n`,
  );
  return 0;
});
