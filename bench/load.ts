import 'reflect-metadata';

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { ApiKeysService } from '../src/auth/api-keys';
import { type OpenDatabase, openDatabase } from '../src/db/database';
import { ensureReferenceData } from '../src/ingest/bootstrap';
import { PROJECT_ROOT } from '../src/paths';

import { machine } from './harness';

const USAGE = `usage: npm run load -- [--seconds 60] [--connections 10] [--writers 2] [--max-requests 1000000]

Starts the hub (DATABASE_URL's server, or a new embedded database in a temporary folder) as its
own process, then for the given time sends a mixed read load from autocannon (public maps and
figures, an analyst's incident pages) while officers record and work street-scene reports beside
it, and prints p50/p95/p99 latency, errors, lost writes and the hub's peak memory.`;

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        seconds: { type: 'string', default: '60' },
        connections: { type: 'string', default: '10' },
        writers: { type: 'string', default: '2' },
        'max-requests': { type: 'string', default: '1000000' },
        help: { type: 'boolean' },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
})();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const number = (name: string, text: string, min: number, max: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`--${name} must be a whole number from ${min} to ${max}, got "${text}"\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
};
const SECONDS = number('seconds', values.seconds, 1, 3600);
const CONNECTIONS = number('connections', values.connections, 1, 1000);
const WRITERS = number('writers', values.writers, 0, 100);
const MAX_REQUESTS = number('max-requests', values['max-requests'], 1, 100_000_000);
const MARKER = `load-run-${Date.now()}`;

const say = (line: string) => process.stderr.write(`… ${line}\n`);

/** Peak resident memory of a process, from Linux's /proc (VmHWM), in MiB. */
function peakMiB(pid: number): number | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function withDatabase<T>(
  databaseUrl: string | undefined,
  dataDir: string,
  work: (d: OpenDatabase) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ databaseUrl, dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function startHub(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'server.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const url = /Neighbourhood hub ready at (\S+)/.exec(output)?.[1];
      if (url) {
        child.stdout?.off('data', onData);
        resolve({ child, url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`the hub exited with code ${code}:\n${output.slice(-2000)}`)));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-load-'));
  say(`preparing ${databaseUrl ? 'the server database' : `a new embedded database in ${dataDir}`}`);
  const keys = await withDatabase(databaseUrl, dataDir, async (database) => {
    await ensureReferenceData(database, true, say);
    const service = new ApiKeysService(database.db);
    return {
      analyst: await service.create('load run analyst', 'analyst', 'npm run load'),
      officer: await service.create('load run officer', 'officer', 'npm run load'),
    };
  });
  // Budgets far above the defaults: this run measures the hub, not its rate limits.
  const { child, url } = await startHub({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'public=100000000,analyst=100000000,officer=100000000',
  });
  say(
    `hub ready at ${url} (process ${child.pid}); ${SECONDS} s of load on ${CONNECTIONS} connections, ${WRITERS} writers`,
  );

  const post = (query: string, key?: string) => ({
    method: 'POST' as const,
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const READS = [
    post('{ wards { code name area { name } } }'),
    post('{ ward(code: "E05001770") { stats(from: "2018-12", to: "2018-12") { total byCategory { count } } } }'),
    post('{ locate(lon: -1.4776, lat: 52.9254) { ward { name } area { name } lsoa { code } } }'),
    post('{ areas { name population wards { name deprivation { imd { averageRank } } } } }'),
    post(
      '{ incidents(filter: { wardCodes: ["E05001770"], from: "2018-12", to: "2018-12" }, first: 100) { totalCount edges { node { id month point category { name } } } } }',
      keys.analyst.key,
    ),
    post(
      '{ hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 1000 }, significantOnly: true) { cells { id count confidence } } }',
    ),
  ];
  const times: number[] = [];
  let graphqlErrors = 0;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakMiB(child.pid as number) ?? 0);
  }, 250);

  // Officers beside the reads: each report is recorded, then moved to in progress.
  let running = true;
  const written = { reports: 0, steps: 0, failures: 0 };
  const writer = async (n: number) => {
    for (let i = 0; running; i += 1) {
      const report = await fetch(url, {
        ...post(
          `mutation { reportIssue(input: { category: "fly-tipping", lon: ${-1.48 + (i % 50) * 0.0004}, lat: ${52.92 + n * 0.001}, description: "${MARKER} ${n}-${i}" }) { id } }`,
          keys.officer.key,
        ),
      }).then((r) => r.json() as Promise<{ data?: { reportIssue: { id: string } }; errors?: unknown[] }>);
      const id = report.data?.reportIssue.id;
      if (!id || report.errors) {
        written.failures += 1;
        continue;
      }
      written.reports += 1;
      const step = await fetch(url, {
        ...post(
          `mutation { updateIssueStatus(id: "${id}", status: IN_PROGRESS, note: "crew sent") { status } }`,
          keys.officer.key,
        ),
      }).then((r) => r.json() as Promise<{ errors?: unknown[] }>);
      if (step.errors) {
        written.failures += 1;
      } else {
        written.steps += 1;
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, n) => writer(n));

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.replace('/graphql', ''),
        connections: CONNECTIONS,
        duration: SECONDS,
        amount: undefined,
        timeout: 30,
        requests: READS.map((r) => ({
          ...r,
          onResponse: (status: number, body: string) => {
            if (status === 200 && body.includes('"errors"')) {
              graphqlErrors += 1;
            }
          },
        })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    let sent = 0;
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
      sent += 1;
      if (sent >= MAX_REQUESTS) {
        instance.stop();
      }
    });
  });
  running = false;
  await Promise.all(writers);
  clearInterval(sampler);
  peak = Math.max(peak, peakMiB(child.pid as number) ?? 0);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));

  const stored = await withDatabase(databaseUrl, dataDir, async (database) => {
    const [row] = await database.db.query<{ reports: number; steps: number }>(
      `SELECT count(*)::int AS reports, count(*) FILTER (WHERE status = 'in_progress')::int AS steps
       FROM incident WHERE description LIKE $1`,
      [`${MARKER} %`],
    );
    await database.db.query('DELETE FROM incident WHERE description LIKE $1', [`${MARKER} %`]);
    await database.db.query('UPDATE api_key SET revoked_at = now() WHERE id = ANY($1)', [
      [keys.analyst.id, keys.officer.id],
    ]);
    return row;
  });
  times.sort((a, b) => a - b);
  const non2xx = result.non2xx;
  const lost = written.reports - stored.reports + (written.steps - stored.steps);
  const lines = [
    `Machine: ${machine()}`,
    `Database: ${databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : 'embedded PGlite'}; ${SECONDS} s, ${CONNECTIONS} connections, ${WRITERS} writers`,
    '',
    '| reads | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | GraphQL errors | connection errors | timeouts | writes (reports + steps) | write failures | lost writes | hub peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${times[times.length - 1]?.toFixed(1)} | ${non2xx} | ${graphqlErrors} | ${result.errors} | ${result.timeouts} | ${written.reports} + ${written.steps} | ${written.failures} | ${lost} | ${peak.toFixed(0)} |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const clean =
    non2xx === 0 &&
    graphqlErrors === 0 &&
    result.errors === 0 &&
    result.timeouts === 0 &&
    written.failures === 0 &&
    lost === 0;
  process.exit(clean ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`load run failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
