import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface HubConfig {
  /** HTTP port for GraphQL (PORT, default 4000; 0 picks a free port). */
  port: number;
  /** Interface to bind (HOST, default 0.0.0.0 so containers are reachable). */
  host: string;
  /** PostgreSQL + PostGIS server; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder holding the embedded database (DATA_DIR, default ./.data). */
  dataDir: string;
  /** NODE_ENV; `production` hides stack traces and internal error messages. */
  production: boolean;
  /** pino level (LOG_LEVEL, default info). */
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads the hub's configuration from an environment, refusing values it cannot use.
 * @param env the environment, `process.env` by default
 * @returns the parsed configuration
 * @example readConfig({ PORT: '8080' }).port //= 8080
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    production: env.NODE_ENV === 'production',
    logLevel,
  };
}
