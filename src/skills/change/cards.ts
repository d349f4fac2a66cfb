// Neutral cards of the change skill. Buttons carry the command they run, so a click does
// exactly what typing does; Reject and Fail open a form asking why (a text prompt where the
// platform has no forms).
import { actions, button, card, context, escapeMarkup, field, fields, formButton, mention, text, type Block, type Button, type Card, type Form, type Tone } from '../../core/card.js';
import type { ChangeState } from '../../core/domain-events.js';
import { dayKey, formatTime } from '../../core/time.js';
import type { ActorRef } from '../../core/types.js';
import type { FreezeWindow } from './freeze.js';
import type { Change } from './model.js';
import type { ApprovalPolicy } from './policy.js';

const TONE: Record<ChangeState, Tone> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  in_progress: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

const STATE_LABEL: Record<ChangeState, string> = {
  pending: '⏳ Pending approval',
  approved: '✅ Approved',
  rejected: '⛔ Rejected',
  in_progress: '🔧 In progress',
  completed: '🏁 Completed',
  failed: '❌ Failed',
  cancelled: '🚫 Cancelled',
};

/** `Tue 24 Nov 14:00 – 16:00 GMT+1`, or both dates when the window spans days. */
export function formatWindow(start: Date, end: Date, zone: string): string {
  if (dayKey(start, zone) === dayKey(end, zone)) return `${formatTime(start, zone)} – ${formatTime(end, zone, false)}`;
  return `${formatTime(start, zone)} – ${formatTime(end, zone)}`;
}

/** A person by mention when configured, else by the platform name they acted under. */
export const who = (by: ActorRef): string => (by.personId ? mention(by.personId) : escapeMarkup(by.name));

export function rejectForm(id: string): Form {
  return {
    title: `Reject ${id}`,
    submitLabel: 'Reject',
    command: `change reject ${id} {reason}`,
    inputs: [{ type: 'text', id: 'reason', label: 'Why is it rejected?', multiline: true, maxLength: 500 }],
  };
}

function failForm(id: string): Form {
  return {
    title: `${id} failed`,
    submitLabel: 'Mark failed',
    command: `change fail ${id} {why}`,
    inputs: [{ type: 'text', id: 'why', label: 'What went wrong?', multiline: true, maxLength: 500 }],
  };
}

function buttons(c: Change): Button[] {
  const out: Button[] = [];
  const cancel = button('Cancel', `change cancel ${c.id}`, { confirm: { title: `Cancel ${c.id}?`, text: 'The change will not go ahead.', confirm: 'Cancel it', deny: 'Keep it' } });
  if (c.state === 'pending') out.push(button('Approve', `change approve ${c.id}`, { style: 'primary' }), formButton('Reject', rejectForm(c.id), 'danger'));
  if (c.state === 'approved') out.push(button('Start', `change start ${c.id}`, { style: 'primary' }), cancel);
  if (c.state === 'in_progress') out.push(button('Complete', `change complete ${c.id}`, { style: 'primary' }), formButton('Failed', failForm(c.id), 'danger'));
  if (c.type === 'emergency' && c.review?.state === 'pending' && c.state !== 'cancelled') {
    out.push(button('Approve (review)', `change approve ${c.id}`), formButton('Flag (review)', { ...rejectForm(c.id), title: `Flag ${c.id}`, submitLabel: 'Flag' }, 'danger'));
  }
  return out;
}

function statusLine(c: Change, policy: ApprovalPolicy | undefined): string {
  const group = policy?.groupName ?? c.approverGroup;
  const parts = [`**${STATE_LABEL[c.state]}**`];
  if (c.state === 'pending') parts.push(`${c.approvals.length} of ${c.approvalsNeeded} approval(s) from ${escapeMarkup(group)}`);
  if (c.state === 'rejected' && c.rejection) parts.push(`by ${mention(c.rejection.personId)}: ${escapeMarkup(c.rejection.reason)}`);
  if ((c.state === 'failed' || c.state === 'cancelled') && c.reason) parts.push(escapeMarkup(c.reason));
  if (c.type === 'standard') parts.push(`pre-approved standard change (template \`${c.templateId}\`)`);
  return parts.join(' — ');
}

