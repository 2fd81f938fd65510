// Compiles the hub into dist/ (tsc, then the .sql statements and page files beside the compiled code) only
// when a source changed since the last build, so `npm start` and the command-line tools start in
// a fraction of a second instead of recompiling every time. `--always` builds regardless.
// "Changed" is judged by modification times: of every file and folder under the compiled roots
// (a folder's time changes when a file in it is added, removed or renamed) and the tsconfigs.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const SOURCES = ['src', 'migrations', 'scripts', 'bench', 'tsconfig.json', 'tsconfig.build.json'];

function newest(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  let time = stat.mtimeMs;
  if (stat.isDirectory()) {
    // bench/peers/node_modules (PostGraphile for the peer benchmark) is installed, not compiled.
    for (const entry of fs.readdirSync(target).filter((e) => e !== 'node_modules')) {
      time = Math.max(time, newest(path.join(target, entry)));
    }
  }
  return time;
}

function stale() {
  const built = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
  return SOURCES.some((source) => newest(path.join(ROOT, source)) > built);
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

if (process.argv.includes('--always') || stale()) {
  run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  run([path.join(__dirname, 'copy-assets.js')]);
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
