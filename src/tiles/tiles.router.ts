import express, { type NextFunction, type Response } from 'express';

import type { Caller } from '../auth/caller';
import { checkCost } from '../auth/enforce';
import type { OpenDatabase } from '../db/database';
import { NotFoundError } from '../errors';
import { codeOf, statusOf, UNAVAILABLE_MESSAGE } from '../graphql/errors';
import type { AppParts } from '../http/app';

import { canonicalQuery, parseFilter } from './filters';
import { isLayerId, LAYER_IDS, LAYERS, type TileLayer } from './layers';
import { parseTile } from './tile';
import { TileServer } from './tile-server';
import { tileJson } from './tilejson';

/** The MVT media type (Mapbox Vector Tile specification 2.1). */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/**
 * The vector-tile routes, mounted at /tiles behind the hub's bound, gate and authentication:
 * `GET /tiles/{layer}/{z}/{x}/{y}.mvt` and `GET /tiles/{layer}.json` (TileJSON 3.0.0). Refusals
 * use the hub's error shape, `{ errors: [{ message, extensions: { code } }] }`.
 */
export function tilesRouter(parts: AppParts): express.Router {
  const router = express.Router();
  // One tile server (and so one cache) per open database: a restart of the database opens a new one.
  const servers = new WeakMap<OpenDatabase, TileServer>();
  const serverOf = (): TileServer => {
    const database = parts.database() as OpenDatabase;
    let server = servers.get(database);
    if (!server) {
      server = new TileServer({
        dataSource: database.dataSource,
        encoder: database.pglite ? 'javascript' : 'postgis',
        pointMinZoom: parts.config.tilePointMinZoom,
      });
      servers.set(database, server);
    }
    return server;
  };
  const spender = (caller: Caller) => async (points: number) => {
    checkCost(points, caller);
    await parts.limits.spend(caller, points);
  };

  router.get('/:name', async (req, res, next) => {
    try {
      const layer = layerNamed(req.params.name.replace(/\.json$/, ''));
      if (!req.params.name.endsWith('.json')) {
        throw new NotFoundError(
          `no such tile resource "${req.params.name.slice(0, 40)}": ask for /tiles/${layer.id}.json`,
        );
      }
      const filter = parseFilter(layer, req.query);
      await spender(res.locals.caller as Caller)(1);
      const bounds = await serverOf().cityExtent();
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.json(tileJson(layer, `${req.protocol}://${req.get('host')}`, canonicalQuery(filter), bounds));
    } catch (err) {
      refuseOrPass(err, res, next);
    }
  });

  router.get('/:layer/:z/:x/:y', async (req, res, next) => {
    try {
      const layer = layerNamed(req.params.layer);
      const tile = parseTile(req.params.z, req.params.x, req.params.y);
      const filter = parseFilter(layer, req.query);
      const caller = res.locals.caller as Caller;
      const served = await serverOf().serve({
        layer,
        tile,
        filter,
        caller,
        ifNoneMatch: req.get('if-none-match'),
        spend: spender(caller),
      });
      res.setHeader('ETag', served.etag);
      res.setHeader('Cache-Control', served.cacheControl);
      if (layer.byCaller) {
        res.setHeader('Vary', 'Authorization, X-API-Key');
      }
      if (served.body === null) {
        res.status(304).end();
        return;
      }
      res.type(MVT_TYPE).send(served.body);
    } catch (err) {
      refuseOrPass(err, res, next);
    }
  });
  return router;
}

function layerNamed(name: string): TileLayer {
  if (!isLayerId(name)) {
    throw new NotFoundError(`no tile layer "${name.slice(0, 40)}"; the hub serves ${LAYER_IDS.join(', ')}`);
  }
  return LAYERS[name];
}

/** A domain error becomes the hub's JSON refusal with its status; anything else goes to the app's handler. */
function refuseOrPass(err: unknown, res: Response, next: NextFunction): void {
  const code = codeOf(err);
  if (!code) {
    next(err);
    return;
  }
  const retry = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retry) {
    res.setHeader('Retry-After', String(retry));
  }
  const message = code === 'SERVICE_UNAVAILABLE' ? UNAVAILABLE_MESSAGE : (err as Error).message;
  res.status(statusOf(err)).json({ errors: [{ message, extensions: { code } }] });
}
