import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PROJECT_ROOT } from '../src/paths';

// Each command-line tool, as package.json's npm script runs it: the compiled file in dist/.
const TOOLS = {
  'geodata:load': 'src/ingest/geodata/geodata-load.cli.js',
  'import:police': 'src/ingest/police/import-police.cli.js',
  'import:reports': 'src/ingest/reports/import-reports.cli.js',
  'seed:incidents': 'src/ingest/generator/seed-incidents.cli.js',
  'import:neighbourhoods': 'src/ingest/police-neighbourhoods/import-neighbourhoods.cli.js',
  'neighbourhoods:demo': 'src/ingest/police-neighbourhoods/demo-layer.cli.js',
  keys: 'src/auth/keys.cli.js',
  'schema:print': 'src/graphql/print-schema.cli.js',
};
type Tool = keyof typeof TOOLS;

// A data folder that must never appear: none of these calls may open a database.
const dataDir = path.join(os.tmpdir(), `hub-cli-never-${process.pid}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
const input = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};

// "At once" is held by what the tools may not do, not by a clock (a busy CI machine made a time
// limit fail): none opens a database, which afterAll checks by the data folder never appearing.
function run(tool: Tool, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', TOOLS[tool]), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // What every npm script does first: compile only when a source is newer than dist/.
  const build = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.js')], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  expect(build.status).toBe(0);
}, 120_000);

afterAll(() => {
  expect(fs.existsSync(dataDir)).toBe(false);
});

describe('every command-line tool', () => {
  it.each(Object.keys(TOOLS) as Tool[])('%s answers --help on stdout with exit code 0', (tool) => {
    const result = run(tool, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage:\\s+npm run ${tool}`));
  });
});

describe('a wrong call, refused at once with a message that says what to do', () => {
  const zip = input('police.zip', Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(64)]));
  const zipsOnly = path.dirname(input('download/2018-12.zip', fs.readFileSync(zip)));
  const empty = input('empty.csv', '');
  const wrong = input('wrong.csv', 'id,month,lon,lat\n1,2031-04,-1.47,52.92\n');

  it.each<[Tool, string[], number, RegExp]>([
    ['import:police', [zip], 1, /^refused, nothing written: .*police\.zip is a zip archive: unzip it first/],
    ['import:police', [zipsOnly], 1, /download: no CSV files in this folder, only zip archives: unzip them first/],
    ['import:police', [empty], 1, /empty\.csv is empty; expected a police\.uk street-level CSV/],
    [
      'import:police',
      [wrong],
      1,
      /wrong\.csv: not a police\.uk street-level CSV: expected the header "Crime ID,Month,/,
    ],
    ['import:police', ['/nowhere/crimes.csv'], 1, /\/nowhere\/crimes\.csv: no such file, folder or matching glob/],
    ['import:police', [], 2, /say which files to import\nusage: npm run import:police/],
    ['import:reports', [wrong], 1, /wrong\.csv: expected the header "category,longitude,latitude,/],
    ['import:reports', [dir], 1, /is a folder; give the file inside it/],
    ['geodata:load', ['--file', '/nowhere/manifest.json'], 1, /\/nowhere\/manifest\.json: no such file/],
    ['seed:incidents', ['--count', '10', '--out', '/nowhere/out.csv'], 2, /the folder \/nowhere does not exist/],
    ['import:neighbourhoods', [zip], 1, /police\.zip is a zip archive: unzip it first/],
    ['neighbourhoods:demo', ['--layer', 'x'], 2, /Unknown option '--layer'/],
    ['keys', ['make'], 2, /unknown command "make"/],
    ['schema:print', ['--out'], 2, /Unknown option '--out'/],
  ])('%s %j exits %i', (tool, args, code, message) => {
    const result = run(tool, args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
  });
});
