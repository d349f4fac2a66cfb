// The `status` commands (SPEC §7): overview, set, maintenance, end, subscribe, unsubscribe.
// Each validates everything before it changes anything; the router adds usage and example to
// every UserError and checks the `status` permission before `run`.
import { card, context, escapeMarkup } from '../../core/card.js';
import type { Args } from '../../core/args.js';
import type { AuditLog } from '../../core/audit.js';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/skill.js';
import { actorRef } from '../../core/types.js';
import { componentCard, overviewCard } from './cards.js';
import { heartbeatCard, heartbeatsCard } from './heartbeat-cards.js';
import type { Notifier } from './notifier.js';
import { outageDraft } from './outage.js';
import type { StatusReader } from './reader.js';
import { STATUS_LABEL } from './rules.js';
import { channelKey, type Subscriptions } from './subscriptions.js';

export interface CommandDeps {
  reader: StatusReader;
  notifier: Notifier;
  subs: Subscriptions;
  audit: AuditLog;
}

const e = escapeMarkup;

const COMPONENTS_ARG = { name: 'components', kind: 'text', required: false, description: 'component ids (none: all)' } as const;

/** The components a subscribe/unsubscribe names (none: all), each checked against the config. */
function namedComponents(r: StatusReader, args: Args): string[] {
  const raw = args.optStr('components');
  return raw ? r.catalog.requireList(raw).map((c) => c.id) : [];
}

