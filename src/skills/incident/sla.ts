// Response SLAs, pure: per-severity targets (incidents.sla) for time to acknowledge and time to
// resolve, measured from declaration with the incident's current severity. A clock is met when
// the incident was acknowledged (resolved) by its due time, breached when not — and a breach,
// once recorded, stays. No I/O, no clock: `now` comes in.
import type { Config, Severity } from '../../core/config/index.js';
import type { IncidentSla, IncidentView } from '../../core/queries.js';
import { formatDuration } from '../../core/time.js';
import { SLA_KINDS, type Incident, type IncidentSlaRecord, type SlaKind } from './model.js';
import { acknowledgedAt } from './transitions.js';

export type SlaTargets = Partial<Record<SlaKind, number>>;
export type SlaOutcome = 'pending' | 'met' | 'breached';

export const SLA_WORDS: Record<SlaKind, { noun: string; verb: string; done: string }> = {
  ack: { noun: 'acknowledge', verb: 'acknowledged', done: 'acknowledged' },
  resolve: { noun: 'resolve', verb: 'resolved', done: 'resolved' },
};

export function slaTargets(config: Pick<Config, 'incidents'>, severity: Severity): SlaTargets {
  const t = config.incidents.sla?.[severity];
  return { ...(t?.ack !== undefined ? { ack: t.ack } : {}), ...(t?.resolve !== undefined ? { resolve: t.resolve } : {}) };
}

/** The clocks for these targets from declaration; a breach already recorded is kept. */
export function slaClocks(declaredAt: string, targets: SlaTargets, prev?: IncidentSlaRecord): IncidentSlaRecord | undefined {
  const out: IncidentSlaRecord = {};
  for (const kind of SLA_KINDS) {
    const target = targets[kind];
    const breachedAt = prev?.[kind]?.breachedAt;
    if (target !== undefined) out[kind] = { dueAt: new Date(Date.parse(declaredAt) + target).toISOString(), ...(breachedAt ? { breachedAt } : {}) };
    else if (prev?.[kind]?.breachedAt) out[kind] = prev[kind];
  }
  return out.ack || out.resolve ? out : undefined;
}

/** When the clock's work was done: acknowledged (first ack page, update or commander), or resolved. */
export function doneAt(inc: Incident, kind: SlaKind): string | undefined {
  return kind === 'ack' ? acknowledgedAt(inc) : inc.resolvedAt;
}

export function slaOutcome(inc: Incident, kind: SlaKind, now: Date): SlaOutcome | undefined {
  const clock = inc.sla?.[kind];
  if (!clock) return undefined;
  if (clock.breachedAt) return 'breached';
  const done = doneAt(inc, kind);
  if (done) return Date.parse(done) <= Date.parse(clock.dueAt) ? 'met' : 'breached';
  return now.getTime() >= Date.parse(clock.dueAt) ? 'breached' : 'pending';
}

/** The contract view (IncidentView.sla) for other skills and the briefing. */
export function slaView(inc: Incident, now: Date): IncidentSla | undefined {
  if (!inc.sla) return undefined;
  const out: IncidentSla = {};
  if (inc.sla.ack) Object.assign(out, { ackDueAt: inc.sla.ack.dueAt, ack: slaOutcome(inc, 'ack', now) });
  if (inc.sla.resolve) Object.assign(out, { resolveDueAt: inc.sla.resolve.dueAt, resolve: slaOutcome(inc, 'resolve', now) });
  return out;
}

/** What a card shows for one clock: the time left, met, or breached how long ago. */
export function slaStatusText(inc: Incident, kind: SlaKind, now: Date, time: (iso: string) => string): string | undefined {
  const clock = inc.sla?.[kind];
  const outcome = slaOutcome(inc, kind, now);
  if (!clock || !outcome) return undefined;
  const due = Date.parse(clock.dueAt);
  const done = doneAt(inc, kind);
  const took = done ? formatDuration(Date.parse(done) - Date.parse(inc.declaredAt)) : undefined;
  if (outcome === 'met') return `✅ met in ${took}`;
  if (outcome === 'pending') return `⏱ ${formatDuration(due - now.getTime())} left (by ${time(clock.dueAt)})`;
  if (done) return `❌ breached: ${SLA_WORDS[kind].done} after ${took}, due by ${time(clock.dueAt)}`;
  const ago = now.getTime() - due;
  return `❌ breached ${ago < 60_000 ? 'just now' : `${formatDuration(ago)} ago`} (due ${time(clock.dueAt)})`;
}

/**
 * Records a breach found at `now`, once, with a timeline entry at the moment it happened;
 * returns the incident unchanged when there is nothing to record (no clock, already
 * recorded, met, or not due yet).
 */
export function recordBreach(inc: Incident, kind: SlaKind, now: Date): Incident {
  const clock = inc.sla?.[kind];
  if (!clock || clock.breachedAt || slaOutcome(inc, kind, now) !== 'breached' || doneAt(inc, kind)) return inc;
  const target = formatDuration(Date.parse(clock.dueAt) - Date.parse(inc.declaredAt));
  // It happened at the due time (or when a severity change made it due), even if noticed later.
  const since = inc.severityHistory[inc.severityHistory.length - 1]?.at ?? inc.declaredAt;
  const at = clock.dueAt > since ? clock.dueAt : since;
  const text = `${kind === 'ack' ? 'Acknowledge' : 'Resolve'} SLA breached: not ${SLA_WORDS[kind].verb} within ${target} (${inc.severity})`;
  return {
    ...inc,
    sla: { ...inc.sla, [kind]: { ...clock, breachedAt: at } },
    timeline: [...inc.timeline, { id: `T${inc.timeline.length + 1}`, at, kind: 'sla', text, ref: `sla:${kind}` }],
  };
}

export interface SlaFigures {
  met: number;
  breached: number;
  pending: number;
}

/** Met / breached / pending per clock over some incidents (e.g. the briefing's last 24 h). */
export function slaFigures(views: IncidentView[]): Record<SlaKind, SlaFigures> {
  const out = { ack: { met: 0, breached: 0, pending: 0 }, resolve: { met: 0, breached: 0, pending: 0 } };
  for (const v of views) {
    if (v.sla?.ack) out.ack[v.sla.ack]++;
    if (v.sla?.resolve) out.resolve[v.sla.resolve]++;
  }
  return out;
}

/** `Response SLAs: acknowledge 3 met, 1 breached · resolve 2 met`; undefined when no incident had one. */
export function slaSummaryLine(views: IncidentView[]): string | undefined {
  const f = slaFigures(views);
  const part = (kind: SlaKind) => {
    const x = f[kind];
    const bits = [x.met ? `${x.met} met` : '', x.breached ? `${x.breached} breached` : '', x.pending ? `${x.pending} running` : ''].filter(Boolean);
    return bits.length ? `${SLA_WORDS[kind].noun} ${bits.join(', ')}` : '';
  };
  const parts = SLA_KINDS.map(part).filter(Boolean);
  return parts.length ? `Response SLAs: ${parts.join(' · ')}` : undefined;
}
