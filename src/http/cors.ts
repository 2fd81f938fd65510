import cors from 'cors';
import type { RequestHandler } from 'express';

import type { HubConfig } from '../config';

/**
 * Request headers a page on another origin may send: JSON bodies, both kinds of credentials,
 * conditional requests for tiles, and the header Apollo's CSRF guard accepts on GETs.
 */
const ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'X-Api-Key', 'If-None-Match', 'Apollo-Require-Preflight'];

/** Response headers such a page may read: cache validators, paging links and back-off. */
const EXPOSED_HEADERS = ['ETag', 'Link', 'Retry-After', 'Content-Crs'];

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * CORS for every route: an allowed origin gets `Access-Control-Allow-Origin` (its own origin,
 * or `*` when any is allowed) on answers and preflights; any other origin gets a preflight
 * answered 204 without it, which is how a browser is told no. No cookies are involved (the
 * hub's credentials are headers), so credentialed CORS is never switched on.
 */
export function corsHandler(config: Pick<HubConfig, 'corsOrigins'>): RequestHandler {
  return cors({
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
  });
}

/** Whether pages on other origins may read the hub's answers at all (helmet's CORP follows it). */
export function crossOriginAllowed(config: Pick<HubConfig, 'corsOrigins'>): boolean {
  return config.corsOrigins === '*' || config.corsOrigins.length > 0;
}
