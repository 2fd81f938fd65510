import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import helmet from 'helmet';

import { authenticate, type AuthenticationSources } from '../auth/authenticate';
import type { Caller } from '../auth/caller';
import { checkCost } from '../auth/enforce';
import { ruleFor } from '../auth/policy';
import type { RateLimits } from '../auth/rate-limit';
import { atLeast } from '../auth/roles';
import type { SharedReads } from '../auth/shared-reads';
import { alignmentOverlay } from '../boundaries/overlay';
import type { HubConfig } from '../config';
import type { DatabaseWatch } from '../db/availability';
import type { OpenDatabase } from '../db/database';
import { type Db, withTransaction } from '../db/db';
import { DatabaseBusyError, ForbiddenError, ServiceUnavailableError, UnauthenticatedError } from '../errors';
import { browsersToExplorer, explorerRoutes, schemaSdl } from '../explorer/explorer';
import { featuresRouter } from '../features/features.routes';
import { createContext, type HubContext } from '../graphql/context';
import { codeOf, statusOf, UNAVAILABLE_MESSAGE } from '../graphql/errors';
import { readDataStamp, type ResponseCache } from '../graphql/response-cache';
import { log } from '../log';
import { mapPage } from '../map/map-page';
import { tilesRouter } from '../tiles/tiles.router';

import { cachedAnswers } from './cached-answers';
import { corsHandler, crossOriginAllowed } from './cors';
import { EmbeddedQueue } from './embedded-queue';

/** Request bodies above this are refused (413) before they are read: locateMany's 10,000 points fit. */
export const BODY_LIMIT = '2mb';

export interface AppParts {
  config: HubConfig;
  apollo: ApolloServer<HubContext>;
  /** The schema Apollo serves, for /schema.graphql. */
  schema: GraphQLSchema;
  /** Apollo's response cache, whose hits are answered before Apollo (cached-answers.ts). */
  responseCache: ResponseCache;
  watch: DatabaseWatch;
  /** The open database, once it is. */
  database: () => OpenDatabase | undefined;
  limits: RateLimits;
  credentials: () => AuthenticationSources;
  /**
   * The key and data-version reads requests on a server database share (src/auth/shared-reads.ts);
   * undefined on the embedded database, whose requests read their own in their turn.
   */
  sharedReads: () => SharedReads | undefined;
  /** True once the hub is shutting down: readiness fails so load balancers stop sending. */
  draining: () => boolean;
}

/** Sends a refusal in the GraphQL error shape, with its status (and Retry-After when limited). */
function refuse(res: Response, error: Error): void {
  const code = codeOf(error) ?? 'BAD_REQUEST';
  const retry = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retry) {
    res.setHeader('Retry-After', String(retry));
  }
  // A driver's words never reach the client; a full queue's own message says how long to wait.
  const message =
    code === 'SERVICE_UNAVAILABLE' && !(error instanceof DatabaseBusyError) ? UNAVAILABLE_MESSAGE : error.message;
  res.status(statusOf(error)).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * The hub's HTTP side: health and readiness, GraphQL at /graphql, the alignment overlay as
 * GeoJSON, security headers, JSON errors everywhere (never an HTML page or a stack trace), a
 * bound on requests in progress, and the caller found from their credentials on every data route.
 */
