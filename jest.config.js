/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is `npm run typecheck`'s job; transpiling alone keeps the suite fast.
    '^.+\\.ts$': 'ts-jest',
  },
  // One database loaded for the whole run: the embedded PGlite (or DATABASE_URL's server) is
  // started, migrated and loaded once here; on a server each worker then works on its own copy.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120000,
  // The embedded database is one PGlite session behind a socket multiplexer: suites run one at a
  // time against it (each over a single connection); a PostgreSQL server takes two workers.
  maxWorkers: process.env.DATABASE_URL ? 2 : 1,
};
