// On-call benchmarks (SPEC §9, issue 7):
//  1. Escalation lateness: 1 000 pages opened as fast as the app takes them, each escalating
//     10 s later, with the real scheduler loop on real timers and the real store on disk;
//     lateness = the step's due time → its DM sent (as stored on the page). Goal p99 ≤ 1 s
//     (GoAlert's engine cycles every 5 s).
//  2. A year of shifts for 10 schedules (weekly, daily, 12 h, layered with restrictions, in
//     six zones), computed from scratch, overrides applied.
// Run alone with `npx tsx bench/oncall.bench.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { parseConfigText } from '../src/core/config/index.js';
import { silentLogger } from '../src/infra/logger.js';
import type { OnCallSkill } from '../src/skills/oncall/index.js';
import { buildRotations } from '../src/skills/oncall/schedule.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ESCALATION_CONFIG = `
timezone: Europe/Berlin
people: [{ id: alice, name: Alice }, { id: bob, name: Bob }, { id: carol, name: Carol }]
teams: [{ id: ops, name: Ops, members: [alice, bob, carol] }]
services: [{ id: api, name: API, team: ops, escalation_policy: bench }]
schedules: [{ id: primary, team: ops, members: [alice, carol], shift: 1d, start: 2026-01-05 }]
escalation_policies:
  - id: bench
    levels:
      - { targets: ["person:bob"], after: 10s }
      - { targets: ["schedule:primary"], after: 1h }
permissions: { admins: [alice] }
`;

export interface EscalationBench {
  pages: number;
  openSeconds: number;
  p50ms: number;
  p99ms: number;
  maxms: number;
}

export async function benchEscalation(pages = 1000, log: (l: string) => void = () => undefined): Promise<EscalationBench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-oncall-'));
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const app = await createApp({
    config: parseConfigText(ESCALATION_CONFIG, {}),
    env: {},
    dataDir: dir,
    host: '127.0.0.1',
    port: 0,
    log: silentLogger,
    timers: true,
    platform: { consoleInput: new PassThrough(), consoleOutput: sink, consoleInteractive: false },
  });
  try {
    const skill = app.router.skills().find((s) => s.id === 'oncall') as OnCallSkill;
    const { engine, deps } = skill.parts();
    const target = { label: 'service:api', policy: { name: 'bench', levels: [{ targets: [{ kind: 'person' as const, id: 'bob' }], afterMs: 10_000 }, { targets: [{ kind: 'schedule' as const, id: 'primary' }], afterMs: 3_600_000 }], repeat: 0, integrations: [] }, serviceId: 'api' };
    const t0 = performance.now();
    const CONCURRENCY = 20;
    for (let i = 0; i < pages; i += CONCURRENCY) {
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pages - i) }, (_, j) => engine.open({ summary: `bench page ${i + j}`, severity: 2, target, source: 'bench', by: undefined })));
    }
    const openSeconds = (performance.now() - t0) / 1000;
    log(`opened ${pages} pages in ${round(openSeconds, 2)} s; waiting for their 10 s escalations`);
    const escalated = () => engine.pages.filter((p) => p.notifications.some((n) => n.step === 1 && n.status === 'sent'));
    const deadline = performance.now() + 120_000;
    while (escalated().length < pages && performance.now() < deadline) await sleep(100);
    await skill.idle();
    const lateness = escalated()
      .map((p) => p.notifications.find((n) => n.step === 1)!)
      .map((n) => Date.parse(n.sentAt!) - Date.parse(n.dueAt))
      .sort((a, b) => a - b);
    if (lateness.length < pages) log(`only ${lateness.length} of ${pages} escalated within 120 s`);
    void deps;
    return { pages: lateness.length, openSeconds: round(openSeconds, 2), p50ms: percentile(lateness, 50), p99ms: percentile(lateness, 99), maxms: lateness[lateness.length - 1] };
  } finally {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Europe/London', 'Asia/Tokyo', 'America/Los_Angeles'];

function yearConfig(): string {
  const people = Array.from({ length: 12 }, (_, i) => `{ id: p${i}, name: P${i} }`).join(', ');
  const members = (n: number, off: number) => `[${Array.from({ length: n }, (_, i) => `p${(i + off) % 12}`).join(', ')}]`;
  const shifts = ['1w', '1d', '12h', '1w', '2d'];
  const schedules = Array.from({ length: 10 }, (_, i) => {
    const zone = ZONES[i % ZONES.length];
    if (i % 3 === 2) {
      return `  - id: s${i}
    timezone: ${zone}
    layers:
      - { members: ${members(4, i)}, shift: 1w, handoff: "09:00", start: 2026-01-05 }
      - { members: ${members(3, i + 4)}, shift: 1d, handoff: "08:00", start: 2026-01-05, restrictions: [{ days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }] }
      - { members: ${members(2, i + 7)}, shift: 12h, handoff: "20:00", start: 2026-01-05, restrictions: [{ days: [sat, sun], from: "20:00", to: "08:00" }] }`;
    }
    return `  - { id: s${i}, timezone: ${zone}, members: ${members(3 + (i % 5), i)}, shift: ${shifts[i % shifts.length]}, handoff: "09:00", start: 2026-01-05 }`;
  }).join('\n');
  return `people: [${people}]\nschedules:\n${schedules}\n`;
}

export interface YearBench {
  schedules: number;
  segments: number;
  medianMs: number;
  minMs: number;
}

export function benchYearOfShifts(runs = 7): YearBench {
  const config = parseConfigText(yearConfig(), {});
  const from = Date.parse('2026-01-01T00:00:00Z');
  const to = from + 365 * 86_400_000;
  const overrides = [{ id: 'OVR-1', start: from + 40 * 86_400_000, end: from + 41 * 86_400_000, personId: 'p0' }];
  const times: number[] = [];
  let segments = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const rotations = buildRotations(config); // fresh: no cached handoffs
    segments = 0;
    for (const rotation of rotations.values()) segments += rotation.segments(from, to, overrides).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { schedules: config.schedules.length, segments, medianMs: round(percentile(times, 50)), minMs: round(times[0]) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.table([benchYearOfShifts()]);
  console.table([await benchEscalation(1000, (l) => console.log(l))]);
}
