import os from 'node:os';

/** One measured case: what, on which database, over how much data, and its timings. */
export interface BenchResult {
  name: string;
  database: string;
  dataSize: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** A benchmark file's export: given a database URL and its label, it measures its cases. */
export type Bench = (url: string, database: string) => Promise<BenchResult[]>;

/**
 * Times `work` after `warmup` untimed runs and reports the median of `runs` timed ones.
 * @example await measure('locate 10k', 'server', '10,000 points', () => run())
 */
export async function measure(
  name: string,
  database: string,
  dataSize: string,
  work: () => Promise<unknown>,
  runs = 15,
  warmup = 3,
): Promise<BenchResult> {
  for (let i = 0; i < warmup; i += 1) {
    await work();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const medianMs = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { name, database, dataSize, runs, medianMs, minMs: times[0], maxMs: times[times.length - 1] };
}

/** The machine line every results table starts with. */
export function machine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** A Markdown table of results, with the server/embedded ratio where both ran. */
export function table(results: BenchResult[]): string {
  const rows = results.map((r) => {
    const peer = results.find((p) => p.name === r.name && p.database !== r.database && p.database === 'server');
    const ratio = peer && r.database !== 'server' ? `${(r.medianMs / peer.medianMs).toFixed(1)}× server` : '';
    return `| ${r.name} | ${r.database} | ${r.dataSize} | ${r.runs} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${ratio} |`;
  });
  return [
    '| case | database | data | runs | median ms | min ms | max ms | ratio |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
