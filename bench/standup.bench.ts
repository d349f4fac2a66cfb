// The standup's and the briefing's cost as the audit log grows (the "yesterday" suggestion
// reads it): one prompt round for a team of 40 (40 durable claims, suggestions and DMs), the
// `standup` form for one person, `standup summary` and `briefing`, in-process with 1 000 to
// 100 000 audit entries. Run alone with `npx tsx bench/standup.bench.ts`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { parseConfigText } from '../src/core/config/index.js';
import { silentLogger } from '../src/infra/logger.js';

export interface StandupBenchRow {
  audit: number;
  'prompt round (40) ms': number;
  'standup p50 ms': number;
  'standup summary p50 ms': number;
  'briefing p50 ms': number;
  /** One audit entry on its own: `briefing` records one, and the log rewrites its month's file. */
  'audit write p50 ms': number;
}

const PEOPLE = 40;
const RUNS = 100;
const DAY = 86_400_000;
/** Mon 23 Nov 2026 08:00 UTC (09:00 Berlin), half an hour before the prompt. */
const START = Date.parse('2026-11-23T08:00:00Z');
const ACTIONS = ['incident.declare', 'incident.note', 'incident.resolve', 'change.request', 'change.approve', 'change.complete', 'status.set'];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x: number) => Math.round(x * 100) / 100;
const person = (i: number) => `p${String(i).padStart(2, '0')}`;

function config(): string {
  const people = Array.from({ length: PEOPLE }, (_, i) => `  - { id: ${person(i)}, name: "Person ${i}", timezone: Europe/Berlin }`).join('\n');
  const members = Array.from({ length: PEOPLE }, (_, i) => person(i)).join(', ');
  return `timezone: Europe/Berlin
people:
${people}
teams:
  - { id: ops, name: Operations, members: [${members}] }
standups:
  - { id: ops-daily, team: ops, prompt: "09:30", summary: "12:00" }
briefings:
  - { id: morning, cron: "0 8 * * 1-5", teams: [ops] }
permissions: { admins: [p00] }
`;
}

/** Writes `n` audit entries over the last 90 days straight into the store's files (inserting them one by one would take minutes). */
async function seedAudit(dir: string, n: number): Promise<void> {
  const byMonth = new Map<string, unknown[]>();
  for (let i = 0; i < n; i++) {
    const at = new Date(START - DAY * 90 + Math.floor((i / n) * DAY * 90)).toISOString();
    const p = person(i % PEOPLE);
    const action = ACTIONS[i % ACTIONS.length];
    const target = action.startsWith('incident') ? `INC-${i % 500}` : action.startsWith('change') ? `CHG-${i % 500}` : 'api';
    const month = at.slice(0, 7);
    if (!byMonth.has(month)) byMonth.set(month, []);
    byMonth.get(month)!.push({ id: `AUD-${i + 1}`, at, actor: { platform: 'console', userId: p, personId: p, name: p }, action, target });
  }
  await mkdir(path.join(dir, 'audit'), { recursive: true });
  for (const [month, records] of byMonth) await writeFile(path.join(dir, 'audit', `${month}.json`), JSON.stringify({ records }));
  await writeFile(path.join(dir, '_sequences.json'), JSON.stringify({ sequences: { AUD: n } }));
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchStandup(sizes = [1_000, 10_000, 100_000]): Promise<StandupBenchRow[]> {
  const rows: StandupBenchRow[] = [];
  for (const audit of sizes) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-standup-'));
    let now = START;
    await seedAudit(dir, audit);
    const run = await createApp({
      config: parseConfigText(config(), {}),
      env: {},
      dataDir: dir,
      host: '127.0.0.1',
      port: 0,
      log: silentLogger,
      clock: { now: () => new Date(now) },
      timers: false,
      platform: { consoleInput: new PassThrough(), consoleOutput: new Writable({ write: (_c, _e, cb) => cb() }), consoleInteractive: false },
    });
    try {
      const say = (text: string) => run.router.dispatch({ actor: run.deps.people.actor('console', 'p00'), channel: { platform: 'console', id: '#console' }, text });
      now = START + 30 * 60_000;
      const t = performance.now();
      await run.scheduler.tick(); // the first tick at start (09:00) only noted the watermark; this one prompts
      const round40 = performance.now() - t;
      if (run.deps.audit.entries().length < audit) throw new Error('the seeded audit log did not load');
      rows.push({
        audit,
        'prompt round (40) ms': round(round40),
        'standup p50 ms': round(pct(await timed(RUNS, () => say('standup')), 50)),
        'standup summary p50 ms': round(pct(await timed(RUNS, () => say('standup summary')), 50)),
        'briefing p50 ms': round(pct(await timed(RUNS, () => say('briefing')), 50)),
        'audit write p50 ms': round(pct(await timed(RUNS, () => run.deps.audit.record(run.deps.people.actor('console', 'p00'), 'bench.noop')), 50)),
      });
    } finally {
      await run.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.table(await benchStandup());
}