function reviewLine(c: Change, policy: ApprovalPolicy | undefined): string | undefined {
  if (c.type !== 'emergency' || !c.review) return undefined;
  const group = escapeMarkup(policy?.groupName ?? c.approverGroup);
  if (c.review.state === 'pending') return `🔎 Emergency change: reviewed after by ${group} (${c.approvals.length} of ${c.approvalsNeeded}).`;
  if (c.review.state === 'accepted') return `🔎 Review accepted by ${group}.`;
  return `🚩 Review flagged by ${mention(c.review.flag?.personId ?? '')}: ${escapeMarkup(c.review.flag?.reason ?? '')}`;
}

export interface CardOptions {
  /** Zone the window is shown in (the org's on shared cards). */
  zone: string;
  policy?: ApprovalPolicy;
  serviceName?: string;
  /** How many history lines to show (all on `change show`). */
  historyLines?: number;
}

/** The change card: state, facts, approvals, history and the buttons of its state. */
export function changeCard(c: Change, opts: CardOptions): Card {
  const blocks: Block[] = [text(statusLine(c, opts.policy))];
  const kind = c.type === 'emergency' ? `emergency · ${c.incidentId}` : c.type;
  const approvals = c.approvals.map((a) => `${mention(a.personId)}${a.by.platform !== 'console' ? ` (${a.by.platform})` : ''}${a.comment ? `: ${escapeMarkup(a.comment)}` : ''}`);
  blocks.push(
    fields([
      field('Risk', c.risk),
      field('Type', kind),
      field('Service', c.serviceId ? escapeMarkup(opts.serviceName ?? c.serviceId) : '—'),
      field('Window', formatWindow(new Date(c.start), new Date(c.end), opts.zone), false),
      field('Requested by', who(c.requestedBy)),
      field(c.type === 'emergency' ? 'Reviews' : 'Approvals', approvals.join('\n') || '—'),
      field('Rollback', c.rollback ? escapeMarkup(c.rollback) : '— none given', false),
    ]),
  );
  const review = reviewLine(c, opts.policy);
  if (review) blocks.push(text(review));
  if (c.overlaps.length) blocks.push(context(`⚠️ Overlaps ${c.overlaps.join(', ')} on the same service.`));
  const history = c.history.slice(-(opts.historyLines ?? 4));
  if (history.length) {
    blocks.push(context(history.map((h) => `${formatTime(new Date(h.at), opts.zone)} · ${who(h.by)} · ${h.action}${h.note ? ` — ${escapeMarkup(h.note)}` : ''}`).join('\n')));
  }
  const bs = buttons(c);
  if (bs.length) blocks.push(actions(...bs));
  return card(`${c.id} · ${escapeMarkup(c.title)}`, blocks, TONE[c.state]);
}

/** One line per change, for `change list`. */
export function changeLine(c: Change, zone: string): string {
  return `**${c.id}** · ${c.state.replace('_', ' ')} · ${c.risk} · ${formatWindow(new Date(c.start), new Date(c.end), zone)}${c.serviceId ? ` · ${c.serviceId}` : ''} · ${escapeMarkup(c.title)}`;
}

export function listCard(title: string, changes: Change[], zone: string, freezes: FreezeWindow[], max = 25): Card {
  const blocks: Block[] = [text(changes.length ? changes.slice(0, max).map((c) => changeLine(c, zone)).join('\n') : 'No changes.')];
  if (changes.length > max) blocks.push(context(`…and ${changes.length - max} more.`));
  if (freezes.length) blocks.push(context(`❄️ Freeze: ${freezes.map((f) => `${escapeMarkup(f.name)} ${formatWindow(f.start, f.end, f.zone)}`).join('; ')}`));
  return card(title, blocks, 'info');
}
