import express, { type Request, type RequestHandler, type Response } from 'express';

import type { Caller } from '../auth/caller';
import { checkCost } from '../auth/enforce';
import type { RateLimits } from '../auth/rate-limit';
import type { Db } from '../db/db';
import {
  ForbiddenError,
  InvalidParameterError,
  NotAcceptableError,
  NotFoundError,
  UnauthenticatedError,
} from '../errors';
import { codeOf, statusOf, UNAVAILABLE_MESSAGE } from '../graphql/errors';
import { log } from '../log';

import { type CollectionDef, COLLECTIONS, mayReadCollection, type PlainFeature } from './collections';
import { FeaturesService } from './features.service';
import { OPENAPI_TYPE, openApiDocument } from './openapi';
import {
  checkKnown,
  MAX_LIMIT,
  parseBbox,
  parseDatetime,
  parseLimit,
  parseOffset,
  type RawQuery,
  single,
} from './params';

/** The conformance classes the API implements: Part 1 Core, its GeoJSON encoding and the OpenAPI 3.0 definition. */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

/** WGS 84 longitude, latitude: the only CRS Part 1 Core serves, and the hub's storage CRS. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

const JSON_TYPE = 'application/json';
/** Rate-limit points an items or item request costs before its features (each collection prices those). */
const ITEMS_BASE_COST = 10;
const GEOJSON_TYPE = 'application/geo+json';

export interface FeaturesRouterParts {
  /** The middleware every data route runs first (bounded, gated, identified: see src/http/app.ts). */
  stack: RequestHandler[];
  limits: RateLimits;
  /**
   * The open database for a request's statements, once it is open (the stack answers 503 before
   * a handler runs otherwise).
   */
  db: (res: Response) => Db | undefined;
}

/** What one resource offers: the `f` values it takes and the media types it answers in, preferred first. */
interface Formats {
  f: readonly string[];
  types: readonly string[];
}
const JSON_ONLY: Formats = { f: ['json'], types: [JSON_TYPE] };
const FEATURES: Formats = { f: ['json', 'geojson'], types: [GEOJSON_TYPE, JSON_TYPE] };
const API: Formats = { f: ['json'], types: [OPENAPI_TYPE, JSON_TYPE] };

/**
 * The media type to answer in: `f` when given, else the first offered type the Accept header
 * allows (any type when there is none).
 * @throws InvalidParameterError for an `f` the resource does not offer,
 *   NotAcceptableError when Accept allows none of its types
 */
function negotiate(req: Request, formats: Formats): string {
  const f = single(req.query as RawQuery, 'f');
  if (f !== undefined) {
    if (!formats.f.includes(f)) {
      throw new InvalidParameterError(
        `f must be ${formats.f.map((v) => `"${v}"`).join(' or ')} here (HTML is not served), got "${f.slice(0, 40)}"`,
      );
    }
    return formats.types[0];
  }
  const accept = req.headers.accept;
  if (!accept) {
    return formats.types[0];
  }
  const ranges = accept
    .split(',')
    .map((part) => {
      const [range, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { range, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.range && !(r.q <= 0));
  const base = (type: string) => type.split(';')[0];
  for (const type of formats.types) {
    const [major] = base(type).split('/');
    if (ranges.some((r) => r.range === '*/*' || r.range === `${major}/*` || r.range === base(type))) {
      return type;
    }
  }
  throw new NotAcceptableError(
    `this resource is available as ${formats.types.map(base).join(' or ')} (or ?f=${formats.f[0]}); the Accept header asked for "${accept.slice(0, 100)}"`,
  );
}

/** The API's absolute root as the caller reached it (behind a proxy, as `trust proxy` allows). */
function rootOf(req: Request): string {
  return `${req.protocol}://${req.host}${req.baseUrl}`;
}

/** Writes an OGC exception `{ code, description }` with the error's status (and Retry-After when limited). */
function sendException(res: Response, err: unknown): void {
  let code = codeOf(err);
  let status = statusOf(err);
  let description = err instanceof Error ? err.message : String(err);
  if (!code) {
    log.error({ err }, 'unexpected error in an OGC API Features request');
    code = 'INTERNAL_SERVER_ERROR';
    status = 500;
    description = 'Internal server error';
  } else if (code === 'SERVICE_UNAVAILABLE') {
    description = UNAVAILABLE_MESSAGE;
  }
  const retry = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retry) {
    res.setHeader('Retry-After', String(retry));
  }
  res.status(status).type(JSON_TYPE).send(JSON.stringify({ code, description }));
}

/**
 * The shared stack refuses in the GraphQL error shape (src/http/app.ts); on /ogc the same refusal
 * (503, 401 for bad credentials, 429) is written as an OGC exception, with its status and headers.
 */
const ogcShaped: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] })?.errors?.[0];
    if (res.statusCode >= 400 && first && typeof first.message === 'string') {
      return json({ code: String(first.extensions?.code ?? 'BAD_REQUEST'), description: first.message });
    }
    return json(body);
  };
  next();
};

