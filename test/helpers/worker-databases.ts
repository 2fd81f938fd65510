import { Client } from 'pg';

/** The maintenance database a copy is made from: the template itself may hold no connection. */
function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

function nameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function withName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/**
 * Makes one copy of the loaded database `url` per jest worker (`<name>_w<N>`, N from 1), made
 * afresh so a copy left by a killed run is replaced. Returns their URLs in worker order, or none
 * when the role may not create databases: the workers then share `url`, as they did before.
 */
export async function copyPerWorker(url: string, workers: number): Promise<string[]> {
  const client = new Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    const template = nameOf(url);
    const copies: string[] = [];
    for (let worker = 1; worker <= workers; worker++) {
      const name = `${template}_w${worker}`;
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      try {
        await client.query(
          `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`,
        );
      } catch (err) {
        if ((err as { code?: string }).code !== '42501') {
          throw err;
        }
        process.stderr.write(
          `tests: may not create databases (${(err as Error).message}); the workers share ${template}\n`,
        );
        return [];
      }
      copies.push(withName(url, name));
    }
    return copies;
  } finally {
    await client.end();
  }
}

/** Drops the copies made by copyPerWorker, given the JSON list of their URLs. */
export async function dropWorkerCopies(copiesJson: string | undefined): Promise<void> {
  const copies = copiesJson ? (JSON.parse(copiesJson) as string[]) : [];
  if (copies.length === 0) {
    return;
  }
  const client = new Client({ connectionString: maintenanceUrl(copies[0]) });
  await client.connect();
  try {
    for (const copy of copies) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(nameOf(copy))} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/**
 * The database this jest worker uses: its own copy when global setup made copies, otherwise the
 * run's one database. Jest numbers its workers from 1 (JEST_WORKER_ID); a run in band is worker 1.
 */
export function workerDatabaseUrl(
  shared: string,
  copiesJson: string | undefined,
  workerId: string | undefined,
): string {
  const copies = copiesJson ? (JSON.parse(copiesJson) as string[]) : [];
  if (copies.length === 0) {
    return shared;
  }
  const worker = Number(workerId ?? '1');
  const copy = copies[worker - 1];
  if (!copy) {
    throw new Error(`jest worker ${workerId} has no database copy: global setup made ${copies.length}`);
  }
  return copy;
}
