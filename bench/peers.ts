import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import autocannon from 'autocannon';

import { ApiKeysService } from '../src/auth/api-keys';
import { openDatabase } from '../src/db/database';
import { countUnits, loadGeodata } from '../src/ingest/geodata/load';
import { DEFAULT_MANIFEST, PROJECT_ROOT } from '../src/paths';

import { ensureBenchIncidents, machine } from './harness';
import { PEER_QUERIES } from './peer-queries';

// npm run bench -- peers: the hub against PostGraphile v4 + @graphile/postgis on the same server
// database (BENCH_DATABASE_URL) and the same data, each in its own process on loopback, the four
// equal queries of peer-queries.ts through autocannon, runs interleaved hub, PostGraphile, hub,
// PostGraphile so a neighbour's load on a shared machine falls on both alike.
// PEERS_SECONDS (default 10) per run, PEERS_ROUNDS (default 2) runs each, PEERS_CONNECTIONS (10),
// BENCH_ROWS synthetic incidents (default 1,000,000). PEERS_HUB_SERVER runs another build of the
// hub (its dist/src/server.js), for a before-and-after on the same data.
// After the peers, a city-wide Gi* through the hub's HTTP side alone: once, then repeated
// unchanged, which the data-version cache answers, with its body and as a 304 to the answer's
// ETag (PostGraphile has no counterpart).
const SECONDS = Number(process.env.PEERS_SECONDS ?? 10);
const ROUNDS = Number(process.env.PEERS_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.PEERS_CONNECTIONS ?? 10);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PEER_DIR = path.join(PROJECT_ROOT, 'bench', 'peers');
const HUB_SERVER = path.resolve(process.env.PEERS_HUB_SERVER ?? path.join(PROJECT_ROOT, 'dist', 'src', 'server.js'));
const GISTAR =
  '{ hotspots(input: { from: "2040-01", to: "2040-12", sources: ["synthetic-police.uk"] }) { cells { id count zScore confidence } } }';
const GISTAR_REPEATS = 30;

const say = (line: string) => process.stderr.write(`… ${line}\n`);

/** Starts a server process and resolves with the URL it prints on its ready line. */
function start(
  name: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const url = ready.exec(output)?.[1];
      if (url) {
        child.stdout?.off('data', onData);
        resolve({ child, url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code}:\n${output.slice(-2000)}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** One query's body through one server, checked: HTTP 200, no GraphQL errors; returns its data. */
async function ask(target: Target, query: string): Promise<unknown> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || body.errors) {
    throw new Error(`${target.name} answered ${response.status}: ${JSON.stringify(body).slice(0, 1000)}`);
  }
  return body.data;
}

interface Run {
  requests: number;
  seconds: number;
  failures: number;
  times: number[];
}

/** One autocannon run of one query against one server; every non-200 or GraphQL error counted. */
function load(target: Target, query: string, seconds: number): Promise<Run> {
  const times: number[] = [];
  let failures = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...target.headers },
            body: JSON.stringify({ query }),
            onResponse: (status: number, body: string) => {
              if (status !== 200 || body.includes('"errors"')) {
                failures += 1;
              }
            },
          },
        ],
      },
      (err, result) =>
        err
          ? reject(err)
          : resolve({
              requests: result.requests.total,
              seconds: result.duration,
              failures: failures + result.errors + result.timeouts,
              times,
            }),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

function summarise(runs: Run[]): Summary {
  const times = runs.flatMap((r) => r.times).sort((a, b) => a - b);
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  return {
    rps: requests / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    failures: runs.reduce((n, r) => n + r.failures, 0),
  };
}

