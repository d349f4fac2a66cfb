// Plain-text pieces shared by the cards and the postmortem: how a timeline entry reads,
// times in a zone, and the incident's key durations. Pure; callers escape for their markup.
import { DateTime } from '../../core/time.js';
import { formatDuration } from '../../core/time.js';
import type { Incident, TimelineEntry } from './model.js';
import { acknowledgedAt } from './transitions.js';

/** `21 Nov 10:05` in a zone. */
export const shortTime = (at: string, zone: string): string => DateTime.fromISO(at, { zone }).toFormat('dd LLL HH:mm');

/** `2026-11-21 10:05 CET`: unambiguous, for the postmortem. */
export const fullTime = (at: string, zone: string): string => DateTime.fromISO(at, { zone }).toFormat('yyyy-LL-dd HH:mm ZZZZ');

/** What an entry says, without who and when. `name` turns a person id into a name. */
export function entryText(e: TimelineEntry, name: (personId: string) => string): string {
  switch (e.kind) {
    case 'declared':
      return e.text;
    case 'status':
      return `${e.status}: ${e.text}`;
    case 'severity':
      return e.text;
    case 'role':
      return e.person ? `${name(e.person)} is ${e.role}` : e.text;
    case 'note':
      return `note: ${e.text}`;
    case 'pinned':
      return `📌 ${e.author?.name ?? 'someone'}: ${e.text}`;
    case 'acknowledged':
      return e.text;
    case 'resolved':
      return e.text === 'Resolved' ? 'resolved' : `resolved: ${e.text}`;
    case 'sla':
      return `⏰ ${e.text}`;
    case 'vendor':
      return `📞 ${e.text}`;
  }
}

/** Who recorded an entry: `Bob Okafor (slack)`; the bot for its own entries. */
export const entryWho = (e: TimelineEntry): string => (e.by ? `${e.by.name} (${e.by.platform})` : 'Switchboard');

export interface KeyDurations {
  /** Declared → acknowledged. */
  acknowledge?: number;
  /** Declared → mitigated (monitoring or resolved). */
  mitigate?: number;
  /** Declared → resolved. */
  resolve?: number;
  /** Declared → now (or resolved). */
  age: number;
}

export function keyDurations(inc: Incident, now: Date): KeyDurations {
  const start = Date.parse(inc.declaredAt);
  const since = (at: string | undefined) => (at ? Date.parse(at) - start : undefined);
  const ack = acknowledgedAt(inc);
  return {
    acknowledge: since(ack),
    mitigate: since(inc.mitigatedAt),
    resolve: since(inc.resolvedAt),
    age: (inc.resolvedAt ? Date.parse(inc.resolvedAt) : now.getTime()) - start,
  };
}

export const maybeDuration = (ms: number | undefined, none = '—'): string => (ms === undefined ? none : formatDuration(ms));
