// The `change` commands (SPEC §5): usage, examples, typed arguments and thin handlers that
// hand over to the service and turn its result into an answer.
import { escapeMarkup, type Reply } from '../../core/card.js';
import { UserError } from '../../core/errors.js';
import type { ArgSpec, CommandContext, CommandSpec } from '../../core/skill.js';
import { DateTime } from '../../core/time.js';
import type { Decision } from './approval-rules.js';
import { formatWindow, listCard, rejectForm } from './cards.js';
import { CHANGE_TYPES, isOpen, windowsOverlap, type Change, type ChangeType } from './model.js';
import type { ChangeService, LifecycleAction } from './service.js';
import { byStart } from './views.js';
import type { Risk } from '../../core/config/index.js';

const ID: ArgSpec = { name: 'id', kind: 'id', pattern: /^(CHG-)?\d{1,9}$/i, description: 'the change, e.g. CHG-15' };
const changeId = (raw: string) => `CHG-${raw.replace(/^chg-/i, '')}`;
const text = (name: string, description: string, required = false): ArgSpec => ({ name, kind: 'text', required, description });

/** Answers to a click only to the clicker (the card itself shows everyone the result). */
const reply = (ctx: CommandContext, t: string): Reply => ({ text: t, ephemeral: ctx.source !== 'text' });

function decisionText(d: Decision, verb: 'approve' | 'reject'): string {
  const c = d.change;
  const left = c.approvalsNeeded - c.approvals.length;
  switch (d.effect) {
    case 'counted':
      return `👍 Approval recorded for ${c.id}: ${c.approvals.length} of ${c.approvalsNeeded}; waiting for ${left} more.`;
    case 'approved':
      return `✅ ${c.id} is approved (${c.approvals.length} of ${c.approvalsNeeded}). It can start in its window: \`change start ${c.id}\`.`;
    case 'rejected':
      return `⛔ ${c.id} is rejected: ${escapeMarkup(c.rejection?.reason ?? '')}`;
    case 'review_counted':
      return `🔎 Review recorded for emergency change ${c.id}: ${c.approvals.length} of ${c.approvalsNeeded}.`;
    case 'review_accepted':
      return `🔎 The review of emergency change ${c.id} is complete: accepted.`;
    case 'review_flagged':
      return `🚩 The review of emergency change ${c.id} is flagged: ${escapeMarkup(c.review?.flag?.reason ?? '')}`;
    case 'duplicate':
      return `You already ${verb}d ${c.id}; one approval per person, so nothing changed.`;
    case 'not_needed':
      return `${c.id} needs no more approvals (it is ${c.state.replace('_', ' ')}); nothing changed.`;
  }
}

/** A decision that changed nothing concerns only its author. */
function decisionReply(ctx: CommandContext, d: Decision, verb: 'approve' | 'reject'): Reply {
  const r = reply(ctx, decisionText(d, verb));
  return d.effect === 'duplicate' || d.effect === 'not_needed' ? { ...r, ephemeral: true } : r;
}

function requestText(c: Change, group: string, warnings: string[], zone: string): string {
  const window = formatWindow(new Date(c.start), new Date(c.end), zone);
  const lines =
    c.type === 'standard'
      ? [`✅ ${c.id} "${escapeMarkup(c.title)}" is a pre-approved standard change (template ${c.templateId}), ${window}. Start it in its window: \`change start ${c.id}\`.`]
      : c.type === 'emergency'
        ? [`🚨 ${c.id} "${escapeMarkup(c.title)}" is an emergency change for ${c.incidentId}: approved now, reviewed after by ${group}. Start it: \`change start ${c.id}\`.`]
        : [`📝 ${c.id} "${escapeMarkup(c.title)}" requested for ${window}: it needs ${c.approvalsNeeded} approval(s) from ${group}; the card is in the approvers' channel.`];
  return [...lines, ...warnings.map((w) => `⚠️ ${w}`)].join('\n');
}

