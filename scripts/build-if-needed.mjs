#!/usr/bin/env node
// Runs `tsc -p tsconfig.build.json` when dist/ is missing or older than any file under src/,
// so `npm start` works right after `npm ci` and stays fast on later starts.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const stamp = 'dist/.build-stamp';
const needed = !existsSync('dist/main.js') || !existsSync(stamp) || newest('src') > statSync(stamp).mtimeMs;
if (needed) {
  process.stderr.write('switchboard: building (tsc)…\n');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(stamp, new Date().toISOString());
}
