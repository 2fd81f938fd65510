import path from 'node:path';

import express, { type Response } from 'express';

import type { HubConfig } from '../config';

/** The page's own files, compiled or not: scripts/copy-assets.js copies public/ beside dist/. */
const PUBLIC = path.join(__dirname, 'public');

/** MapLibre's CSP build: its worker loads from this origin, so no blob: worker is needed. */
const MAPLIBRE = path.join(path.dirname(require.resolve('maplibre-gl/package.json')), 'dist');

/**
 * Every file the map serves, by URL. The URL only ever picks an entry of this table; it is
 * never joined to a folder, so no request can reach another file however it is spelt.
 */
export const MAP_FILES: Readonly<Record<string, string>> = {
  '/': path.join(PUBLIC, 'index.html'),
  '/map/map.js': path.join(PUBLIC, 'map.js'),
  '/map/map.css': path.join(PUBLIC, 'map.css'),
  '/map/assets/maplibre-gl.js': path.join(MAPLIBRE, 'maplibre-gl-csp.js'),
  '/map/assets/maplibre-gl-worker.js': path.join(MAPLIBRE, 'maplibre-gl-csp-worker.js'),
  '/map/assets/maplibre-gl.css': path.join(MAPLIBRE, 'maplibre-gl.css'),
};

/**
 * The policy of the map's responses: scripts, styles and workers from the hub only, data from
 * the hub (GraphQL) and the basemap's origin when one is configured. MapLibre sets element
 * styles through the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed.
 * @param basemapStyleUrl MAP_BASEMAP_STYLE_URL, when set
 * @returns the Content-Security-Policy header value
 */
export function mapContentSecurityPolicy(basemapStyleUrl: string | undefined): string {
  const basemap = basemapStyleUrl ? ` ${new URL(basemapStyleUrl).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    `connect-src 'self'${basemap}`,
    "style-src 'self'",
    `img-src 'self' data: blob:${basemap}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The map page at `/` (issue 11): a MapLibre map that reads everything through POST /graphql,
 * as any frontend would, with no request to another site unless a basemap is configured.
 * Mount it before the hub's 404 handler; anything it does not know falls through to it.
 * @param config the hub's configuration (MAP_BASEMAP_STYLE_URL)
 */
export function mapPage(config: Pick<HubConfig, 'mapBasemapStyleUrl'>): express.Router {
  const router = express.Router({ strict: true });
  const policy = mapContentSecurityPolicy(config.mapBasemapStyleUrl);
  const guard = (res: Response) => {
    // Replaces the hub-wide policy helmet set, for these responses only.
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Cache-Control', 'no-cache');
  };
  for (const [route, file] of Object.entries(MAP_FILES)) {
    router.get(route, (_req, res, next) => {
      guard(res);
      res.sendFile(file, (err) => {
        if (err && !res.headersSent) {
          next(err);
        }
      });
    });
  }
  router.get('/map/config.json', (_req, res) => {
    guard(res);
    res.json({ basemapStyleUrl: config.mapBasemapStyleUrl ?? null });
  });
  return router;
}
