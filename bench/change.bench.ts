// The cost of a change decision end to end, in-process: router → rules → durable store write →
// audit entry → card posted/edited → event. N high-risk changes, each requested, approved
// once (counted) and once more (quorum), every command awaited. Run alone with
// `npx tsx bench/change.bench.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigFile } from '../src/core/config/index.js';
import { quietApp } from './quiet-app.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export interface ChangeBenchRow {
  command: string;
  p50ms: number;
  p99ms: number;
  perSec: number;
}

export async function benchChanges(n = 200): Promise<ChangeBenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-change-'));
  const app = await quietApp(loadConfigFile('config/switchboard.yaml', {}), dir);
  const as = (person: string, text: string) => app.router.dispatch({ actor: app.deps.people.actor('console', person), channel: { platform: 'console', id: '#console' }, text });
  const steps: Array<[string, (i: number) => Promise<unknown>]> = [
    ['change request (card posted)', () => as('erin', 'change request "Resize the cache" risk:high start:+1d end:+1d2h rollback:"shrink it back"')],
    ['change approve (counted)', (i) => as('dave', `change approve CHG-${i}`)],
    ['change approve (quorum)', (i) => as('frank', `change approve CHG-${i}`)],
  ];
  const times = new Map<string, number[]>(steps.map(([name]) => [name, []]));
  try {
    for (let i = 1; i <= n; i++) {
      for (const [name, run] of steps) {
        const t = performance.now();
        const reply = (await run(i)) as { text?: string };
        times.get(name)!.push(performance.now() - t);
        if (reply.text?.startsWith('⚠️')) throw new Error(`${name} #${i} failed: ${reply.text}`);
      }
    }
    if (app.deps.queries.get('changes')?.get(`CHG-${n}`)?.state !== 'approved') throw new Error('the last change was not approved');
  } finally {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return [...times].map(([command, ms]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return { command, p50ms: round(percentile(sorted, 50)), p99ms: round(percentile(sorted, 99)), perSec: round(ms.length / (ms.reduce((a, b) => a + b, 0) / 1000), 0) };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.table(await benchChanges());
}
