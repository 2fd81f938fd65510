import { createDataSource } from './data-source';

// The TypeORM CLI (migration:generate --check, migration:run) needs a module that exports
// one DataSource; `npm run check` points DATABASE_URL at a server or the embedded socket.
if (!process.env.DATABASE_URL) {
  throw new Error('DATABASE_URL must be set for the TypeORM CLI (see scripts/check-migrations.ts)');
}

export default createDataSource(process.env.DATABASE_URL, 1);
