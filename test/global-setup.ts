import 'reflect-metadata';

import type { Config } from '@jest/types';

import { BoundariesService } from '../src/boundaries/boundaries.service';
import { openDatabase } from '../src/db/database';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/db/embedded';
import { loadGeodata } from '../src/ingest/geodata/load';
import { incidentFilesOf, neighbourhoodLayerOf } from '../src/ingest/geodata/read';
import { importPoliceFiles } from '../src/ingest/police/import-police';
import { importNeighbourhoods } from '../src/ingest/police-neighbourhoods/import-neighbourhoods';
import { DEFAULT_MANIFEST } from '../src/paths';

import { copyPerWorker } from './helpers/worker-databases';

declare global {
  var __HUB_EMBEDDED__: EmbeddedPostgres | undefined;
}

// Runs once before all suites: picks the database (DATABASE_URL's server, or one in-memory
// embedded PGlite for the whole run), migrates it and loads the shipped geography, then hands
// its URL to the workers through HUB_TEST_DATABASE_URL. On a server, where suites run two at a
// time, each worker gets a copy of the loaded database of its own (HUB_TEST_WORKER_DATABASE_URLS):
// two suites sharing one database saw each other's rows and data-version moves mid-test.
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const embedded = await startEmbeddedPostgres();
    globalThis.__HUB_EMBEDDED__ = embedded;
    url = embedded.url;
  }
  const database = await openDatabase({ databaseUrl: url });
  try {
    await loadGeodata(database.dataSource, { manifestPath: DEFAULT_MANIFEST });
    await importPoliceFiles(database.dataSource, incidentFilesOf(DEFAULT_MANIFEST));
    const layer = neighbourhoodLayerOf(DEFAULT_MANIFEST);
    if (layer && !(await new BoundariesService(database.db).hasAnyLayer())) {
      await importNeighbourhoods(database.dataSource, [layer.file], layer);
    }
  } finally {
    await database.close();
  }
  process.env.HUB_TEST_DATABASE_URL = url;
  process.env.HUB_TEST_DATABASE_MODE = process.env.DATABASE_URL ? 'server' : 'embedded';
  if (process.env.DATABASE_URL) {
    process.env.HUB_TEST_WORKER_DATABASE_URLS = JSON.stringify(await copyPerWorker(url, globalConfig.maxWorkers));
  }
}
