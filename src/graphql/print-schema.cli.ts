import 'reflect-metadata';

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { PROJECT_ROOT } from '../paths';

import { buildHubSchema, printHubSchema } from './schema';

const USAGE = `usage: npm run schema:print
  rewrites schema/schema.graphql from the resolvers (no database needed); CI fails when it differs`;

// npm run schema:print: prints the SDL that `npm run check` compares with the checked-in file.
let help: boolean | undefined;
try {
  help = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } }).values.help;
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
buildHubSchema().then(
  (schema) => {
    const file = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');
    fs.writeFileSync(file, printHubSchema(schema));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  },
  (err: unknown) => {
    process.stderr.write(`schema:print failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