const link = (href: string, rel: string, type: string, title: string) => ({ href, rel, type, title });

/**
 * The collection a path names, if the caller may read it.
 * @throws NotFoundError naming the collections, UnauthenticatedError or ForbiddenError for one above the caller's role
 */
function collectionFor(id: string, caller: Caller): CollectionDef {
  const collection = COLLECTIONS.find((c) => c.id === id);
  if (!collection) {
    throw new NotFoundError(
      `no collection "${id.slice(0, 60)}"; the collections are ${COLLECTIONS.map((c) => c.id).join(', ')}`,
    );
  }
  if (!mayReadCollection(caller, collection)) {
    const what = `the ${collection.id} collection needs the ${collection.role} role or above`;
    if (caller.identity === 'anonymous') {
      throw new UnauthenticatedError(`${what}: send an API key or bearer token with that role`);
    }
    throw new ForbiddenError(`${what}; this caller is ${caller.role}`);
  }
  return collection;
}

/** Checks a request's price against the caller's per-request limit, then spends it. */
async function spend(limits: RateLimits, caller: Caller, cost: number): Promise<void> {
  checkCost(cost, caller);
  await limits.spend(caller, cost);
}

/** Rounds a bbox outwards to 6 decimal places, so it still holds every coordinate (themselves 6 dp). */
function outward([west, south, east, north]: number[]): number[] {
  const down = (v: number) => Math.floor(v * 1e6) / 1e6;
  const up = (v: number) => Math.ceil(v * 1e6) / 1e6;
  return [down(west), down(south), up(east), up(north)];
}

/**
 * OGC API - Features - Part 1: Core over the hub's geography and incidents, GeoJSON only. Mount
 * it at /ogc. Every route runs the shared stack (bounded, gated, identified), checks its
 * parameters (unknown ones are refused), spends rate-limit points, and answers errors as OGC
 * exceptions `{ code, description }`.
 */
