// tsc compiles src/ into dist/src/ but leaves the named .sql statements behind; copy them so
// each compiled service finds its sql/ folder beside it.
const fs = require('node:fs');
const path = require('node:path');

function copy(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      copy(from);
    } else if (entry.name.endsWith('.sql')) {
      const to = path.join('dist', from);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
    }
  }
}

copy('src');
