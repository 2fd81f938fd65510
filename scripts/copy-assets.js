// tsc compiles src/ into dist/src/ but leaves everything else behind; copy what the compiled
// code reads from beside itself: the named .sql statements (each service's sql/ folder) and the
// files of the pages the hub serves (each capability's public/ folder: HTML, CSS, scripts).
const fs = require('node:fs');
const path = require('node:path');

function copy(dir, inPublic) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      copy(from, inPublic || entry.name === 'public');
    } else if (inPublic || entry.name.endsWith('.sql')) {
      const to = path.join('dist', from);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
    }
  }
}

copy('src', false);
