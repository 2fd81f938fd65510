import fs from 'node:fs';
import path from 'node:path';

import { BUDGET_PER_MINUTE } from './auth/policy';
import { isRole, type Role } from './auth/roles';

/** How bearer tokens (JWT) are verified; absent when the hub takes API keys only. */
export interface JwtConfig {
  /** HS256 shared secret (JWT_SECRET, at least 32 characters). */
  secret?: string;
  /** PEM public key (read from JWT_PUBLIC_KEY_FILE). */
  publicKey?: string;
  /** JWKS endpoint of an identity provider (JWT_JWKS_URL). */
  jwksUrl?: string;
  /** Accepted algorithms (JWT_ALGORITHMS; HS256 for a secret, RS256 otherwise). */
  algorithms: string[];
  /** Required `iss` (JWT_ISSUER), when set. */
  issuer?: string;
  /** Required `aud` (JWT_AUDIENCE), when set. */
  audience?: string;
  /** The claim holding the role (JWT_ROLE_CLAIM, default `role`). */
  roleClaim: string;
}

/** Runtime configuration, read once from the environment. */
export interface HubConfig {
  /** HTTP port for GraphQL (PORT, default 4000; 0 picks a free port). */
  port: number;
  /** Interface to bind (HOST, default 127.0.0.1: only this machine until configured otherwise). */
  host: string;
  /** PostgreSQL + PostGIS server; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder holding the embedded database (DATA_DIR, default ./.data). */
  dataDir: string;
  /**
   * NODE_ENV=development: stack traces and internal messages in errors, introspection and field
   * suggestions for every caller. Anything else is production.
   */
  development: boolean;
  jwt: JwtConfig | undefined;
  /** Redis for rate limits shared between replicas (REDIS_URL); in memory when absent. */
  redisUrl: string | undefined;
  /** Express's `trust proxy` (TRUST_PROXY), so rate limits see clients behind a proxy. */
  trustProxy: string | undefined;
  /** GraphQL requests in progress at once before the hub answers 503 (MAX_IN_FLIGHT, default 64). */
  maxInFlight: number;
  /**
   * GraphQL requests that may wait for the embedded database while it serves one (EMBEDDED_QUEUE,
   * default 8); beyond it the hub answers 503 with Retry-After. PGlite is one session, so
   * requests take turns there; a server database has a pool and no such queue.
   */
  embeddedQueue: number;
  /**
   * Map requests (tiles, OGC features, the alignment overlay) that may wait for the embedded
   * database (EMBEDDED_MAP_QUEUE, default 48): they take turns in a queue of their own, since a
   * map asks for a screenful of tiles at once, which GraphQL's short queue would mostly refuse.
   */
  embeddedMapQueue: number;
  /**
   * Longest a statement of a GraphQL request on the embedded database may run, and a request
   * wait for its turn (EMBEDDED_TIMEOUT_MS, default 60000, as the server's statement timeout):
   * PGlite has no statement timeout of its own.
   */
  embeddedTimeoutMs: number;
  /** Points each role may spend a minute (RATE_LIMITS, e.g. `public=60000,analyst=600000`). */
  budgets: Record<Role, number>;
  /**
   * Web origins whose pages may call the hub from a browser (CORS_ORIGINS): `'*'` for any,
   * a list of exact origins, or an empty list for none (same-origin pages only).
   */
  corsOrigins: '*' | string[];
  /**
   * A MapLibre style the map page at `/` draws beneath the hub's layers (MAP_BASEMAP_STYLE_URL,
   * http or https); absent, the page draws a plain background and needs no other site.
   */
  mapBasemapStyleUrl: string | undefined;
  /** Zoom from which incident tiles hold points rather than counts, for analysts and above (TILE_POINT_MIN_ZOOM, default 14). */
  tilePointMinZoom: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function readJwt(env: NodeJS.ProcessEnv): JwtConfig | undefined {
  const secret = env.JWT_SECRET || undefined;
  const keyFile = env.JWT_PUBLIC_KEY_FILE || undefined;
  const jwksUrl = env.JWT_JWKS_URL || undefined;
  const given = [secret, keyFile, jwksUrl].filter(Boolean).length;
  if (given === 0) {
    if (env.JWT_ISSUER || env.JWT_AUDIENCE || env.JWT_ALGORITHMS) {
      throw new Error(
        'JWT_ISSUER, JWT_AUDIENCE and JWT_ALGORITHMS need JWT_SECRET, JWT_PUBLIC_KEY_FILE or JWT_JWKS_URL',
      );
    }
    return undefined;
  }
  if (given > 1) {
    throw new Error('give one of JWT_SECRET, JWT_PUBLIC_KEY_FILE and JWT_JWKS_URL, not several');
  }
  if (secret && secret.length < 32) {
    throw new Error(`JWT_SECRET must be at least 32 characters, got ${secret.length}`);
  }
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) {
    throw new Error(`JWT_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
  }
  let publicKey: string | undefined;
  if (keyFile) {
    try {
      publicKey = fs.readFileSync(keyFile, 'utf8');
    } catch (err) {
      throw new Error(`JWT_PUBLIC_KEY_FILE ${keyFile} cannot be read: ${(err as Error).message}`);
    }
  }
  const algorithms = (env.JWT_ALGORITHMS || (secret ? 'HS256' : 'RS256')).split(',').map((a) => a.trim());
  return {
    secret,
    publicKey,
    jwksUrl,
    algorithms,
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
    roleClaim: env.JWT_ROLE_CLAIM || 'role',
  };
}

function readBudgets(text: string | undefined): Record<Role, number> {
  const budgets = { ...BUDGET_PER_MINUTE };
  for (const part of (text ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [role, value] = part.split('=').map((s) => s.trim());
    const points = Number(value);
    if (!isRole(role) || !Number.isInteger(points) || points < 1) {
      throw new Error(`RATE_LIMITS must be role=points pairs (public, analyst, officer, admin), got "${part}"`);
    }
    budgets[role] = points;
  }
  return budgets;
}

/** MAP_BASEMAP_STYLE_URL: an absolute http(s) URL, since its origin goes into the page's CSP. */
function readBasemapStyleUrl(text: string | undefined): string | undefined {
  if (!text) {
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new Error(`MAP_BASEMAP_STYLE_URL must be an http(s) URL, got "${text}"`);
  }
  return url.href;
}

/**
 * CORS_ORIGINS: `*`, `none`, or origins separated by commas (scheme, host and port, as a browser
 * sends them in `Origin`). Unset: any origin in development, none in production, so that a
 * public deployment opens to other sites only when someone says which.
 */
function readCorsOrigins(text: string | undefined, development: boolean): '*' | string[] {
  const value = (text ?? '').trim();
  if (value === '') {
    return development ? '*' : [];
  }
  if (value === '*') {
    return '*';
  }
  if (value === 'none') {
    return [];
  }
  return value.split(',').map((part) => {
    const origin = part.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    // An origin is exactly scheme://host[:port]; a path, a trailing slash or a wildcard would
    // never equal the Origin header a browser sends, so it is refused rather than ignored.
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
      throw new Error(
        `CORS_ORIGINS must be *, none, or origins like https://maps.example.org separated by commas, got "${origin}"`,
      );
    }
    return origin;
  });
}

