import fs from 'node:fs';
import path from 'node:path';

import { runCli } from '../ingest/cli';
import { PROJECT_ROOT } from '../paths';

import { demoLayer } from './demo-layer';

/** Where the demo layer is kept, beside the real data, labelled synthetic. */
export const DEMO_LAYER_FILE = path.join(PROJECT_ROOT, 'geodata', 'synthetic-police-neighbourhoods.geojson');

// npm run snt:demo: rebuilds the SYNTHETIC demo police neighbourhood layer from the loaded LSOAs.
runCli('snt:demo', [], async (database) => {
  const layer = await demoLayer(database.db);
  const doc = {
    ...layer,
    properties: {
      label: 'SYNTHETIC',
      description:
        "SYNTHETIC police neighbourhoods for the hub's demo, made by npm run snt:demo from Derby's 2011 LSOAs (k-means on their centroids): not Derbyshire Constabulary's Safer Neighbourhood Team boundaries, which are not in our sources.",
    },
  };
  fs.writeFileSync(DEMO_LAYER_FILE, `${JSON.stringify(doc)}\n`);
  process.stdout.write(
    `wrote ${layer.features.length} synthetic neighbourhoods to ${path.relative(process.cwd(), DEMO_LAYER_FILE)}\n`,
  );
  return 0;
});
