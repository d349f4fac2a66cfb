// Builds dist/ once before the suite, so tests that spawn the real `node dist/main.js`
// exercise exactly what `npm start` runs.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
}
