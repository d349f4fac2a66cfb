// On-call benchmarks (SPEC §9, issue 7):
//  1. Escalation lateness: 1 000 pages, each escalating 10 s after it opened, with the real
//     app — scheduler loop on real timers, store on disk, console adapter; lateness = the
//     step's due time → its DM sent (as stored on the page). Goal p99 ≤ 1 s (GoAlert's engine
//     cycles every 5 s). Two paces: a steady 50 pages/s, and a burst opened as fast as the
//     app takes them (all 1 000 open at once, their steps due within a few seconds).
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
import { serviceTarget } from '../src/skills/oncall/targets.js';

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
  scenario: string;
  pages: number;
  openSeconds: number;
  p50ms: number;
  p99ms: number;
  maxms: number;
}

export interface EscalationOptions {
  pages?: number;
  /** Open pages at this pace; without it, as fast as the app takes them (20 at a time). */
  perSecond?: number;
  log?: (line: string) => void;
}

export async function benchEscalation(opts: EscalationOptions = {}): Promise<EscalationBench> {
  const pages = opts.pages ?? 1000;
  const log = opts.log ?? (() => undefined);
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
    const { engine } = skill.parts();
    const target = serviceTarget(app.config, 'api');
    const open = (n: number) => engine.open({ summary: `bench page ${n}`, severity: 2, target, source: 'bench' });
    const t0 = performance.now();
    if (opts.perSecond) {
      // Each page opens on time, whether or not the ones before it have finished opening.
      const opening: Promise<unknown>[] = [];
      for (let n = 0; n < pages; n++) {
        const wait = t0 + (n * 1000) / opts.perSecond - performance.now();
        if (wait > 0) await sleep(wait);
        opening.push(open(n));
      }
      await Promise.all(opening);
    } else {
      for (let i = 0; i < pages; i += 20) await Promise.all(Array.from({ length: Math.min(20, pages - i) }, (_, j) => open(i + j)));
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
    return {
      scenario: opts.perSecond ? `${opts.perSecond} pages/s` : 'burst',
      pages: lateness.length,
      openSeconds: round(openSeconds, 2),
      p50ms: percentile(lateness, 50),
      p99ms: percentile(lateness, 99),
      maxms: lateness[lateness.length - 1],
    };
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
  /** The first run, with the zone-offset cache still empty. */
  coldMs: number;
  medianMs: number;
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
  const coldMs = times[0];
  times.sort((a, b) => a - b);
  return { schedules: config.schedules.length, segments, coldMs: round(coldMs), medianMs: round(percentile(times, 50)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.table([benchYearOfShifts()]);
  const log = (l: string) => console.log(l);
  console.table([await benchEscalation({ perSecond: 50, log }), await benchEscalation({ log })]);
}