const LIFECYCLE_TEXT: Record<LifecycleAction, (c: Change) => string> = {
  start: (c) => `🔧 ${c.id} is in progress. When it is done: \`change complete ${c.id}\`, or \`change fail ${c.id} <why…>\`.`,
  complete: (c) => `🏁 ${c.id} is completed.`,
  fail: (c) => `❌ ${c.id} failed: ${escapeMarkup(c.reason ?? '')}`,
  cancel: (c) => `🚫 ${c.id} is cancelled.`,
};

const LIST_FILTERS = ['pending', 'today', 'week', 'all'] as const;

function listed(svc: ChangeService, filter: string | undefined, ctx: CommandContext): { title: string; changes: Change[] } {
  const all = svc.col.all();
  const from = DateTime.fromJSDate(ctx.now, { zone: ctx.zone }).startOf('day');
  const within = (days: number) => (c: Change) =>
    c.state !== 'rejected' && c.state !== 'cancelled' && windowsOverlap(new Date(c.start), new Date(c.end), from.toJSDate(), from.plus({ days }).toJSDate());
  switch (filter) {
    case 'pending':
      return { title: 'Changes waiting for approval', changes: all.filter((c) => c.state === 'pending').sort(byStart) };
    case 'today':
      return { title: `Changes today (${from.toFormat('ccc d LLL')})`, changes: all.filter(within(1)).sort(byStart) };
    case 'week':
      return { title: 'Changes in the next 7 days', changes: all.filter(within(7)).sort(byStart) };
    case 'all':
      return { title: 'All changes, newest first', changes: [...all].reverse() };
    default:
      return { title: 'Open changes', changes: all.filter((c) => isOpen(c.state)).sort(byStart) };
  }
}