/** The specs; `get` supplies the skill's parts, which exist once its init has run. */
export function statusCommands(get: () => CommandDeps): CommandSpec[] {
  const names = (ids: string[]) => ids.map((c) => get().reader.catalog.name(c)).join(', ');
  const holders = (id: string, except: string) =>
    get()
      .reader.book.state(id)
      .holds.filter((h) => h.source !== except)
      .map((h) => `${h.source.replace(':', ' ')} (${STATUS_LABEL[h.status]})`)
      .join(', ');

  return [
    {
      command: 'status',
      summary: 'Shows the overall status, every component, open incidents and maintenance (or one component in detail).',
      usage: 'status [component]',
      examples: ['status', 'status api'],
      args: [{ name: 'component', kind: 'word', required: false, description: 'a component id, for its detail' }],
      async run(_ctx, args) {
        const { reader: r } = get();
        const cat = r.catalog;
        const one = args.optStr('component');
        if (one) {
          const c = cat.require(one);
          return { card: componentCard(r, c.id) };
        }
        return { card: overviewCard(r) };
      },
    },
    {
      command: 'status',
      sub: 'set',
      summary: 'Sets a component’s status by hand (released again with `operational`).',
      usage: `status set <component> <${COMPONENT_STATUSES.join('|')}> [message…]`,
      examples: ['status set api partial_outage "Elevated error rates on /v1/orders"', 'status set api operational'],
      permission: 'status',
      args: [
        { name: 'component', kind: 'word', description: 'the component id (see `status`)' },
        { name: 'status', kind: 'enum', choices: COMPONENT_STATUSES, description: 'the new status' },
        { name: 'message', kind: 'text', required: false, description: 'what is going on' },
      ],
      async run(ctx, args) {
        const { reader: r, notifier, audit } = get();
        const c = r.catalog.require(args.str('component'));
        const status = args.str('status') as ComponentStatus;
        const message = args.optStr('message');
        const before = r.book.state(c.id);
        const manual = before.holds.find((h) => h.source === 'manual');
        if (status === 'operational' ? !manual : manual?.status === status && manual.message === message) {
          const others = holders(c.id, 'manual');
          if (status === 'operational' && others) {
            return { ephemeral: true, text: `${e(c.name)} has no status set by hand; nothing changed. It shows ${STATUS_LABEL[before.status]}, held by ${others}: it comes back when they end.` };
          }
          return { ephemeral: true, text: `${e(c.name)} is already ${STATUS_LABEL[status]}; nothing changed.` };
        }
        const change = await r.book.hold(c.id, 'manual', status, { message, by: actorRef(ctx.actor) });
        await audit.record(ctx.actor, 'status.set', c.id, { status, ...(message ? { message } : {}) });
        const after = r.book.state(c.id);
        const line = `Set to ${STATUS_LABEL[status]} by ${ctx.actor.name}${message ? `: ${message}` : '.'}`;
        if (notifier.openOutage(c.id) || (change && after.status !== 'operational')) {
          await notifier.tell(outageDraft(notifier, c.id, ctx.now.toISOString()), line, { close: after.status === 'operational' });
        }
        const others = holders(c.id, 'manual');
        const stays = after.status !== status && others ? ` It shows **${STATUS_LABEL[after.status]}**: still held by ${others}.` : '';
        return { text: `${e(c.name)}: ${STATUS_LABEL[status]}${message ? ` — ${e(message)}` : ''}.${stays}` };
      },
    },
    {
      command: 'status',
      sub: 'maintenance',
      summary: 'Schedules maintenance: the components go under maintenance at the start and back at the end.',
      usage: 'status maintenance <component[,component…]> <start> <end> <message…>',
      examples: ['status maintenance api 2026-11-22T22:00 2026-11-23T00:00 "Database upgrade"', 'status maintenance api,web tomorrow 06:00 tomorrow 07:00 Certificate rotation'],
      permission: 'status',
      args: [
        { name: 'component', kind: 'word', description: 'the component id, or several separated by commas' },
        { name: 'start', kind: 'time', description: 'when it starts' },
        { name: 'end', kind: 'time', description: 'when it ends' },
        { name: 'message', kind: 'text', description: 'what is being done' },
      ],
      async run(ctx, args) {
        const { reader: r, audit } = get();
        const components = r.catalog.requireList(args.str('component'));
        const m = await r.maintenance.schedule(
          components.map((c) => c.id),
          args.time('start'),
          args.time('end'),
          args.str('message'),
          ctx.actor,
        );
        await audit.record(ctx.actor, 'status.maintenance', m.id, { components: m.componentIds, start: m.start, end: m.end });
        const state = m.state === 'in_progress' ? 'in progress now' : 'scheduled';
        return {
          card: card(`🔧 ${m.id} ${state}: ${e(m.message)}`, [context(`${e(names(m.componentIds))} · ${e(r.maintenance.describe(m))}. End it early with \`status end ${m.id}\`.`)], 'info'),
        };
      },
    },
    {
      command: 'status',
      sub: 'end',
      summary: 'Ends a maintenance window now, or cancels one that has not started.',
      usage: 'status end <MNT-n>',
      examples: ['status end MNT-3'],
      permission: 'status',
      args: [{ name: 'id', kind: 'id', pattern: /^MNT-\d+$/i, description: 'the maintenance window, like MNT-3' }],
      async run(ctx, args) {
        const { reader: r, audit } = get();
        const m = r.maintenance.require(args.str('id'));
        if (m.state !== 'scheduled' && m.state !== 'in_progress') throw new UserError(`${m.id} is already ${m.state.replace('_', ' ')}.`);
        const done = await r.maintenance.finish(m.id, ctx.actor);
        await audit.record(ctx.actor, 'status.maintenance_end', m.id, { state: done?.state });
        return { text: `${m.id} ${done?.state === 'cancelled' ? 'cancelled' : 'completed'}: ${e(names(m.componentIds))}.` };
      },
    },
    {
      command: 'status',
      sub: 'heartbeats',
      summary: 'Lists the scheduled jobs that report in (backups, ETL, renewals): last run, result, next expected run; with an id, its recent runs.',
      usage: 'status heartbeats [id]',
      examples: ['status heartbeats', 'status heartbeats nightly-backup'],
      args: [{ name: 'id', kind: 'word', required: false, description: 'a heartbeat id, for its recent runs' }],
      async run(ctx, args) {
        const { reader: r } = get();
        const raw = args.optStr('id');
        if (!raw) return { card: heartbeatsCard(r, ctx.now) };
        const hb = r.catalog.heartbeat(raw.toLowerCase());
        if (!hb) {
          const known = r.catalog.heartbeats.map((h) => h.id).join(', ');
          throw new UserError(`Unknown heartbeat "${raw.slice(0, 60)}". ${known ? `Heartbeats: ${known}.` : 'None are configured: add them under `status.heartbeats`.'}`);
        }
        return { card: heartbeatCard(r, hb, ctx.now) };
      },
    },
    {
      command: 'status',
      sub: 'subscribe',
      summary: 'This channel gets every status change (of all components, or only those named), one message per incident or outage, kept up to date.',
      usage: 'status subscribe [component…]',
      examples: ['status subscribe', 'status subscribe api payments'],
      args: [COMPONENTS_ARG],
      async run(ctx, args) {
        const { reader: r, subs, audit } = get();
        const components = namedComponents(r, args);
        const { after } = await subs.subscribe(ctx.channel, components, ctx.actor);
        await audit.record(ctx.actor, 'status.subscribe', channelKey(ctx.channel), { components: after.components });
        const what = after.components.length ? e(names(after.components)) : 'every component';
        return { text: `✅ This channel now gets status changes of ${what}. \`status unsubscribe\` stops them.` };
      },
    },
    {
      command: 'status',
      sub: 'unsubscribe',
      summary: 'Stops status messages in this channel (or only for the components named).',
      usage: 'status unsubscribe [component…]',
      examples: ['status unsubscribe', 'status unsubscribe payments'],
      args: [COMPONENTS_ARG],
      async run(ctx, args) {
        const { reader: r, subs, audit } = get();
        const components = namedComponents(r, args);
        const cur = subs.forChannel(ctx.channel);
        if (!cur) throw new UserError('This channel is not subscribed to status changes.');
        if (components.length && cur.components.length === 0) {
          throw new UserError('This channel gets every component. Run `status unsubscribe`, then `status subscribe <component…>` for the ones you want.');
        }
        if (components.length && !components.some((c) => cur.components.includes(c))) {
          throw new UserError(`This channel is not subscribed to ${e(names(components))} (it gets ${e(names(cur.components))}).`);
        }
        const res = await subs.unsubscribe(ctx.channel, components);
        await audit.record(ctx.actor, 'status.unsubscribe', channelKey(ctx.channel), { components });
        if (res?.removed) return { text: 'This channel no longer gets status changes.' };
        return { text: `This channel now gets status changes of ${e(names(res?.after?.components ?? []))}.` };
      },
    },
  ] satisfies CommandSpec[];
}
