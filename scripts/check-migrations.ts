import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '../src/db/database';
import { PROJECT_ROOT } from '../src/paths';

// npm run migration:check: migrates a database (DATABASE_URL's server, or a fresh in-memory
// embedded one), then asks TypeORM's own `migration:generate --check` whether the entities
// want any change the migrations did not make. Exit 1 means a migration is missing.
async function main(): Promise<number> {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
  try {
    const cli = path.join(PROJECT_ROOT, 'node_modules', 'typeorm', 'cli.js');
    const dataSource = path.join(PROJECT_ROOT, 'dist', 'src', 'db', 'cli-data-source.js');
    const target = path.join(os.tmpdir(), 'hub-migration-check', 'Drift');
    // Asynchronous on purpose: the embedded database answers from this process's event loop.
    const child = spawn(process.execPath, [cli, 'migration:generate', '--check', '-d', dataSource, target], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: 'inherit',
    });
    return await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`migration check failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