/**
 * Reads the hub's configuration from an environment, refusing values it cannot use. The
 * defaults are the safe ones: listen on loopback, production error handling.
 * @param env the environment, `process.env` by default
 * @returns the parsed configuration
 * @example readConfig({ PORT: '8080' }).port //= 8080
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const port = integer(env, 'PORT', 4000, 0, 65535);
  // src/log.ts reads LOG_LEVEL itself (the command-line tools log before any configuration is
  // read); checked here so that a wrong level stops the hub with this message, not pino's.
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    development: env.NODE_ENV === 'development',
    jwt: readJwt(env),
    redisUrl,
    trustProxy: env.TRUST_PROXY || undefined,
    maxInFlight: integer(env, 'MAX_IN_FLIGHT', 64, 1, 10_000),
    embeddedQueue: integer(env, 'EMBEDDED_QUEUE', 8, 0, 10_000),
    embeddedMapQueue: integer(env, 'EMBEDDED_MAP_QUEUE', 48, 0, 10_000),
    embeddedTimeoutMs: integer(env, 'EMBEDDED_TIMEOUT_MS', 60_000, 100, 3_600_000),
    budgets: readBudgets(env.RATE_LIMITS),
    corsOrigins: readCorsOrigins(env.CORS_ORIGINS, env.NODE_ENV === 'development'),
    mapBasemapStyleUrl: readBasemapStyleUrl(env.MAP_BASEMAP_STYLE_URL),
    tilePointMinZoom: integer(env, 'TILE_POINT_MIN_ZOOM', 14, 0, 22),
  };
}
