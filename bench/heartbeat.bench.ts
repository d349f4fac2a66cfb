// Heartbeat reports over HTTP (SPEC §7, issue 11): `POST /heartbeat/<token>` end to end —
// express, the constant-time match against every configured token, the rules, one durable
// write — and the 404 of a wrong token, with 1 and 200 heartbeats configured. Run alone with
// `npx tsx bench/heartbeat.bench.ts`.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfigText } from '../src/core/config/index.js';
import { quietApp } from './quiet-app.js';

export interface HeartbeatBenchRow {
  heartbeats: number;
  request: string;
  'p50 ms': number;
  'p99 ms': number;
  'req/s': number;
}

const REQUESTS = 300;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x: number) => Math.round(x * 100) / 100;

function config(tokens: string[]): string {
  const hbs = tokens.map((t, i) => `    - { id: job-${i}, token: "${t}", schedule: "0 3 * * *", grace: 30m }`).join('\n');
  return `people: [{ id: alice, name: Alice }]\npermissions: { admins: [alice] }\nstatus:\n  components: [{ id: c0, name: C0 }]\n  heartbeats:\n${hbs}\n`;
}

async function time(n: number, send: () => Promise<Response>): Promise<{ p50: number; p99: number; rps: number }> {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) await (await send()).arrayBuffer();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await (await send()).arrayBuffer();
    times.push(performance.now() - t);
  }
  return { p50: round(pct(times, 50)), p99: round(pct(times, 99)), rps: Math.round(n / ((performance.now() - start) / 1000)) };
}

export async function benchHeartbeats(opts: { log?: (line: string) => void } = {}): Promise<HeartbeatBenchRow[]> {
  const rows: HeartbeatBenchRow[] = [];
  for (const n of [1, 200]) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-heartbeat-bench-'));
    const tokens = Array.from({ length: n }, () => randomBytes(24).toString('hex'));
    try {
      const app = await quietApp(parseConfigText(config(tokens), {}), dir);
      try {
        const last = tokens[tokens.length - 1];
        const ok = await time(REQUESTS, () => fetch(`${app.url}/heartbeat/${last}`, { method: 'POST', body: 'backup done: 1.2 GB in 4m12s' }));
        rows.push({ heartbeats: n, request: 'POST good run (1 durable write)', 'p50 ms': ok.p50, 'p99 ms': ok.p99, 'req/s': ok.rps });
        const wrong = randomBytes(24).toString('hex');
        const nf = await time(REQUESTS, () => fetch(`${app.url}/heartbeat/${wrong}`, { method: 'POST', body: 'x' }));
        rows.push({ heartbeats: n, request: 'POST wrong token (404)', 'p50 ms': nf.p50, 'p99 ms': nf.p99, 'req/s': nf.rps });
        opts.log?.(`${n} heartbeats: done`);
      } finally {
        await app.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await benchHeartbeats({ log: (l) => console.log(l) }));
}
