// Changes scheduled today, approvals waiting (each with an Approve button), freeze windows in force.
import { button, escapeMarkup } from '../../../core/card.js';
import type { ChangeView, FreezeView } from '../../../core/queries.js';
import { at, capped, section } from './section.js';

export interface ChangesData {
  today: ChangeView[];
  pending: ChangeView[];
  freezes: FreezeView[];
}

/** Slack and Discord show a handful of buttons in a row; more would wrap or be refused. */
const MAX_BUTTONS = 5;

const STATE: Record<ChangeView['state'], string> = {
  pending: 'pending approval',
  approved: 'approved',
  rejected: 'rejected',
  in_progress: 'in progress',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

export const changesSection = section<ChangesData>(
  'changes',
  (src, ctx) => {
    const q = src.get('changes');
    if (!q || !ctx.config.changes) return undefined;
    const freezes = new Map<string, FreezeView>();
    // In force now, or starting before the day is out.
    for (const f of [...q.freezesAt(ctx.now), ...q.freezesAt(new Date(ctx.dayEnd.getTime() - 1))]) freezes.set(f.id, f);
    return { today: q.inWindow(ctx.dayStart, ctx.dayEnd), pending: q.pending(), freezes: [...freezes.values()] };
  },
  (d, ctx) => {
    if (d.today.length + d.pending.length + d.freezes.length === 0) return { id: 'changes', line: '**Changes**: none today, none waiting for approval, no freeze' };
    const lines: string[] = capped(d.today.map((c) => `• ${at(ctx, c.start)}–${at(ctx, c.end)} **${c.id}** ${escapeMarkup(c.title)} · ${c.risk} risk · ${STATE[c.state]}`));
    if (d.today.length === 0) lines.push('• No changes scheduled today');
    if (d.pending.length > 0) {
      lines.push(`⏳ **Waiting for approval** (${d.pending.length})`);
      lines.push(...capped(d.pending.map((c) => `• **${c.id}** ${escapeMarkup(c.title)} · ${c.risk} risk · ${c.approvedBy.length} of ${c.approvalsNeeded} · window ${at(ctx, c.start)}`)));
    }
    for (const f of d.freezes) {
      const scope = f.services?.length ? ` (${f.services.join(', ')})` : '';
      const when = f.start.getTime() > ctx.now.getTime() ? `from ${at(ctx, f.start)} until ${at(ctx, f.end)}` : `in force until ${at(ctx, f.end)}`;
      lines.push(`❄️ **${escapeMarkup(f.name)}**${scope} ${when}`);
    }
    const buttons = d.pending.slice(0, MAX_BUTTONS).map((c) => button(`Approve ${c.id}`, `change approve ${c.id}`, { style: 'primary' }));
    return { id: 'changes', heading: `**Changes today** (${d.today.length})`, lines, buttons, ...(d.pending.length > 0 ? { tone: 'warning' as const } : {}) };
  },
);
