import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { readConfig } from './config';

describe('readConfig', () => {
  it('defaults to the embedded database in ./.data on port 4000, on loopback, in production mode', () => {
    expect(readConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      development: false,
      jwt: undefined,
      redisUrl: undefined,
      trustProxy: undefined,
      maxInFlight: 64,
      embeddedQueue: 8,
      embeddedMapQueue: 48,
      embeddedTimeoutMs: 60_000,
      budgets: { public: 60_000, analyst: 600_000, officer: 600_000, admin: 1_200_000 },
      corsOrigins: [],
      tilePointMinZoom: 14,
    });
  });

  it('reads every variable the README lists', () => {
    const config = readConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/hub',
      DATABASE_URL: 'postgres://hub@db/hub',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'x'.repeat(32),
      JWT_ISSUER: 'https://login.example.org/',
      JWT_AUDIENCE: 'neighbourhood-hub',
      JWT_ROLE_CLAIM: 'hub_role',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TRUST_PROXY: 'loopback',
      MAX_IN_FLIGHT: '16',
      EMBEDDED_QUEUE: '2',
      EMBEDDED_MAP_QUEUE: '20',
      EMBEDDED_TIMEOUT_MS: '5000',
      RATE_LIMITS: 'public=1000, admin=5',
      CORS_ORIGINS: 'https://maps.example.org, http://localhost:5173',
      MAP_BASEMAP_STYLE_URL: 'https://tiles.example.org/styles/basic.json',
      TILE_POINT_MIN_ZOOM: '15',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/hub',
      databaseUrl: 'postgres://hub@db/hub',
      development: true,
      jwt: {
        secret: 'x'.repeat(32),
        publicKey: undefined,
        jwksUrl: undefined,
        algorithms: ['HS256'],
        issuer: 'https://login.example.org/',
        audience: 'neighbourhood-hub',
        roleClaim: 'hub_role',
      },
      redisUrl: 'redis://127.0.0.1:6379',
      trustProxy: 'loopback',
      maxInFlight: 16,
      embeddedQueue: 2,
      embeddedMapQueue: 20,
      embeddedTimeoutMs: 5000,
      budgets: { public: 1000, analyst: 600_000, officer: 600_000, admin: 5 },
      corsOrigins: ['https://maps.example.org', 'http://localhost:5173'],
      mapBasemapStyleUrl: 'https://tiles.example.org/styles/basic.json',
      tilePointMinZoom: 15,
    });
  });

  it('opens CORS to any origin in development and to none in production unless CORS_ORIGINS says', () => {
    expect(readConfig({ NODE_ENV: 'development' }).corsOrigins).toBe('*');
    expect(readConfig({}).corsOrigins).toEqual([]);
    expect(readConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(readConfig({ NODE_ENV: 'development', CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
  });

  it('reads a public key for bearer tokens from a file, RS256 by default', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-key-')), 'key.pem');
    fs.writeFileSync(file, '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n');
    const jwt = readConfig({ JWT_PUBLIC_KEY_FILE: file }).jwt;
    expect(jwt?.publicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(jwt?.algorithms).toEqual(['RS256']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must start with postgres:// or postgresql://, got "mysql://x"'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must start with redis:// or rediss://, got "http://x"'],
    [{ MAX_IN_FLIGHT: '0' }, 'MAX_IN_FLIGHT must be an integer from 1 to 10000, got "0"'],
    [{ TILE_POINT_MIN_ZOOM: '23' }, 'TILE_POINT_MIN_ZOOM must be an integer from 0 to 22, got "23"'],
    [
      { RATE_LIMITS: 'root=5' },
      'RATE_LIMITS must be role=points pairs (public, analyst, officer, admin), got "root=5"',
    ],
    [{ RATE_LIMITS: 'public=lots' }, 'RATE_LIMITS must be role=points pairs'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters, got 5'],
    [
      { JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'https://idp/jwks' },
      'give one of JWT_SECRET, JWT_PUBLIC_KEY_FILE and JWT_JWKS_URL, not several',
    ],
    [{ JWT_JWKS_URL: 'ftp://idp/jwks' }, 'JWT_JWKS_URL must be an http(s) URL, got "ftp://idp/jwks"'],
    [{ JWT_ISSUER: 'https://idp/' }, 'JWT_ISSUER, JWT_AUDIENCE and JWT_ALGORITHMS need JWT_SECRET'],
    [{ CORS_ORIGINS: 'https://maps.example.org/' }, 'CORS_ORIGINS must be *, none, or origins like'],
    [{ CORS_ORIGINS: '*.example.org' }, 'got "*.example.org"'],
    [{ CORS_ORIGINS: 'ftp://maps.example.org' }, 'got "ftp://maps.example.org"'],
    [
      { MAP_BASEMAP_STYLE_URL: 'file:///etc/style.json' },
      'MAP_BASEMAP_STYLE_URL must be an http(s) URL, got "file:///etc/style.json"',
    ],
    [{ MAP_BASEMAP_STYLE_URL: 'tiles/style.json' }, 'MAP_BASEMAP_STYLE_URL must be an http(s) URL'],
    [{ JWT_PUBLIC_KEY_FILE: '/nonexistent/key.pem' }, 'JWT_PUBLIC_KEY_FILE /nonexistent/key.pem cannot be read'],
  ])('refuses %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
