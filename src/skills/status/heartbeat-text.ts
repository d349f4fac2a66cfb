// How heartbeat runs read in chat, the briefing and subscriber notices: one wording, pure.
// Times are shown in a zone, with the date only when it is not the day of `now`.
import { escapeMarkup } from '../../core/card.js';
import { dayKey, formatDuration, formatTime } from '../../core/time.js';
import type { HeartbeatView } from '../../core/queries.js';

export type RunIcon = '✅' | '⚠️' | '❌' | '➖';

/** `03:12 CET`, or `Fri 20 Nov 03:12 CET` when it is another day than `now`. */
export function when(at: string | Date, now: Date, zone: string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return formatTime(d, zone, dayKey(d, zone) !== dayKey(now, zone));
}

/** One line of a job's log, safe for a card: markup escaped, at most `max` characters. */
export function logSnippet(log: string | undefined, max = 200): string {
  if (!log) return '';
  const flat = log.replace(/\s*\n\s*/g, ' ⏎ ');
  return escapeMarkup(flat.length > max ? `…${flat.slice(-(max - 1))}` : flat);
}

/** Whether the job's next expected run is due but still within its grace at `now`. */
export function overdue(v: HeartbeatView, now: Date): boolean {
  return !!v.nextExpectedAt && !!v.deadlineAt && Date.parse(v.nextExpectedAt) < now.getTime() && now.getTime() < Date.parse(v.deadlineAt);
}

/** The icon and words for a job's last run (as of `now`); `undefined` run: none in the period. */
export function describeLastRun(v: HeartbeatView, now: Date, zone: string): { icon: RunIcon; text: string } {
  const t = (at: string) => when(at, now, zone);
  const expected = v.lastExpectedAt ? ` (expected ${t(v.lastExpectedAt)})` : '';
  switch (v.lastResult) {
    case 'fail': {
      const log = logSnippet(v.lastLog);
      return { icon: '❌', text: `failed at ${t(v.lastRunAt!)}${log ? `: ${log}` : ''}` };
    }
    case 'missed':
      return { icon: '❌', text: `missed: nothing reported by ${t(v.lastRunAt!)}${expected}` };
    case 'late': {
      const by = v.lastExpectedAt ? `, ${formatDuration(Date.parse(v.lastRunAt!) - Date.parse(v.lastExpectedAt))} after its expected run at ${t(v.lastExpectedAt)}` : '';
      return { icon: '⚠️', text: `late: reported ${t(v.lastRunAt!)}${by}` };
    }
    case 'ok':
      return { icon: '✅', text: `on time at ${t(v.lastRunAt!)}${expected}` };
    default:
      return { icon: '➖', text: 'no run yet' };
  }
}

/** `03:00 CET (grace until 03:30 CET)`, or, while it is due within its grace, that it has not reported yet. */
export function describeNext(v: HeartbeatView, now: Date, zone: string): { overdue: boolean; text: string } {
  if (!v.nextExpectedAt) return { overdue: false, text: '—' };
  const t = (at: string) => when(at, now, zone);
  if (overdue(v, now)) return { overdue: true, text: `not reported yet: expected ${t(v.nextExpectedAt)}, missed at ${t(v.deadlineAt!)} if nothing comes` };
  return { overdue: false, text: `${t(v.nextExpectedAt)}${v.deadlineAt ? ` (grace until ${t(v.deadlineAt)})` : ''}` };
}
