// The ops-aware touch: a suggested answer to "what did you do yesterday?" from what the person
// did in Switchboard — incidents led, declared or resolved, pages acknowledged, changes run.
// Read from the audit log (every skill records who did what) and the other skills' views.
import type { AuditEntry } from '../../core/audit.js';
import type { QueryRegistry } from '../../core/queries.js';

export type ActivityKind = 'incident' | 'page' | 'change';

export interface ActivityFact {
  kind: ActivityKind;
  /** INC-4, PAGE-7, CHG-3. */
  id: string;
  verb: string;
  /** Higher wins when one id has several facts ("led" over "worked on"). */
  rank: number;
  title?: string;
}

const MAX_ITEMS = 6;
const KIND_ORDER: ActivityKind[] = ['incident', 'page', 'change'];

/** What an audit action says someone did, when it is worth a standup line. */
const AUDIT_VERBS: Record<string, { kind: ActivityKind; verb: string; rank: number }> = {
  'incident.declare': { kind: 'incident', verb: 'declared', rank: 2 },
  'incident.resolve': { kind: 'incident', verb: 'resolved', rank: 3 },
  'incident.update': { kind: 'incident', verb: 'worked on', rank: 1 },
  'incident.note': { kind: 'incident', verb: 'worked on', rank: 1 },
  'incident.severity': { kind: 'incident', verb: 'worked on', rank: 1 },
  'incident.assign': { kind: 'incident', verb: 'worked on', rank: 1 },
  'change.request': { kind: 'change', verb: 'requested', rank: 1 },
  'change.approve': { kind: 'change', verb: 'approved', rank: 2 },
  'change.start': { kind: 'change', verb: 'started', rank: 3 },
  'change.fail': { kind: 'change', verb: 'ran (failed)', rank: 4 },
  'change.complete': { kind: 'change', verb: 'completed', rank: 5 },
};

/** Decisions that changed nothing are not work done. */
const IDLE_EFFECTS = new Set(['duplicate', 'not_needed']);

/** Facts of one person's audit entries (already limited to the window). */
export function auditFacts(entries: AuditEntry[]): ActivityFact[] {
  const out: ActivityFact[] = [];
  for (const e of entries) {
    const v = AUDIT_VERBS[e.action];
    if (!v || !e.target || IDLE_EFFECTS.has(String(e.details?.effect))) continue;
    out.push({ ...v, id: e.target });
  }
  return out;
}

/** One line from the facts: the strongest verb per id, incidents first, at most six items. */
export function describeActivity(facts: ActivityFact[]): string {
  const best = new Map<string, ActivityFact>();
  for (const f of facts) {
    const cur = best.get(f.id);
    if (!cur || f.rank > cur.rank) best.set(f.id, { ...f, title: f.title ?? cur?.title });
    else if (!cur.title && f.title) best.set(f.id, { ...cur, title: f.title });
  }
  const items = [...best.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const parts = items.slice(0, MAX_ITEMS).map((f) => `${f.verb} ${f.id}${f.title ? ` (${f.title})` : ''}`);
  if (items.length > MAX_ITEMS) parts.push(`and ${items.length - MAX_ITEMS} more`);
  const line = parts.join(' · ');
  return line ? line[0].toUpperCase() + line.slice(1) : '';
}

export interface ActivitySources {
  /** Audit entries of the window, any actor. */
  entries: AuditEntry[];
  queries: Pick<QueryRegistry, 'get'>;
}

/** What one person did in [from, to), read from the audit log and the incident, on-call and change views. */
export function activityOf(src: ActivitySources, personId: string, from: Date, to: Date): ActivityFact[] {
  const incidents = src.queries.get('incidents');
  const oncall = src.queries.get('oncall');
  const changes = src.queries.get('changes');
  const facts = auditFacts(src.entries.filter((e) => e.actor.personId === personId));
  if (incidents) {
    const led = [...incidents.open().filter((i) => Date.parse(i.declaredAt) < to.getTime()), ...incidents.resolvedBetween(from, to)];
    for (const i of led) if (i.commander === personId) facts.push({ kind: 'incident', id: i.id, verb: 'led', rank: 10 });
  }
  if (oncall) {
    for (const p of oncall.pages()) {
      const at = p.acknowledgedAt ? Date.parse(p.acknowledgedAt) : NaN;
      if (p.acknowledgedBy === personId && at >= from.getTime() && at < to.getTime()) facts.push({ kind: 'page', id: p.id, verb: 'acknowledged', rank: 1 });
    }
  }
  // Titles make the line readable; a private incident stays nameless (the answer becomes public).
  return facts.map((f) => {
    if (f.kind === 'incident') {
      const i = incidents?.get(f.id);
      return i && !i.private ? { ...f, title: i.title } : f;
    }
    if (f.kind === 'change') return { ...f, title: changes?.get(f.id)?.title };
    return f;
  });
}

/** Entries are appended in time order; a day of slack tolerates a clock that stepped back. */
const SCAN_SLACK_MS = 86_400_000;

/**
 * The audit entries of [from, to), oldest first. Scans back from the newest and stops a day
 * before `from`, so the cost follows the window, not years of log.
 */
export function entriesBetween(all: AuditEntry[], from: Date, to: Date): AuditEntry[] {
  const a = from.toISOString();
  const b = to.toISOString();
  const stop = new Date(from.getTime() - SCAN_SLACK_MS).toISOString();
  const out: AuditEntry[] = [];
  for (let i = all.length - 1; i >= 0 && all[i].at >= stop; i--) if (all[i].at >= a && all[i].at < b) out.push(all[i]);
  return out.reverse();
}
