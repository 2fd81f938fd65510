import 'reflect-metadata';

import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from '../paths';

import { buildHubSchema, printHubSchema } from './schema';

// npm run schema:print: rewrites schema/schema.graphql from the resolvers (no database needed).
buildHubSchema().then((schema) => {
  const file = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');
  fs.writeFileSync(file, printHubSchema(schema));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
});