export function featuresRouter(parts: FeaturesRouterParts): express.Router {
  const router = express.Router();
  router.use(ogcShaped, ...parts.stack);

  /** Runs a handler with the caller, sending any error as an OGC exception. */
  const handle =
    (work: (req: Request, res: Response, caller: Caller, service: FeaturesService) => Promise<void>): RequestHandler =>
    async (req, res) => {
      try {
        res.vary('Accept');
        await work(req, res, res.locals.caller as Caller, new FeaturesService(parts.db(res) as Db));
      } catch (err) {
        sendException(res, err);
      }
    };

  const collectionDocument = (
    root: string,
    c: CollectionDef,
    extent: number[] | undefined,
    months: { first: string | null; last: string | null } | null,
  ) => {
    let temporal: object | undefined;
    if (c.temporal && months) {
      temporal = {
        interval: [[months.first ? `${months.first}T00:00:00Z` : null, months.last ? endOfMonth(months.last) : null]],
        trs: GREGORIAN,
      };
    }
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      crs: [CRS84],
      extent: {
        ...(extent ? { spatial: { bbox: [outward(extent)], crs: CRS84 } } : {}),
        ...(temporal ? { temporal } : {}),
      },
      links: [
        link(`${root}/collections/${c.id}`, 'self', JSON_TYPE, c.title),
        link(`${root}/collections/${c.id}/items`, 'items', GEOJSON_TYPE, `${c.title} as GeoJSON`),
      ],
    };
  };

  const extentsOf = async (service: FeaturesService, caller: Caller, wanted: readonly CollectionDef[]) => {
    const [extents, months] = await Promise.all([
      service.extents(),
      wanted.some((c) => c.temporal && mayReadCollection(caller, c)) ? service.incidentMonths() : null,
    ]);
    const byId = new Map(extents.map((e) => [e.id, [e.west, e.south, e.east, e.north]]));
    return { byId, months };
  };

  router.get(
    '/',
    handle(async (req, res, caller) => {
      const type = negotiate(req, JSON_ONLY);
      checkKnown(req.query as RawQuery, ['f']);
      await spend(parts.limits, caller, 1);
      const root = rootOf(req);
      res.type(type).send(
        JSON.stringify({
          title: 'Neighbourhood hub',
          description:
            "Derby's wards, areas, LSOAs, police neighbourhoods and incidents as OGC API Features (GeoJSON), from the neighbourhood hub.",
          links: [
            link(root, 'self', JSON_TYPE, 'This document'),
            link(`${root}/api`, 'service-desc', OPENAPI_TYPE, 'The API definition (OpenAPI 3.0)'),
            link(`${root}/conformance`, 'conformance', JSON_TYPE, 'Conformance classes implemented'),
            link(`${root}/collections`, 'data', JSON_TYPE, 'The collections'),
          ],
        }),
      );
    }),
  );

  router.get(
    '/conformance',
    handle(async (req, res, caller) => {
      const type = negotiate(req, JSON_ONLY);
      checkKnown(req.query as RawQuery, ['f']);
      await spend(parts.limits, caller, 1);
      res.type(type).send(JSON.stringify({ conformsTo: CONFORMANCE }));
    }),
  );

  router.get(
    '/api',
    handle(async (req, res, caller) => {
      const type = negotiate(req, API);
      checkKnown(req.query as RawQuery, ['f']);
      await spend(parts.limits, caller, 1);
      res.type(type).send(JSON.stringify(openApiDocument(rootOf(req))));
    }),
  );

  router.get(
    '/collections',
    handle(async (req, res, caller, service) => {
      const type = negotiate(req, JSON_ONLY);
      checkKnown(req.query as RawQuery, ['f']);
      await spend(parts.limits, caller, 5);
      const root = rootOf(req);
      const visible = COLLECTIONS.filter((c) => mayReadCollection(caller, c));
      const { byId, months } = await extentsOf(service, caller, visible);
      res.type(type).send(
        JSON.stringify({
          links: [link(`${root}/collections`, 'self', JSON_TYPE, 'The collections')],
          collections: visible.map((c) => collectionDocument(root, c, byId.get(c.id), months)),
        }),
      );
    }),
  );

  router.get(
    '/collections/:collectionId',
    handle(async (req, res, caller, service) => {
      const type = negotiate(req, JSON_ONLY);
      const collection = collectionFor(req.params.collectionId as string, caller);
      checkKnown(req.query as RawQuery, ['f']);
      await spend(parts.limits, caller, 2);
      const { byId, months } = await extentsOf(service, caller, [collection]);
      res.type(type).send(JSON.stringify(collectionDocument(rootOf(req), collection, byId.get(collection.id), months)));
    }),
  );

  router.get(
    '/collections/:collectionId/items',
    handle(async (req, res, caller, service) => {
      const type = negotiate(req, FEATURES);
      const collection = collectionFor(req.params.collectionId as string, caller);
      const query = req.query as RawQuery;
      checkKnown(query, [
        'f',
        'limit',
        'offset',
        'bbox',
        'datetime',
        ...Object.keys(collection.queryables),
        ...Object.keys(collection.extraParameters),
      ]);
      const limit = parseLimit(single(query, 'limit'));
      const offset = parseOffset(single(query, 'offset'));
      const bbox = parseBbox(single(query, 'bbox'));
      const datetime = parseDatetime(single(query, 'datetime'));
      // Priced by what a page returns, not what it may hold: QGIS asks for 1,000 at a time, and a
      // layer of 18 wards should not cost as much as 1,000 incidents. The request is checked at
      // its most against the per-request limit, and the base is spent before any SQL runs, so a
      // caller whose minute is spent is refused before the database works for them.
      checkCost(ITEMS_BASE_COST + limit * collection.featureCost, caller);
      await spend(parts.limits, caller, ITEMS_BASE_COST);
      const { features, matched } = await collection.load(
        service,
        { query, bbox, datetime: collection.temporal ? datetime : null, caller },
        null,
        { limit, offset },
      );
      if (features.length > 0) {
        await parts.limits.spend(caller, features.length * collection.featureCost);
      }
      const root = rootOf(req);
      const self = new URL(req.originalUrl, root);
      const at = (newOffset: number) => {
        const url = new URL(self);
        url.searchParams.set('offset', String(newOffset));
        url.searchParams.set('limit', String(limit));
        return url.toString();
      };
      const links = [
        link(self.toString(), 'self', type, 'This page'),
        link(`${root}/collections/${collection.id}`, 'collection', JSON_TYPE, collection.title),
      ];
      if (offset + features.length < matched) {
        links.push(link(at(offset + limit), 'next', type, 'The next page'));
      }
      if (offset > 0) {
        links.push(link(at(Math.max(0, offset - limit)), 'prev', type, 'The previous page'));
      }
      res.type(type).send(
        JSON.stringify({
          type: 'FeatureCollection',
          timeStamp: new Date().toISOString(),
          numberMatched: matched,
          numberReturned: features.length,
          features,
          links,
        }),
      );
    }),
  );

  router.get(
    '/collections/:collectionId/items/:featureId',
    handle(async (req, res, caller, service) => {
      const type = negotiate(req, FEATURES);
      const collection = collectionFor(req.params.collectionId as string, caller);
      const query = req.query as RawQuery;
      checkKnown(query, ['f', ...collection.itemParameters]);
      await spend(parts.limits, caller, ITEMS_BASE_COST + collection.featureCost);
      const id = req.params.featureId as string;
      const { features } = await collection.load(service, { query, bbox: null, datetime: null, caller }, id, {
        limit: 1,
        offset: 0,
      });
      const found: PlainFeature | undefined = features[0];
      if (!found) {
        throw new NotFoundError(`collection ${collection.id} has no feature "${id.slice(0, 60)}"`);
      }
      const root = rootOf(req);
      res.type(type).send(
        JSON.stringify({
          ...found,
          links: [
            link(new URL(req.originalUrl, root).toString(), 'self', type, 'This feature'),
            link(`${root}/collections/${collection.id}`, 'collection', JSON_TYPE, collection.title),
          ],
        }),
      );
    }),
  );

  // Anything else under /ogc: an OGC exception, never the GraphQL-shaped 404 of the rest of the hub.
  router.use((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      res
        .status(405)
        .type(JSON_TYPE)
        .send(JSON.stringify({ code: 'METHOD_NOT_ALLOWED', description: `${req.method} is not served here; use GET` }));
      return;
    }
    res
      .status(404)
      .type(JSON_TYPE)
      .send(
        JSON.stringify({
          code: 'NOT_FOUND',
          description: `no such resource; the API has /, /conformance, /api, /collections, /collections/{id}, /collections/{id}/items and /collections/{id}/items/{featureId} (limit at most ${MAX_LIMIT})`,
        }),
      );
  });
  return router;
}

/** The last instant of the month that starts on `first` (YYYY-MM-01), in RFC 3339. */
function endOfMonth(first: string): string {
  const [y, m] = first.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1) - 1000).toISOString().replace('.000Z', 'Z');
}
