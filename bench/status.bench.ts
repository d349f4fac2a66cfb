// The status page's cost (SPEC §7): GET /status and GET /api/status.json rendered from 90 days
// of history (daily check counters, status changes, resolved incidents) for 4 and 40
// components, and the cost of recording one monitor check (two durable writes). Run alone
// with `npx tsx bench/status.bench.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfigText } from '../src/core/config/index.js';
import { openStore } from '../src/infra/store/index.js';
import type { StatusReader } from '../src/skills/status/index.js';
import { ComponentStateSchema, DailyChecksSchema, HistoryEventSchema, StatusIncidentSchema } from '../src/skills/status/model.js';
import { quietApp } from './quiet-app.js';

export interface StatusBenchRow {
  components: number;
  route: string;
  p50ms: number;
  p99ms: number;
  kb: number;
}

const DAY = 86_400_000;
const REQUESTS = 200;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x: number) => Math.round(x * 100) / 100;

function config(n: number): string {
  const comps = Array.from({ length: n }, (_, i) => `    - { id: c${i}, name: "Component ${i}" }`).join('\n');
  return `people: [{ id: alice, name: Alice }]\npermissions: { admins: [alice] }\nstatus:\n  components:\n${comps}\n`;
}

async function seed(dir: string, n: number, now: number): Promise<void> {
  const store = await openStore(dir);
  const states = await store.collection('status-components', { schema: ComponentStateSchema });
  const history = await store.collection('status-history', { schema: HistoryEventSchema, partition: (e) => e.at.slice(0, 7) });
  const checks = await store.collection('status-checks', { schema: DailyChecksSchema, partition: (c) => c.day.slice(0, 7) });
  const incidents = await store.collection('status-incidents', { schema: StatusIncidentSchema, partition: (i) => (i.resolvedAt ? i.resolvedAt.slice(0, 7) : 'open') });
  const created = new Date(now - 120 * DAY).toISOString();
  const writes: Promise<unknown>[] = [];
  for (let c = 0; c < n; c++) {
    writes.push(states.insert({ id: `c${c}`, status: 'operational', holds: [], createdAt: created, updatedAt: created }));
    for (let d = 1; d <= 90; d++) {
      const day = new Date(now - d * DAY).toISOString().slice(0, 10);
      writes.push(checks.insert({ id: `m${c}:${day}`, monitorId: `m${c}`, componentId: `c${c}`, day, up: 1430, down: 10, totalMs: 1440 * 45, worst: 'operational' }));
      if (d % 7 === 0) {
        const at = now - d * DAY;
        writes.push(history.insert({ id: `h${c}-${d}a`, componentId: `c${c}`, from: 'operational', to: 'partial_outage', at: new Date(at).toISOString(), reason: 'monitor' }));
        writes.push(history.insert({ id: `h${c}-${d}b`, componentId: `c${c}`, from: 'partial_outage', to: 'operational', at: new Date(at + 3_600_000).toISOString(), reason: 'monitor' }));
      }
    }
  }
  for (let i = 1; i <= 30; i++) {
    const at = new Date(now - i * 3 * DAY).toISOString();
    const updates = (['investigating', 'identified', 'monitoring', 'resolved'] as const).map((status) => ({ at, status, text: `Update ${status} for incident ${i}` }));
    writes.push(incidents.insert({ id: `INC-${i}`, title: `Incident ${i}`, severity: 'sev2', status: 'resolved', componentIds: [`c${i % n}`], private: false, declaredAt: at, updatedAt: at, resolvedAt: at, updates }));
  }
  await Promise.all(writes);
  await store.close();
}

export async function benchStatus(opts: { log?: (line: string) => void } = {}): Promise<{ pages: StatusBenchRow[]; check: { p50ms: number; p99ms: number } }> {
  const rows: StatusBenchRow[] = [];
  let check = { p50ms: 0, p99ms: 0 };
  for (const n of [4, 40]) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-status-bench-'));
    try {
      await seed(dir, n, Date.now());
      const app = await quietApp(parseConfigText(config(n), {}), dir);
      try {
        for (const route of ['/status', '/api/status.json']) {
          const times: number[] = [];
          let size = 0;
          for (let i = 0; i < REQUESTS + 10; i++) {
            const t = performance.now();
            const body = await (await fetch(`${app.url}${route}`)).arrayBuffer();
            if (i >= 10) times.push(performance.now() - t);
            size = body.byteLength;
          }
          rows.push({ components: n, route, p50ms: round(pct(times, 50)), p99ms: round(pct(times, 99)), kb: round(size / 1024) });
          opts.log?.(`${n} components, ${route}: done`);
        }
        if (n === 4) {
          const reader = app.deps.queries.get('status') as StatusReader;
          const monitor = { id: 'bench', componentId: 'c0', url: '/healthz', method: 'GET' as const, intervalMs: 60_000, timeoutMs: 1000, expectedStatus: [200], failuresBeforeChange: 3, successesBeforeRecovery: 1, failureStatus: 'major_outage' as const, page: false };
          const times: number[] = [];
          for (let i = 0; i < 300; i++) {
            const t = performance.now();
            await reader.runner.record(monitor, { ok: true, status: 200, ms: 12 });
            times.push(performance.now() - t);
          }
          check = { p50ms: round(pct(times, 50)), p99ms: round(pct(times, 99)) };
        }
      } finally {
        await app.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { pages: rows, check };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchStatus({ log: (l) => console.log(l) });
  console.table(r.pages);
  console.log('record one monitor check (counters + day aggregate):', r.check);
}
