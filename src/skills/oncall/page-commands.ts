// `page <schedule|service|person> <message…> [sev:N]` and the page lifecycle commands.
import { escapeMarkup } from '../../core/card.js';
import { UserError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/skill.js';
import { formatDuration } from '../../core/time.js';
import { actorRef } from '../../core/types.js';
import { stepLabel } from './escalation.js';
import type { PageSeverity } from './model.js';
import { pageListCard, pageTimelineCard } from './page-cards.js';
import type { OnCall } from './services.js';
import { resolvePageTarget } from './targets.js';

const PAGE_ID = /^PAGE-\d+$/i;
const idArg = { name: 'id', kind: 'id' as const, pattern: PAGE_ID, description: 'a page id like PAGE-7' };
const MAX_SUMMARY = 1000;

export function pageCommands(s: OnCall): CommandSpec[] {
  return [
    {
      command: 'page',
      summary: 'Pages a schedule, a service (its escalation policy) or a person: DMs on every platform, outbound integrations, escalation.',
      usage: 'page <schedule|service|person> <message…> [sev:<1-4>]',
      examples: ['page api "Checkout returns 502s" sev:1', 'page platform-primary Disk 95% on db-2', 'page @bob can you look at the deploy?'],
      args: [
        { name: 'target', kind: 'word', description: 'a schedule id, a service id (service:<id>), or a person (@id or a mention)' },
        { name: 'message', kind: 'text', description: 'what is wrong' },
      ],
      options: [{ key: 'sev', kind: 'word', pattern: /^(sev)?[1-4]$/i, required: false, description: 'severity 1 (critical) to 4 (info); default 2' }],
      async run(ctx, args) {
        const target = resolvePageTarget(args.str('target'), s.deps.config, s.deps.people, ctx.actor.platform);
        const summary = args.str('message');
        if (summary.length > MAX_SUMMARY) throw new UserError(`The message is ${summary.length} characters long; keep it under ${MAX_SUMMARY}.`);
        const sev = args.optStr('sev');
        const severity = (sev ? Number(sev.replace(/^sev/i, '')) : 2) as PageSeverity;
        const page = await s.engine.open({ summary, severity, target, source: 'chat', by: actorRef(ctx.actor), channels: [ctx.channel] });
        await s.deps.audit.record(ctx.actor, 'page.open', page.id, { target: target.label, severity });
        const sent = page.notifications.filter((n) => n.status === 'sent');
        const who = [...new Set(sent.map((n) => `@${n.personId}`))].join(', ') || 'nobody (see the timeline)';
        const next = page.nextStepAt ? ` Escalates in ${formatDuration(Date.parse(page.nextStepAt) - ctx.now.getTime())} unless acknowledged.` : '';
        return { ephemeral: true, text: `🚨 ${page.id} opened (sev${severity}): notified ${who} (${escapeMarkup(page.policy.name)}, ${stepLabel(page.policy, Math.max(0, page.step))}).${next}` };
      },
    },
    {
      command: 'page',
      sub: 'ack',
      summary: 'Acknowledges a page: stops its escalation everywhere and updates every card.',
      usage: 'page ack <id>',
      examples: ['page ack PAGE-7'],
      args: [idArg],
      async run(ctx, args) {
        const page = await s.engine.acknowledge(args.str('id'), actorRef(ctx.actor));
        await s.deps.audit.record(ctx.actor, 'page.acknowledge', page.id);
        return { ephemeral: true, text: `👀 ${page.id} acknowledged; escalation stopped.` };
      },
    },
    {
      command: 'page',
      sub: 'resolve',
      summary: 'Resolves a page.',
      usage: 'page resolve <id> [note…]',
      examples: ['page resolve PAGE-7', 'page resolve PAGE-7 false alarm, disk cleaned'],
      args: [idArg, { name: 'note', kind: 'text', required: false, description: 'why' }],
      async run(ctx, args) {
        const page = await s.engine.resolve(args.str('id'), actorRef(ctx.actor), args.optStr('note'));
        await s.deps.audit.record(ctx.actor, 'page.resolve', page.id);
        return { ephemeral: true, text: `✅ ${page.id} resolved.` };
      },
    },
    {
      command: 'page',
      sub: 'escalate',
      summary: 'Moves a triggered page to its next escalation level now.',
      usage: 'page escalate <id>',
      examples: ['page escalate PAGE-7'],
      args: [idArg],
      async run(ctx, args) {
        const page = await s.engine.escalate(args.str('id'), actorRef(ctx.actor));
        await s.deps.audit.record(ctx.actor, 'page.escalate', page.id, { step: page.step });
        const who = page.notifications.filter((n) => n.step === page.step).map((n) => `@${n.personId}`).join(', ') || 'nobody';
        return { ephemeral: true, text: `⏫ ${page.id} escalated to ${stepLabel(page.policy, page.step)}: notified ${who}.` };
      },
    },
    {
      command: 'page',
      sub: 'list',
      summary: 'Open pages (or all), newest first.',
      usage: 'page list [open|all]',
      examples: ['page list', 'page list all'],
      args: [{ name: 'which', kind: 'enum', choices: ['open', 'all'], required: false, description: 'open (default) or all' }],
      async run(ctx, args) {
        const all = args.optStr('which') === 'all';
        const list = s.engine.pages.filter((p) => all || p.status !== 'resolved').sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id, 'en', { numeric: true }));
        return { card: pageListCard(list, ctx.zone, ctx.now, all ? '' : 'open') };
      },
    },
    {
      command: 'page',
      sub: 'show',
      summary: 'A page with its full timeline: every notification, step and outbound attempt.',
      usage: 'page show <id>',
      examples: ['page show PAGE-7'],
      args: [idArg],
      async run(ctx, args) {
        return { card: pageTimelineCard(s.engine.get(args.str('id')), ctx.zone, ctx.now) };
      },
    },
  ];
}