export function changeCommands(svc: () => ChangeService): CommandSpec[] {
  const lifecycle = (sub: LifecycleAction, summary: string, extra: ArgSpec | undefined, example: string): CommandSpec => ({
    command: 'change',
    sub,
    summary,
    usage: `change ${sub} <id>${extra ? (extra.required ? ` <${extra.name}…>` : ` [${extra.name}…]`) : ''}`,
    examples: [example],
    args: extra ? [ID, extra] : [ID],
    async run(ctx, args) {
      const c = await svc().run(ctx.actor, changeId(args.str('id')), sub, extra ? args.optStr(extra.name) : undefined);
      return reply(ctx, LIFECYCLE_TEXT[sub](c));
    },
  });

  return [
    {
      command: 'change',
      sub: 'request',
      summary: 'Requests a change: the card goes to the approvers; standard changes are approved at once, emergency ones need an open incident.',
      usage: 'change request <title…> risk:<low|medium|high> start:<time> end:<time> [service:<id>] [type:normal|standard|emergency] [rollback:"…"] [incident:<INC-n>] [template:<id>]',
      examples: [
        'change request "Upgrade Postgres to 16" risk:high start:2026-11-24T14:00 end:2026-11-24T16:00 service:api rollback:"restore the snapshot"',
        'change request type:standard template:cert-rotation start:tomorrow 09:00 end:tomorrow 10:00',
        'change request "Roll back the payments deploy" risk:medium start:now end:+1h type:emergency incident:INC-42 service:payments',
      ],
      args: [text('title', 'what the change does (standard changes default to their template title)')],
      options: [
        { key: 'risk', kind: 'enum', choices: ['low', 'medium', 'high'], required: false, description: 'low, medium or high (sets how many approvals it needs)' },
        { key: 'start', kind: 'time', required: true, description: 'when the window opens' },
        { key: 'end', kind: 'time', required: true, description: 'when the window closes' },
        { key: 'service', kind: 'word', required: false, description: 'the service it changes (an id from services)' },
        { key: 'type', kind: 'enum', choices: CHANGE_TYPES, required: false, description: 'normal (default), standard (from a template) or emergency (with an incident)' },
        { key: 'rollback', kind: 'text', required: false, description: 'how to undo it' },
        { key: 'incident', kind: 'id', pattern: /^INC-\d{1,9}$/i, required: false, description: 'the incident an emergency change fixes, e.g. INC-42' },
        { key: 'template', kind: 'word', required: false, description: 'a standard change template id' },
      ],
      async run(ctx, args) {
        const { change, warnings } = await svc().request(ctx.actor, {
          title: args.optStr('title'),
          risk: args.optStr('risk') as Risk | undefined,
          type: args.optStr('type') as ChangeType | undefined,
          start: args.time('start'),
          end: args.time('end'),
          serviceId: args.optStr('service'),
          incidentId: args.optStr('incident'),
          templateId: args.optStr('template'),
          rollback: args.optStr('rollback'),
        });
        return { text: requestText(change, svc().notify.policy(change)?.groupName ?? change.approverGroup, warnings, ctx.zone) };
      },
    },
    {
      command: 'change',
      sub: 'approve',
      summary: "Approves a change (members of its risk's approver group; never its requester). On an emergency change: the review after.",
      usage: 'change approve <id> [comment…]',
      examples: ['change approve CHG-15 looks good, rollback tested'],
      args: [ID, text('comment', 'a note for the record')],
      permission: 'changes',
      async run(ctx, args) {
        return decisionReply(ctx, await svc().decide(ctx.actor, changeId(args.str('id')), 'approve', args.optStr('comment')), 'approve');
      },
    },
    {
      command: 'change',
      sub: 'reject',
      summary: 'Rejects a change with a reason; the first rejection rejects it. On an emergency change: flags its review.',
      usage: 'change reject <id> <reason…>',
      examples: ['change reject CHG-15 no rollback plan for the schema migration'],
      args: [ID, text('reason', 'why it is rejected')],
      permission: 'changes',
      async run(ctx, args) {
        const id = changeId(args.str('id'));
        const reason = args.optStr('reason');
        if (!reason) {
          svc().find(id);
          if (ctx.canOpenForm) return { form: rejectForm(id) };
          throw new UserError('Missing <reason…>: say why it is rejected.');
        }
        return decisionReply(ctx, await svc().decide(ctx.actor, id, 'reject', reason), 'reject');
      },
    },
    lifecycle('start', 'Starts an approved change in its window.', undefined, 'change start CHG-15'),
    lifecycle('complete', 'Marks a change in progress as completed.', text('note', 'how it went'), 'change complete CHG-15 all green'),
    lifecycle('fail', 'Marks a change in progress as failed.', text('why', 'what went wrong', true), 'change fail CHG-15 migration timed out, rolled back'),
    lifecycle('cancel', 'Cancels an open change (requester, approvers or admins).', text('reason', 'why'), 'change cancel CHG-15 postponed to next week'),
    {
      command: 'change',
      sub: 'list',
      summary: 'Lists open changes, or those pending approval, today, this week, or all.',
      usage: 'change list [pending|today|week|all]',
      examples: ['change list today'],
      args: [{ name: 'filter', kind: 'enum', choices: LIST_FILTERS, required: false, description: 'pending, today, week or all (default: open changes)' }],
      async run(ctx, args) {
        const { title, changes } = listed(svc(), args.optStr('filter'), ctx);
        const soon = ctx.now.getTime() + 30 * 86_400_000;
        const freezes = svc()
          .freezes()
          .filter((f) => f.end.getTime() > ctx.now.getTime() && f.start.getTime() < soon);
        return { card: listCard(title, changes, ctx.zone, freezes) };
      },
    },
    {
      command: 'change',
      sub: 'show',
      summary: 'Shows a change: state, approvals and its whole history.',
      usage: 'change show <id>',
      examples: ['change show CHG-15'],
      args: [ID],
      async run(ctx, args) {
        const s = svc();
        return s.notify.message(s.find(changeId(args.str('id'))), 50, ctx.zone);
      },
    },
  ];
}
