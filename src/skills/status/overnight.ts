// The morning briefing's "Overnight jobs" section, pure: each heartbeat's last run since the
// previous briefing — ✅ on time, ⚠️ late (or due and not reported yet), ❌ missed or failed —
// worst first, and whether the section must lead the briefing (anything ❌). The briefing
// passes `status.heartbeats(since)` and its own times; nothing here reads a clock.
import { escapeMarkup } from '../../core/card.js';
import type { HeartbeatView } from '../../core/queries.js';
import { describeLastRun, describeNext, overdue, when, type RunIcon } from './heartbeat-text.js';

export const OVERNIGHT_TITLE = 'Overnight jobs';

export interface OvernightLine {
  heartbeatId: string;
  icon: RunIcon;
  /** Markup (`**bold**`), user text escaped. */
  text: string;
}

export interface OvernightSection {
  title: string;
  /** One per heartbeat, ❌ first, then ⚠️, ✅ and ➖; config order within each. */
  lines: OvernightLine[];
  /** Something failed or was missed: put the section first in the briefing. */
  first: boolean;
  /** The lines as one text block (`icon text` per line). */
  text: string;
}

const ORDER: Record<RunIcon, number> = { '❌': 0, '⚠️': 1, '✅': 2, '➖': 3 };

function line(v: HeartbeatView, since: Date, now: Date, zone: string): OvernightLine {
  const name = `**${escapeMarkup(v.name)}**`;
  const t = (at: string | Date) => when(at, now, zone);
  const make = (icon: RunIcon, text: string): OvernightLine => ({ heartbeatId: v.id, icon, text: `${name} — ${text}` });
  if (v.lastRunAt) {
    const last = describeLastRun(v, now, zone);
    if (last.icon === '❌') return make('❌', last.text);
    if (overdue(v, now)) return make('⚠️', describeNext(v, now, zone).text);
    const earlier = v.problemsSince ? ` · after ${v.problemsSince} failed or missed run${v.problemsSince === 1 ? '' : 's'}` : '';
    return make(last.icon, `${last.text}${earlier}`);
  }
  if (v.failing) return make('❌', `still failing; no run since ${t(since)}`);
  if (overdue(v, now)) return make('⚠️', describeNext(v, now, zone).text);
  return make('➖', `no run expected since ${t(since)}${v.nextExpectedAt ? `; next expected ${t(v.nextExpectedAt)}` : ''}`);
}

/** The section, or undefined when no heartbeat is configured. */
export function overnightJobsSection(views: HeartbeatView[], opts: { since: Date; now: Date; zone: string }): OvernightSection | undefined {
  if (views.length === 0) return undefined;
  const lines = views
    .map((v, i) => ({ l: line(v, opts.since, opts.now, opts.zone), i }))
    .sort((a, b) => ORDER[a.l.icon] - ORDER[b.l.icon] || a.i - b.i)
    .map((x) => x.l);
  return { title: OVERNIGHT_TITLE, lines, first: lines.some((l) => l.icon === '❌'), text: lines.map((l) => `${l.icon} ${l.text}`).join('\n') };
}
