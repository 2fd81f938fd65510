import path from 'node:path';

import { readConfig } from './config';

describe('readConfig', () => {
  it('defaults to the embedded database in ./.data on port 4000', () => {
    expect(readConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      production: false,
      logLevel: 'info',
    });
  });

  it('reads every variable the README lists', () => {
    const config = readConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/hub',
      DATABASE_URL: 'postgres://hub@db/hub',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/tmp/hub',
      databaseUrl: 'postgres://hub@db/hub',
      production: true,
      logLevel: 'warn',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must start with postgres:// or postgresql://, got "mysql://x"'],
  ])('refuses %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
