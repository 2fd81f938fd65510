import { parseArgs } from 'node:util';

import { PROJECT_ROOT } from '../../paths';

import { writeSynthetic } from './generate';

const USAGE =
  'usage: npm run seed:incidents -- --count N --seed S --months M --out FILE [--end YYYY-MM] [--street-scene FILE]\n' +
  '  writes SYNTHETIC police.uk-format CSV (import it with npm run import:police -- FILE)';

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value ?? ''}"`);
  }
  return n;
}

// npm run seed:incidents: generates SYNTHETIC incidents, deterministic for a seed.
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string', default: '1' },
      months: { type: 'string', default: '12' },
      end: { type: 'string', default: '2020-12' },
      out: { type: 'string' },
      'street-scene': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) {
    throw new Error(`--out FILE is required\n${USAGE}`);
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.end)) {
    throw new Error(`--end must be a month as YYYY-MM, got "${values.end}"`);
  }
  const count = wholeNumber('count', values.count, 1, 50_000_000);
  const months = wholeNumber('months', values.months, 1, 240);
  const started = Date.now();
  const n = await writeSynthetic(
    { count, seed: values.seed, months, end: values.end, geodataDir: `${PROJECT_ROOT}/geodata` },
    {
      out: values.out,
      streetScene: values['street-scene'],
      onProgress: (done) => process.stderr.isTTY && process.stderr.write(`\r${done} of ${count} rows`),
    },
  );
  if (process.stderr.isTTY) {
    process.stderr.write('\n');
  }
  const reports = values['street-scene'];
  process.stdout.write(
    `generated ${n} SYNTHETIC incidents over ${months} months to ${values.end} (seed ${values.seed}) in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s: ${values.out}` +
      `${reports ? `, ${Math.floor(n / 4)} street-scene reports: ${reports}` : ''}; planted spots: ${values.out}.hotspots.geojson\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`seed:incidents failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
