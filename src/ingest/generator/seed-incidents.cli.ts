import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from '../../paths';
import { readCommandLine, usageError } from '../cli';
import { Progress } from '../progress';

import { writeSynthetic } from './generate';

const USAGE = `usage: npm run seed:incidents -- --count N --out FILE [--seed S] [--months M] [--end YYYY-MM] [--street-scene FILE]
  writes SYNTHETIC police.uk-format CSV (import it with npm run import:police -- FILE)
  --count N: incidents to generate (1 to 50,000,000)
  --seed S: the same seed gives the same rows (default 1)
  --months M: months covered, ending with --end (default 12, to 2020-12)
  --street-scene FILE: also a street-scene report CSV, one report for every four incidents`;

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    usageError(USAGE, `--${name} must be a whole number from ${min} to ${max}, got "${value ?? ''}"`);
  }
  return n;
}

/** An output path must be a new or existing file in an existing folder; said before generating. */
function checkOutput(option: string, file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    usageError(USAGE, `${option} ${file} is a folder; give a file name`);
  }
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    usageError(USAGE, `${option} ${file}: the folder ${dir} does not exist`);
  }
}

// npm run seed:incidents: generates SYNTHETIC incidents, deterministic for a seed. No database.
const { values } = readCommandLine(USAGE, {
  count: { type: 'string' },
  seed: { type: 'string', default: '1' },
  months: { type: 'string', default: '12' },
  end: { type: 'string', default: '2020-12' },
  out: { type: 'string' },
  'street-scene': { type: 'string' },
});
if (!values.out) {
  usageError(USAGE, '--out FILE is required');
}
if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.end)) {
  usageError(USAGE, `--end must be a month as YYYY-MM, got "${values.end}"`);
}
const count = wholeNumber('count', values.count, 1, 50_000_000);
const months = wholeNumber('months', values.months, 1, 240);
const out = values.out;
const reports = values['street-scene'];
checkOutput('--out', out);
if (reports) {
  checkOutput('--street-scene', reports);
}

async function main(): Promise<void> {
  const started = Date.now();
  const progress = new Progress('seed:incidents');
  const n = await writeSynthetic(
    { count, seed: values.seed, months, end: values.end, geodataDir: `${PROJECT_ROOT}/geodata` },
    { out, streetScene: reports, onProgress: (done) => progress.update(done, `of ${count.toLocaleString('en-GB')}`) },
  );
  progress.stop();
  process.stdout.write(
    `generated ${n} SYNTHETIC incidents over ${months} months to ${values.end} (seed ${values.seed}) in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s: ${out}` +
      `${reports ? `, ${Math.floor(n / 4)} street-scene reports: ${reports}` : ''}; planted spots: ${out}.hotspots.geojson\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`seed:incidents failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
