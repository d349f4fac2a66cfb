// Uptime arithmetic for the 90-day bars, pure: days in the page's zone (23 or 25 hours across
// daylight-saving changes), the time a component spent in each status per day from its status
// history, the day's worst status, and uptime weighted as Statuspage does it — a major outage
// counts in full, a partial outage at 30 %, degraded performance and maintenance not at all.
import { DateTime } from 'luxon';
import type { ComponentStatus } from '../../core/config/index.js';
import { COMPONENT_STATUSES } from '../../core/config/index.js';
import type { DailyChecks, HistoryEvent } from './model.js';
import { worst } from './rules.js';

export const PARTIAL_OUTAGE_WEIGHT = 0.3;

export interface DaySpan {
  /** YYYY-MM-DD in the zone. */
  key: string;
  start: number;
  end: number;
}

/** The last `n` days up to and including today, oldest first. */
export function lastDays(now: Date, zone: string, n: number): DaySpan[] {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const out: DaySpan[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = today.minus({ days: i });
    out.push({ key: d.toISODate()!, start: d.toMillis(), end: d.plus({ days: 1 }).toMillis() });
  }
  return out;
}

export type StatusMs = Record<ComponentStatus, number>;

export interface DayFigures {
  day: string;
  /** Worst status of the day; `nodata` before the component was tracked. */
  worst: ComponentStatus | 'nodata';
  /** Milliseconds tracked that day (less than a day today and on the first day). */
  tracked: number;
  ms: StatusMs;
  /** 0…1; undefined when nothing was tracked. */
  uptime?: number;
  checks: { up: number; down: number; avgMs?: number };
}

const zeroMs = (): StatusMs => Object.fromEntries(COMPONENT_STATUSES.map((s) => [s, 0])) as StatusMs;

interface Segment {
  from: number;
  to: number;
  status: ComponentStatus;
}

/** The component's status over [start, end] from its (possibly pruned) history. */
export function segments(events: HistoryEvent[], current: ComponentStatus, start: number, end: number): Segment[] {
  if (end <= start) return [];
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  const before = sorted.filter((e) => Date.parse(e.at) <= start);
  const after = sorted.filter((e) => Date.parse(e.at) > start && Date.parse(e.at) <= end);
  // Status at `start`: the last change before it, else what the first later change left, else now's.
  let status: ComponentStatus = before.length ? before[before.length - 1].to : sorted.length ? sorted[0].from : current;
  const out: Segment[] = [];
  let from = start;
  for (const e of after) {
    const t = Date.parse(e.at);
    if (t > from) out.push({ from, to: t, status });
    from = t;
    status = e.to;
  }
  if (end > from) out.push({ from, to: end, status });
  return out;
}

/** Downtime-weighted uptime of some status time (0…1), undefined when nothing was tracked. */
export function uptimeOfMs(ms: StatusMs): number | undefined {
  const tracked = Object.values(ms).reduce((a, b) => a + b, 0);
  if (tracked <= 0) return undefined;
  const down = ms.major_outage + PARTIAL_OUTAGE_WEIGHT * ms.partial_outage;
  return Math.max(0, 1 - down / tracked);
}

export interface ComponentHistoryInput {
  events: HistoryEvent[];
  current: ComponentStatus;
  /** When tracking started (ISO). */
  createdAt: string;
  /** The component's monitors' daily counters. */
  checks: DailyChecks[];
}

/** Per-day figures of one component over the given days, up to `now`. */
export function dayFigures(days: DaySpan[], input: ComponentHistoryInput, now: Date): DayFigures[] {
  if (days.length === 0) return [];
  const nowMs = now.getTime();
  const trackedFrom = Math.max(days[0].start, Date.parse(input.createdAt));
  const segs = segments(input.events, input.current, trackedFrom, Math.min(nowMs, days[days.length - 1].end));
  const checksByDay = new Map<string, DailyChecks[]>();
  for (const c of input.checks) {
    const list = checksByDay.get(c.day);
    if (list) list.push(c);
    else checksByDay.set(c.day, [c]);
  }
  return days.map((d) => {
    const ms = zeroMs();
    for (const s of segs) {
      const overlap = Math.min(s.to, d.end) - Math.max(s.from, d.start);
      if (overlap > 0) ms[s.status] += overlap;
    }
    const tracked = Object.values(ms).reduce((a, b) => a + b, 0);
    const dayChecks = checksByDay.get(d.key) ?? [];
    const up = dayChecks.reduce((a, c) => a + c.up, 0);
    const down = dayChecks.reduce((a, c) => a + c.down, 0);
    const totalMs = dayChecks.reduce((a, c) => a + c.totalMs, 0);
    const seen = COMPONENT_STATUSES.filter((s) => ms[s] > 0);
    const checkWorst = dayChecks.map((c) => c.worst);
    return {
      day: d.key,
      worst: tracked > 0 || checkWorst.length ? worst([...seen, ...checkWorst]) : 'nodata',
      tracked,
      ms,
      uptime: uptimeOfMs(ms),
      checks: { up, down, avgMs: up + down > 0 ? Math.round(totalMs / (up + down)) : undefined },
    };
  });
}

/** Uptime over many days (0…1), undefined when none was tracked. */
export function uptimeOver(days: DayFigures[]): number | undefined {
  const total = zeroMs();
  for (const d of days) for (const s of COMPONENT_STATUSES) total[s] += d.ms[s];
  return uptimeOfMs(total);
}

/** `99.95 %`: truncated, so a day with any downtime never shows as 100 %. */
export function formatUptime(u: number | undefined): string {
  if (u === undefined) return 'no data';
  const pct = Math.floor(u * 10_000) / 100;
  return `${pct.toFixed(2)} %`;
}
