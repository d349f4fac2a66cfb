// `incident note` through the in-process router (parse → skill → store → card refresh), with
// 0 and 10 000 resolved incidents in the archive. Each note is two durable writes (the
// incident and the audit entry) before it answers. Half the notes name the incident, half
// are said in its channel (found by channel). The Slack HTTP path comes with the Slack
// adapter. Run alone with `npx tsx bench/incident.bench.ts`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigFile } from '../src/core/config/index.js';
import type { Incident } from '../src/skills/incident/model.js';
import { declare, resolve } from '../src/skills/incident/transitions.js';
import { quietApp } from './quiet-app.js';

const NOTES = 200;
const WARMUP = 10;
const MONTHS = 24;

export interface IncidentBenchRow {
  archived: number;
  p50ms: number;
  p99ms: number;
  opsPerSec: number;
}

/** Writes `n` resolved incidents straight into monthly archive files (as the store would). */
async function archive(dataDir: string, n: number): Promise<void> {
  const by = { platform: 'console' as const, userId: 'alice', personId: 'alice', name: 'Alice Martin' };
  const months = new Map<string, Incident[]>();
  for (let i = 1; i <= n; i++) {
    const m = i % MONTHS;
    const at = new Date(Date.UTC(2024 + Math.floor(m / 12), m % 12, 1 + (i % 27), 10));
    const open = declare({ id: `INC-${i}`, title: `Archived incident ${i}`, severity: 'sev3', private: false, channelName: `inc-${i}`, members: ['alice'], accounts: [], by, now: at });
    const inc = { ...resolve(open, 'fixed', { by, now: new Date(at.getTime() + 3_600_000) }), channels: [{ platform: 'console' as const, id: `#inc-${i}` }] };
    const key = inc.resolvedAt!.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), inc]);
  }
  await mkdir(path.join(dataDir, 'incidents'), { recursive: true });
  for (const [key, list] of months) await writeFile(path.join(dataDir, 'incidents', `${key}.json`), JSON.stringify({ records: list }));
  await writeFile(path.join(dataDir, '_sequences.json'), JSON.stringify({ sequences: { INC: n } }));
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function one(archived: number): Promise<IncidentBenchRow> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-incident-'));
  try {
    await archive(dataDir, archived);
    const app = await quietApp(loadConfigFile('config/switchboard.yaml', {}), dataDir);
    try {
      const actor = app.deps.people.actor('console', 'alice');
      const lobby = { platform: 'console' as const, id: '#console' };
      const declared = await app.router.dispatch({ actor, channel: lobby, text: 'incident declare sev2 "Bench: checkout fails" service:web' });
      const id = /INC-\d+/.exec(declared.text ?? '')?.[0];
      const own = app.deps.queries.get('incidents')?.get(id ?? '')?.channels[0];
      if (!id || !own) throw new Error(`declare failed: ${declared.text}`);
      const times: number[] = [];
      const started = performance.now();
      for (let i = 0; i < NOTES + WARMUP; i++) {
        const t = performance.now();
        const inChannel = i % 2 === 1;
        const reply = await app.router.dispatch({ actor, channel: inChannel ? own : lobby, text: inChannel ? `incident note note ${i}` : `incident note ${id} note ${i}` });
        if (!reply.text?.includes('Added')) throw new Error(`note failed: ${reply.text}`);
        if (i >= WARMUP) times.push(performance.now() - t);
      }
      const total = performance.now() - started;
      times.sort((a, b) => a - b);
      const r = (x: number) => Math.round(x * 100) / 100;
      return { archived, p50ms: r(pct(times, 0.5)), p99ms: r(pct(times, 0.99)), opsPerSec: Math.round(((NOTES + WARMUP) / total) * 1000) };
    } finally {
      await app.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchIncidentNote(opts: { sizes?: number[]; log?: (l: string) => void } = {}): Promise<IncidentBenchRow[]> {
  const rows: IncidentBenchRow[] = [];
  for (const n of opts.sizes ?? [0, 10_000]) {
    opts.log?.(`incident note with ${n.toLocaleString('en')} archived incidents…`);
    rows.push(await one(n));
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await benchIncidentNote({ log: console.log }));
}
