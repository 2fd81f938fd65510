import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

/** The project folder, whether code runs from src/ (ts-jest) or dist/src/ (npm start). */
export const PROJECT_ROOT = findRoot(__dirname);

/** The manifest of the shipped reference geography. */
export const DEFAULT_MANIFEST = path.join(PROJECT_ROOT, 'geodata', 'manifest.json');
