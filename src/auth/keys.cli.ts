import os from 'node:os';
import { parseArgs } from 'node:util';

import { runCli } from '../ingest/cli';

import { ApiKeysService } from './api-keys';
import { isRole } from './roles';

const USAGE = `usage:
  npm run keys -- create --role analyst|officer|admin --label "whose key, for what"
  npm run keys -- list
  npm run keys -- revoke ID

A key is shown once, when it is created; the hub keeps only its SHA-256. Callers send it as
"Authorization: Bearer KEY" or "X-API-Key: KEY". Requests without a key are public.`;

/** A key request the command refuses before touching the database. */
class KeyUsageError extends Error {}

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, label: { type: 'string' }, help: { type: 'boolean' } },
  });
} catch (err) {
  usage((err as Error).message);
}
if (args.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [command, ...rest] = args.positionals;
const { role, label } = args.values;
if (command === 'create') {
  if (!isRole(role) || role === 'public') {
    usage(`--role must be analyst, officer or admin, got ${role === undefined ? 'nothing' : `"${role}"`}`);
  }
  if (!label?.trim() || label.length > 200) {
    usage('--label must say whose key it is and what for (1 to 200 characters)');
  }
} else if (command === 'revoke') {
  if (rest.length !== 1 || !/^\d{1,9}$/.test(rest[0])) {
    usage(`revoke takes one key id (a number from "npm run keys -- list"), got ${rest.join(' ') || 'nothing'}`);
  }
} else if (command !== 'list') {
  usage(command ? `unknown command "${command}"` : 'say what to do: create, list or revoke');
}

// npm run keys: creates, lists and revokes API keys in the configured database.
runCli('keys', [KeyUsageError], async (database) => {
  const keys = new ApiKeysService(database.db);
  if (command === 'create') {
    const made = await keys.create(
      (label as string).trim(),
      role as 'analyst' | 'officer' | 'admin',
      os.userInfo().username,
    );
    process.stderr.write(`created key ${made.id} (${role}, "${(label as string).trim()}"); it is shown this once:\n`);
    process.stdout.write(`${made.key}\n`);
    return 0;
  }
  if (command === 'revoke') {
    if (!(await keys.revoke(Number(rest[0])))) {
      throw new KeyUsageError(`no active key with id ${rest[0]}`);
    }
    process.stdout.write(`revoked key ${rest[0]}; requests with it are refused from now on\n`);
    return 0;
  }
  const rows = await keys.list();
  if (rows.length === 0) {
    process.stdout.write('no API keys yet: npm run keys -- create --role analyst --label "…"\n');
  }
  for (const k of rows) {
    const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
    process.stdout.write(
      `${k.id}\t${k.role}\t${k.prefix}…\t${state}\tcreated ${k.createdAt.toISOString()} by ${k.createdBy}\t${k.label}\n`,
    );
  }
  return 0;
});
