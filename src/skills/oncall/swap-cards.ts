// Neutral cards of swaps: the request with Accept / Decline (buttons run
// `oncall swap accept|decline SWP-n`), and its decided form.
import { actions, button, card, context, fields, field, mention, text, type OutMessage } from '../../core/card.js';
import { formatTime } from '../../core/time.js';
import type { Swap } from './model.js';
import type { Segment } from './segments.js';

export function shiftLines(shifts: Segment[], zone: string): string {
  return shifts.map((s) => `• ${formatTime(new Date(s.start), zone)} → ${formatTime(new Date(s.end), zone)}`).join('\n');
}

export function swapRequestMessage(s: Swap, scheduleName: string, shifts: Segment[], zone: string): OutMessage {
  const span = `${formatTime(new Date(s.start), zone)} → ${formatTime(new Date(s.end), zone)}`;
  return {
    text: `🔁 ${s.id}: @${s.requester} asks you to take their on-call shifts in ${scheduleName} (${span}). Accept: oncall swap accept ${s.id}`,
    card: card(`🔁 Swap request ${s.id}`, [
      text(`${mention(s.requester)} asks ${mention(s.target)} to take their on-call shifts in **${scheduleName}**.`),
      fields([field('Span', span, false), field('Shifts', shiftLines(shifts, zone) || '—', false)]),
      actions(button('Accept', `oncall swap accept ${s.id}`, { style: 'primary' }), button('Decline', `oncall swap decline ${s.id}`, { style: 'danger' })),
    ], 'info'),
  };
}

export function swapDecidedMessage(s: Swap, scheduleName: string, zone: string): OutMessage {
  const span = `${formatTime(new Date(s.start), zone)} → ${formatTime(new Date(s.end), zone)}`;
  const verdict = s.status === 'accepted' ? `✅ ${mention(s.target)} accepted: they are on call instead of ${mention(s.requester)} in this span (override ${s.overrideId}).` : `❌ ${mention(s.target)} declined.`;
  return {
    text: `${s.id} ${s.status}: ${scheduleName} ${span}`,
    card: card(`🔁 Swap ${s.id} · ${s.status}`, [text(verdict), context(`${scheduleName} · ${span}`)], s.status === 'accepted' ? 'success' : 'neutral'),
  };
}
