import { parseArgs } from 'node:util';

const USAGE = `usage: node dist/bench/embedded-users.js --url http://127.0.0.1:4000 --key KEY [--users 5] [--query Q]

Sends --users copies of one GraphQL request to a running hub at once (by default the analysts'
city-wide hot-spot map, 12 months of 2020 at 250 m) while asking /health and /healthz every
100 ms, then prints each answer's status, time, Retry-After and error code, and how fast and
with what status the health routes answered meanwhile (bench/RESULTS.md, issue 14 item 6).`;

const DEFAULT_QUERY = '{ hotspots(input: { from: "2020-01", to: "2020-12", cellSizeMetres: 250 }) { cells { id } } }';

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  code: string | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      users: { type: 'string', default: '5' },
      query: { type: 'string', default: DEFAULT_QUERY },
    },
  });
  const users = Number(values.users);
  if (!values.url || !values.key || !Number.isInteger(users) || users < 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const base = values.url.replace(/\/(graphql)?$/, '');
  let done = false;
  const health: Record<string, { ms: number; status: number }[]> = { '/health': [], '/healthz': [] };
  const poll = async (route: string) => {
    while (!done) {
      const started = Date.now();
      const response = await fetch(base + route);
      await response.text();
      health[route].push({ ms: Date.now() - started, status: response.status });
      await sleep(100);
    }
  };
  const polls = Object.keys(health).map(poll);
  const answers = await Promise.all(
    Array.from({ length: users }, async (): Promise<Answer> => {
      const started = Date.now();
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${values.key}` },
        body: JSON.stringify({ query: values.query }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      return {
        status: response.status,
        ms: Date.now() - started,
        retryAfter: response.headers.get('retry-after'),
        code: body.errors?.[0]?.extensions?.code,
      };
    }),
  );
  done = true;
  await Promise.all(polls);
  answers.sort((a, b) => a.ms - b.ms);
  for (const a of answers) {
    process.stdout.write(
      `${a.status} ${a.ms} ms${a.retryAfter ? ` Retry-After ${a.retryAfter}` : ''} ${a.code ?? ''}\n`,
    );
  }
  for (const [route, answered] of Object.entries(health)) {
    const ms = answered.map((h) => h.ms).sort((a, b) => a - b);
    const statuses = answered.reduce<Record<number, number>>(
      (n, h) => ({ ...n, [h.status]: (n[h.status] ?? 0) + 1 }),
      {},
    );
    process.stdout.write(
      `${route}: ${answered.length} answers, median ${ms[Math.floor(ms.length / 2)]} ms, max ${ms.at(-1)} ms, statuses ${JSON.stringify(statuses)}\n`,
    );
  }
}

void main();