/** PostGraphile lives in its own package folder (it needs graphql 15); installed once from its lock file. */
function ensurePeerInstalled(): void {
  if (fs.existsSync(path.join(PEER_DIR, 'node_modules', 'postgraphile'))) {
    return;
  }
  say('installing PostGraphile into bench/peers (npm ci, once)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, stdio: 'inherit' });
  if (npm.status !== 0) {
    throw new Error('npm ci in bench/peers failed');
  }
}

export async function peersBench(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    throw new Error('the peers benchmark needs BENCH_DATABASE_URL: a PostgreSQL + PostGIS server database');
  }
  ensurePeerInstalled();
  const database = await openDatabase({ databaseUrl });
  let key: { id: number; key: string };
  let incidents: number;
  try {
    if ((await countUnits(database.db)).wards === 0) {
      await loadGeodata(database.dataSource, { manifestPath: DEFAULT_MANIFEST });
    }
    await ensureBenchIncidents(database.dataSource, ROWS, 'the server database for the peer benchmark');
    [{ n: incidents }] = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident');
    // The incidents page needs an analyst; the key is revoked at the end.
    key = await new ApiKeysService(database.db).create('peer benchmark analyst', 'analyst', 'npm run bench -- peers');
  } finally {
    await database.close();
  }

  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn' };
  // Rate limits far above any run (the nested list and the page cost thousands of points, asked
  // thousands of times a second): this measures the hub, not its budgets.
  const hub = await start('the hub', [HUB_SERVER], /Neighbourhood hub ready at (\S+)/, {
    ...env,
    RATE_LIMITS: 'public=1000000000000,analyst=1000000000000,officer=1000000000000',
  });
  const peer = await start('PostGraphile', [path.join(PEER_DIR, 'server.js')], /PostGraphile ready at (\S+)/, env);
  const targets: Target[] = [
    { name: 'hub', url: hub.url, headers: { authorization: `Bearer ${key.key}` } },
    { name: 'PostGraphile', url: peer.url, headers: {} },
  ];
  const rows: string[] = [];
  let gistar: string[] = [];
  try {
    for (const query of PEER_QUERIES) {
      const counts = [
        query.rows.hub(await ask(targets[0], query.hub)),
        query.rows.postgraphile(await ask(targets[1], query.postgraphile)),
      ];
      if (counts[0] !== counts[1] || counts[0] === 0) {
        throw new Error(`"${query.name}": the hub answered ${counts[0]} rows, PostGraphile ${counts[1]}`);
      }
      const runs: Run[][] = [[], []];
      // An untimed second each first: plans cached, connections open, code warm.
      for (const [i, target] of targets.entries()) {
        await load(target, i === 0 ? query.hub : query.postgraphile, 2);
      }
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const [i, target] of targets.entries()) {
          say(`${query.name}: ${target.name}, run ${round + 1} of ${ROUNDS}`);
          runs[i].push(await load(target, i === 0 ? query.hub : query.postgraphile, SECONDS));
        }
      }
      const [h, p] = runs.map(summarise);
      rows.push(
        `| ${query.name} | ${counts[0]} | ${h.rps.toFixed(0)} | ${h.p50.toFixed(0)} | ${h.p99.toFixed(0)} | ${p.rps.toFixed(0)} | ${p.p50.toFixed(0)} | ${p.p99.toFixed(0)} | ${(h.rps / p.rps).toFixed(2)}× | ${h.failures} / ${p.failures} |`,
      );
    }
    gistar = await repeatedGistar(targets[0]);
  } finally {
    await stop(hub.child);
    await stop(peer.child);
    const cleanup = await openDatabase({ databaseUrl, migrate: false });
    await new ApiKeysService(cleanup.db).revoke(key.id);
    await cleanup.close();
  }
  process.stdout.write(
    [
      `Machine: ${machine()}`,
      `Data: ${incidents.toLocaleString('en-GB')} incidents; ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s per side and query, interleaved`,
      '',
      '| query | rows | hub req/s | hub p50 ms | hub p99 ms | PostGraphile req/s | PostGraphile p50 ms | PostGraphile p99 ms | hub / PostGraphile req/s | failures hub / PostGraphile |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Gi* through the hub's HTTP side, one client, ${GISTAR_REPEATS} repeats of each kind after untimed ones (wall time per request at the client, ms):`,
      ...gistar,
    ].join('\n') + '\n',
  );
}

/** Wall time of one request through a server, checked as `ask` checks it. */
async function timed(target: Target, query: string): Promise<number> {
  const start = performance.now();
  await ask(target, query);
  return performance.now() - start;
}

/** The ETag a server labels this query's answer with. */
async function etagOf(target: Target, query: string): Promise<string> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query }),
  });
  await response.text();
  const etag = response.headers.get('etag');
  if (response.status !== 200 || !etag) {
    throw new Error(`${target.name} answered ${response.status} without an ETag`);
  }
  return etag;
}

/** Wall time of one request sent with the ETag of the answer the client has: 304, no body. */
async function timedNotModified(target: Target, query: string, etag: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'if-none-match': etag, ...target.headers },
    body: JSON.stringify({ query }),
  });
  const body = await response.text();
  const ms = performance.now() - start;
  if (response.status !== 304 || body !== '') {
    throw new Error(`${target.name} answered ${response.status} to a request with the answer's ETag`);
  }
  return ms;
}

const spread = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)}, min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)} (goal < 5)`;
};

/**
 * The first Gi* on this data version, then the same request repeated, with its whole body and
 * with the answer's ETag in If-None-Match (304, no body), interleaved; one line each.
 */
async function repeatedGistar(target: Target): Promise<string[]> {
  say('Gi* through the hub: first, then repeated');
  const first = await timed(target, GISTAR);
  await timed(target, GISTAR);
  const etag = await etagOf(target, GISTAR);
  await timedNotModified(target, GISTAR, etag);
  const whole: number[] = [];
  const notModified: number[] = [];
  for (let i = 0; i < GISTAR_REPEATS; i += 1) {
    whole.push(await timed(target, GISTAR));
    notModified.push(await timedNotModified(target, GISTAR, etag));
  }
  return [
    `- first in this hub process (computed): ${first.toFixed(1)}`,
    `- repeated, whole body read and parsed: ${spread(whole)}`,
    `- repeated with If-None-Match, 304 and no body: ${spread(notModified)}`,
  ];
}