export function createApp(parts: AppParts): express.Express {
  const { config, watch, limits } = parts;
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) {
    app.set('trust proxy', config.trustProxy);
  }
  // helmet's strict default Content-Security-Policy in every mode (the explorer sets its own,
  // src/explorer). Helmet's Cross-Origin-Resource-Policy would stop other origins' pages from
  // using tiles and features even where CORS allows them.
  app.use(
    helmet({
      crossOriginResourcePolicy: { policy: crossOriginAllowed(config) ? 'cross-origin' : 'same-origin' },
    }),
  );
  // Before every route, so preflights are answered even where a route would refuse the request.
  app.use(corsHandler(config));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const ready = async (_req: Request, res: Response) => {
    const mode = parts.database()?.mode ?? (config.databaseUrl ? 'server' : 'embedded');
    if (parts.draining()) {
      res.status(503).json({ status: 'stopping', database: mode, reason: 'the hub is shutting down' });
      return;
    }
    const { ready: ok, reason } = await watch.readiness();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', database: mode, reason });
  };
  app.get('/readyz', ready);
  app.get('/health', ready);

  let inFlight = 0;
  const bounded = (_req: Request, res: Response, next: NextFunction) => {
    if (inFlight >= config.maxInFlight) {
      refuse(res, new ServiceUnavailableError(`the hub is busy (${inFlight} requests in progress); try again shortly`));
      return;
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    next();
  };
  const gated = (_req: Request, res: Response, next: NextFunction) => {
    if (!watch.accepting || !parts.database()) {
      refuse(res, new ServiceUnavailableError(watch.reason));
      return;
    }
    res.once('finish', () => {
      if (res.statusCode === 503) {
        watch.suspect();
      }
    });
    next();
  };
  const identified = async (req: Request, res: Response, next: NextFunction) => {
    const address = req.ip ?? 'unknown';
    try {
      const { caller, dataStamp } = await authenticate(req.headers, address, parts.credentials());
      res.locals.caller = caller;
      res.locals.dataStamp = dataStamp;
      next();
    } catch (err) {
      if (!(err instanceof UnauthenticatedError)) {
        next(err);
        return;
      }
      try {
        await limits.failedCredential(address);
        refuse(res, err);
      } catch (limited) {
        refuse(res, limited as Error);
      }
    }
  };
  // On the embedded database requests take turns (src/http/embedded-queue.ts), before the
  // caller's key is looked up, since that is a statement too: GraphQL in one queue, maps (tiles,
  // OGC features, the alignment overlay) in another with room for a screenful of tiles. The two
  // queues' statements still meet at PGlite's one session, in order of sending.
  const onEmbedded = (queue: EmbeddedQueue) => {
    const turns = queue.middleware(refuse);
    return (req: Request, res: Response, next: NextFunction) =>
      parts.database()?.pglite ? turns(req, res, next) : next();
  };
  const queue = new EmbeddedQueue(config.embeddedQueue, config.embeddedTimeoutMs);
  const embeddedTurn = onEmbedded(queue);
  const mapQueue = new EmbeddedQueue(config.embeddedMapQueue, config.embeddedTimeoutMs);
  const stack = [bounded, gated, onEmbedded(mapQueue), identified];
  /** The database a map request's statements go to: held to the time limit on the embedded one. */
  const mapDb = (res: Response): Db | undefined => {
    const database = parts.database();
    return database && mapQueue.bound(res, database.db);
  };

  app.get('/geojson/alignment', ...stack, async (req, res, next) => {
    const caller = res.locals.caller as Caller;
    const rule = ruleFor('Query', 'alignmentOverlay');
    try {
      if (!rule || !atLeast(caller.role, rule.role)) {
        throw new ForbiddenError(`the alignment overlay needs the ${rule?.role ?? 'admin'} role`);
      }
      const cost = typeof rule.cost === 'number' ? rule.cost : 1;
      checkCost(cost, caller);
      await limits.spend(caller, cost);
      const force = typeof req.query.force === 'string' ? req.query.force : 'derbyshire';
      const boundarySet = typeof req.query.boundarySet === 'string' ? req.query.boundarySet : null;
      const overlay = await alignmentOverlay(mapDb(res) as Db, force, boundarySet);
      if (!overlay) {
        res.status(404).json({ error: `force "${force}" has no current police neighbourhood layer` });
        return;
      }
      res.type('application/geo+json').send(JSON.stringify(overlay));
    } catch (err) {
      if (codeOf(err)) {
        refuse(res, err as Error);
        return;
      }
      next(err);
    }
  });

  app.use('/ogc', featuresRouter({ stack, limits, db: mapDb }));
  // A tile's statements run in one REPEATABLE READ snapshot, whose rollback would wait for a
  // statement past the time limit anyway: tiles are held to the wait for their turn only.
  app.use('/tiles', ...stack, tilesRouter(parts));

  app.use(explorerRoutes(config.development));
  app.get('/schema.graphql', ...stack, schemaSdl(parts.schema, config.development));
  app.get('/graphql', browsersToExplorer);
  app.use(
    '/graphql',
    bounded,
    gated,
    embeddedTurn,
    identified,
    express.json({ limit: BODY_LIMIT }),
    cachedAnswers({
      cache: parts.responseCache,
      schema: parts.schema,
      limits,
      development: config.development,
      dataStamp: (res) =>
        parts.sharedReads()?.stamp() ?? readDataStamp(queue.bound(res, (parts.database() as OpenDatabase).db)),
    }),
    expressMiddleware(parts.apollo, {
      context: async ({ res }) => {
        const database = parts.database() as OpenDatabase;
        return createContext(
          queue.bound(res, database.db),
          res.locals.caller as Caller,
          (work) => withTransaction(database.dataSource, (db) => work(queue.bound(res, db))),
          { dataStamp: res.locals.dataStamp as string | undefined, refusal: res.locals.refusal as Error | undefined },
        );
      },
    }),
  );

  app.use(mapPage(config));

  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'no such route', extensions: { code: 'NOT_FOUND' } }] });
  });
  // Express's own handler writes HTML with a stack trace; this one writes JSON and no internals.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        status === 413 ? `the request body is over ${BODY_LIMIT}` : (err as Error).message || 'bad request';
      res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    if (codeOf(err)) {
      refuse(res, err as Error);
      return;
    }
    log.error({ err }, 'unexpected error in an HTTP request');
    res
      .status(500)
      .json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });
  return app;
}
