import type { Server } from 'node:http';

import { ApiKeysService } from './auth/api-keys';
import { createTokenVerifier } from './auth/jwt';
import { createRateLimits } from './auth/rate-limit';
import { SharedReads } from './auth/shared-reads';
import type { HubConfig } from './config';
import { DatabaseWatch, poolProbe, probe } from './db/availability';
import { type OpenDatabase, openDatabase } from './db/database';
import { createApolloServer } from './graphql/apollo';
import { createResponseCache } from './graphql/response-cache';
import { buildHubSchema } from './graphql/schema';
import { createApp } from './http/app';
import { ensureReferenceData } from './ingest/bootstrap';
import { log } from './log';

/** A running hub. */
export interface Hub {
  /** Where GraphQL answers, e.g. http://localhost:4000/graphql. */
  url: string;
  /** Resolves once the database is open, migrated and loaded (at once for the embedded one). */
  ready: Promise<void>;
  /** The open database; undefined while a server database is still being connected to. */
  database(): OpenDatabase | undefined;
  /** Stops taking requests, lets those in progress finish (up to `graceMs`), then closes. */
  stop(graceMs?: number): Promise<void>;
}

/** How long a stop waits for requests in progress before closing their connections. */
export const DRAIN_MS = 25_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openAndLoad(config: HubConfig): Promise<OpenDatabase> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await ensureReferenceData(database, true);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * Starts the hub. The embedded database is opened (and migrated and loaded) before the hub
 * listens, and a failure there fails the start. A PostgreSQL server is connected to in the
 * background: the hub listens at once, answers /healthz, reports not ready at /readyz and
 * SERVICE_UNAVAILABLE to requests until the server answers, retrying every few seconds.
 * @param config from readConfig
 */
export async function startHub(config: HubConfig): Promise<Hub> {
  const embedded = !config.databaseUrl;
  let database: OpenDatabase | undefined = embedded ? await openAndLoad(config) : undefined;
  const watch = new DatabaseWatch();
  // A server database's key and data-version reads, shared by requests arriving together. The
  // embedded database's requests take turns and read their own, as before (src/auth/shared-reads.ts).
  let sharedReads: SharedReads | undefined;
  const watchOpened = (opened: OpenDatabase) => {
    if (!opened.pglite) {
      const keys = new ApiKeysService(opened.db);
      sharedReads = new SharedReads((presented) => keys.findEach(presented));
    }
    watch.connected(
      opened.pglite ? poolProbe(() => opened.db.query('SELECT 1')) : (timeoutMs) => probe(opened.url, timeoutMs),
      opened.pglite,
    );
  };
  let draining = false;
  let stopped = false;
  const limits = createRateLimits(config.redisUrl, config.budgets);
  await limits.ready(2000);
  const verifyToken = config.jwt ? createTokenVerifier(config.jwt) : undefined;
  const schema = await buildHubSchema();
  // One cache for Apollo and for the HTTP side, which answers most of its hits before Apollo.
  const responseCache = createResponseCache();
  const apollo = createApolloServer(schema, { development: config.development, limits, responseCache });
  let server: Server;
  try {
    await apollo.start();
    const app = createApp({
      config,
      apollo,
      schema,
      responseCache,
      watch,
      limits,
      database: () => database,
      draining: () => draining,
      sharedReads: () => sharedReads,
      credentials: () => {
        if (sharedReads) {
          const shared = sharedReads;
          return { findKey: (key) => shared.key(key), verifyToken };
        }
        const keys = new ApiKeysService((database as OpenDatabase).db);
        return { findKey: (key) => keys.find(key), verifyToken };
      },
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    await apollo.stop();
    await limits.close();
    await database?.close();
    throw err;
  }

  const connect = async () => {
    for (let attempt = 1; !stopped; attempt += 1) {
      try {
        const opened = await openAndLoad(config);
        if (stopped) {
          await opened.close();
          return;
        }
        database = opened;
        watchOpened(opened);
        log.info({ attempt }, 'connected to the database');
        return;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        watch.notConnected(`cannot reach the database yet (attempt ${attempt}): ${reason}`);
        log.warn({ attempt, reason }, 'database not reachable; retrying');
        await sleep(Math.min(5000, 500 * attempt));
      }
    }
  };
  if (database) {
    watchOpened(database);
  }
  const ready = database ? Promise.resolve() : connect();

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/graphql`,
    ready,
    database: () => database,
    stop(graceMs = DRAIN_MS) {
      stopping ??= (async () => {
        draining = true;
        stopped = true;
        watch.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(timer);
        await ready.catch(() => undefined);
        await apollo.stop();
        await limits.close();
        await database?.close();
      })();
      return stopping;
    },
  };
}
