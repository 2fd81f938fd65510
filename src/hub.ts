import type { Server } from 'node:http';

import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

import { BoundariesService } from './boundaries/boundaries.service';
import { importNeighbourhoods } from './boundaries/import-snt';
import { alignmentOverlay } from './boundaries/overlay';
import type { HubConfig } from './config';
import { type OpenDatabase, openDatabase } from './db/database';
import { withTransaction } from './db/db';
import { createApolloServer } from './graphql/apollo';
import { createContext } from './graphql/context';
import { buildHubSchema } from './graphql/schema';
import { IncidentsService } from './incidents/incidents.service';
import { countUnits, loadGeodata, summarise } from './ingest/geodata/load';
import { incidentFilesOf, neighbourhoodLayerOf } from './ingest/geodata/read';
import { importPoliceFiles, summariseImport } from './ingest/police/import-police';
import { log } from './log';
import { DEFAULT_MANIFEST } from './paths';

/** A running hub. */
export interface Hub {
  /** Where GraphQL answers, e.g. http://localhost:4000/graphql. */
  url: string;
  database: OpenDatabase;
  stop(): Promise<void>;
}

// Large enough for locateMany's 10,000 points, small enough to refuse abuse early.
const BODY_LIMIT = '5mb';

/**
 * Starts the hub: opens (and migrates) the database, loads the reference geography and the real
 * police.uk month into a new one, and serves GraphQL at /graphql, the alignment overlay at
 * /geojson/alignment and a health check at /health.
 * @param config from readConfig
 */
export async function startHub(config: HubConfig): Promise<Hub> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if ((await countUnits(database.db)).wards === 0) {
      log.info('new database: loading the reference geography from geodata/');
      const report = await loadGeodata(database.dataSource, {
        manifestPath: DEFAULT_MANIFEST,
        onProgress: (step) => log.info(step),
      });
      log.info(summarise(report));
    }
    const layer = neighbourhoodLayerOf(DEFAULT_MANIFEST);
    if (layer && !(await new BoundariesService(database.db).hasAnyLayer())) {
      const imported = await importNeighbourhoods(database.dataSource, [layer.file], layer);
      log.info(
        `police neighbourhoods: ${imported.neighbourhoods} loaded${layer.synthetic ? ' (SYNTHETIC demo layer)' : ''}`,
      );
    }
    if (!(await new IncidentsService(database.db).hasAny())) {
      log.info('no incidents yet: importing the real police.uk month that ships in geodata/');
      const result = await importPoliceFiles(database.dataSource, incidentFilesOf(DEFAULT_MANIFEST));
      log.info(summariseImport(result));
    }
    const apollo = createApolloServer(await buildHubSchema(), config.production);
    await apollo.start();
    const app = express();
    app.disable('x-powered-by');
    app.get('/health', (_req, res) => {
      res.json({ status: 'ok', database: database.mode });
    });
    app.get('/geojson/alignment', (req, res, next) => {
      const force = typeof req.query.force === 'string' ? req.query.force : 'derbyshire';
      alignmentOverlay(database.db, force).then((overlay) => {
        if (!overlay) {
          res.status(404).json({ error: `force "${force}" has no current police neighbourhood layer` });
          return;
        }
        res.type('application/geo+json').send(JSON.stringify(overlay));
      }, next);
    });
    app.use(
      '/graphql',
      express.json({ limit: BODY_LIMIT }),
      expressMiddleware(apollo, {
        context: async () => createContext(database.db, (work) => withTransaction(database.dataSource, work)),
      }),
    );
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return {
      url: `http://${host}:${port}/graphql`,
      database,
      async stop() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await apollo.stop();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
