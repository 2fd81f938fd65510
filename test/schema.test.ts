import fs from 'node:fs';
import path from 'node:path';

import { buildHubSchema, printHubSchema } from '../src/graphql/schema';
import { PROJECT_ROOT } from '../src/paths';

const FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');

describe('schema/schema.graphql', () => {
  it('matches the schema the resolvers build (REGEN=1 or npm run schema:print to update)', async () => {
    const printed = printHubSchema(await buildHubSchema());
    if (process.env.REGEN) {
      fs.writeFileSync(FILE, printed);
    }
    expect(fs.readFileSync(FILE, 'utf8')).toBe(printed);
  });
});
