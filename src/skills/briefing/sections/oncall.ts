// Who is on call now in each schedule (of the briefing's teams), the day's handoffs, and pages
// still open.
import { escapeMarkup } from '../../../core/card.js';
import type { OnCallShift, PageView } from '../../../core/queries.js';
import { at, capped, forTeams, section, type BriefingContext } from './section.js';

export interface OnCallData {
  shifts: Array<{ scheduleId: string; name: string; shift?: OnCallShift }>;
  handoffs: Array<{ scheduleId: string; at: Date; from?: string; to: string }>;
  /** Pages not resolved, newest first. */
  pages: PageView[];
}

export const oncallSection = section<OnCallData>(
  'oncall',
  (src, ctx) => {
    const q = src.get('oncall');
    const schedules = ctx.config.schedules.filter((s) => forTeams(ctx, s.team));
    if (!q || schedules.length === 0) return undefined;
    const ids = new Set(schedules.map((s) => s.id));
    return {
      shifts: schedules.map((s) => ({ scheduleId: s.id, name: s.name ?? s.id, shift: q.onCall(s.id, ctx.now) })),
      handoffs: q.handoffs(ctx.dayStart, ctx.dayEnd).filter((h) => ids.has(h.scheduleId)),
      pages: q.pages().filter((p) => p.status !== 'resolved'),
    };
  },
  (d, ctx) => {
    const scheduleName = new Map(d.shifts.map((s) => [s.scheduleId, s.name]));
    const who = d.shifts.map((s) => `**${escapeMarkup(s.name)}**: ${s.shift ? `${escapeMarkup(ctx.name(s.shift.personId))} until ${at(ctx, s.shift.end)}` : '⚠️ nobody on call'}`);
    const gap = d.shifts.some((s) => !s.shift);
    // A quiet day (no handoff, no open page) says who is on call in one line.
    if (d.handoffs.length === 0 && d.pages.length === 0) return { id: 'oncall', line: `**On call**: ${who.join(' · ')}`, ...(gap ? { tone: 'warning' as const } : {}) };
    const lines = who.map((w) => `• ${w}`);
    for (const h of d.handoffs) {
      const from = h.from ? `${escapeMarkup(ctx.name(h.from))} → ` : '';
      lines.push(`• 🔄 ${at(ctx, h.at)} ${escapeMarkup(scheduleName.get(h.scheduleId) ?? h.scheduleId)}: ${from}${escapeMarkup(ctx.name(h.to))}`);
    }
    for (const p of capped(d.pages.map((p) => pageLine(p, ctx)), 5)) lines.push(p);
    const triggered = d.pages.some((p) => p.status === 'triggered');
    return { id: 'oncall', heading: '**On call**', lines, ...(gap || triggered ? { tone: 'warning' as const } : {}) };
  },
);

function pageLine(p: PageView, ctx: BriefingContext): string {
  const state = p.status === 'acknowledged' ? `acknowledged${p.acknowledgedBy ? ` by ${escapeMarkup(ctx.name(p.acknowledgedBy))}` : ''}` : '⚠️ not acknowledged';
  return `• 🔔 **${p.id}** sev${p.severity} · ${escapeMarkup(p.summary)} — paged ${at(ctx, p.createdAt)}, ${state}`;
}
