// `oncall [schedule]`, `oncall schedule`, `oncall override`, `oncall swap`: who is on call,
// the coming shifts, and changing them.
import { escapeMarkup, mention } from '../../core/card.js';
import { UserError } from '../../core/errors.js';
import type { Person } from '../../core/people.js';
import type { CommandContext, CommandSpec } from '../../core/skill.js';
import { formatTime } from '../../core/time.js';
import { shiftLines } from './swap-cards.js';
import { scheduleCard, whoIsOnCallCard, type NowEntry } from './oncall-cards.js';
import type { OnCall } from './services.js';

const DAY = 86_400_000;

function personArg(s: OnCall, ctx: CommandContext, raw: string | undefined, label: string): Person {
  if (!raw) throw new UserError(`Missing <${label}>: a mention or @id of a person in the config.`);
  const p = s.deps.people.resolve(raw, ctx.actor.platform);
  if (!p) throw new UserError(`<${label}>: no person "${raw.slice(0, 60)}" in the config (known: ${s.deps.people.all().slice(0, 8).map((x) => `@${x.id}`).join(', ')}).`);
  return p;
}

function span(args: { optTime(n: string): Date | undefined }): { start: Date; end: Date } {
  const start = args.optTime('start');
  const end = args.optTime('end');
  if (!start) throw new UserError('Missing <start>: when it begins, like `2026-11-21T14:00`, `tomorrow 09:00` or `+2h`.');
  if (!end) throw new UserError('Missing <end>: when it ends, like `2026-11-22T09:00`, `tomorrow 18:00` or `+1d`.');
  return { start, end };
}

const SPAN_ARGS = [
  { name: 'start', kind: 'time' as const, required: false, description: 'when it starts' },
  { name: 'end', kind: 'time' as const, required: false, description: 'when it ends' },
];

export function oncallCommands(s: OnCall): CommandSpec[] {
  const rotation = (id: string) => {
    const r = s.roster.get(id.toLowerCase());
    if (!r) throw new UserError(`There is no schedule "${id.slice(0, 60)}". Schedules: ${s.roster.ids().join(', ') || 'none'}.`);
    return r;
  };
  return [
    {
      command: 'oncall',
      summary: 'Who is on call now in every (or one) schedule, until when, and who is next.',
      usage: 'oncall [schedule]',
      examples: ['oncall', 'oncall platform-primary'],
      args: [{ name: 'schedule', kind: 'word', required: false, description: 'a schedule id' }],
      async run(ctx, args) {
        const id = args.optStr('schedule');
        const list = id ? [rotation(id)] : [...s.roster.rotations.values()];
        const now = ctx.now.getTime();
        const entries: NowEntry[] = list.map((r) => ({ rotation: r, ...s.roster.around(r.id, now), horizon: now + r.reachMs }));
        return { card: whoIsOnCallCard(entries, ctx.zone, ctx.now) };
      },
    },
    {
      command: 'oncall',
      sub: 'schedule',
      summary: 'The coming shifts of a schedule, overrides applied (default 14 days, at most 90).',
      usage: 'oncall schedule <schedule> [days]',
      examples: ['oncall schedule platform-primary', 'oncall schedule payments-primary 30'],
      args: [
        { name: 'schedule', kind: 'word', description: 'a schedule id' },
        { name: 'days', kind: 'int', required: false, min: 1, max: 90, description: 'how many days ahead' },
      ],
      async run(ctx, args) {
        const r = rotation(args.str('schedule'));
        const days = args.optInt('days') ?? 14;
        const from = ctx.now.getTime();
        const segments = s.roster.segments(r.id, from, from + days * DAY);
        return { card: scheduleCard(r, segments, ctx.zone, days, `${s.deps.publicUrl}/oncall/${r.id}.ics`) };
      },
    },
    {
      command: 'oncall',
      sub: 'override',
      summary: 'Puts a person on call in a schedule for a span (or removes an override).',
      usage: 'oncall override <schedule> <person> <start> <end>   ·   oncall override remove <OVR-n>',
      examples: ['oncall override platform-primary @bob 2026-11-21T18:00 2026-11-22T09:00', 'oncall override remove OVR-3'],
      permission: 'schedules',
      args: [{ name: 'schedule', kind: 'word', description: 'a schedule id' }, { name: 'person', kind: 'word', description: 'who takes over' }, ...SPAN_ARGS],
      async run(ctx, args) {
        if (args.str('schedule').toLowerCase() === 'remove') {
          if (args.optTime('start')) throw new UserError('`oncall override remove` takes only the override id.');
          const o = await s.changes.removeOverride(args.str('person'), ctx.actor);
          return { text: `🗑️ Override ${o.id} removed: ${mention(o.personId)} no longer covers ${escapeMarkup(rotation(o.scheduleId).name)} from ${formatTime(new Date(o.start), ctx.zone)} to ${formatTime(new Date(o.end), ctx.zone)}.` };
        }
        const r = rotation(args.str('schedule'));
        const person = personArg(s, ctx, args.optStr('person'), 'person');
        const { start, end } = span(args);
        const o = await s.changes.override(r.id, person, start, end, ctx.actor, ctx.zone);
        return { text: `✅ Override ${o.id}: ${mention(person.id)} is on call for **${escapeMarkup(r.name)}** from ${formatTime(start, ctx.zone)} to ${formatTime(end, ctx.zone)}. Remove it with \`oncall override remove ${o.id}\`.` };
      },
    },
    {
      command: 'oncall',
      sub: 'swap',
      summary: 'Asks someone to take your shifts in a span; they Accept or Decline (accepted swaps become overrides).',
      usage: 'oncall swap <schedule> <person> <start> <end>   ·   oncall swap accept|decline <SWP-n>',
      examples: ['oncall swap platform-primary @bob 2026-11-23T09:00 2026-11-25T09:00', 'oncall swap accept SWP-3'],
      args: [{ name: 'schedule', kind: 'word', description: 'a schedule id' }, { name: 'person', kind: 'word', description: 'who should take your shifts' }, ...SPAN_ARGS],
      async run(ctx, args) {
        const first = args.str('schedule').toLowerCase();
        if (first === 'accept' || first === 'decline') {
          if (args.optTime('start')) throw new UserError(`\`oncall swap ${first}\` takes only the swap id.`);
          const swap = await s.changes.decideSwap(args.str('person'), ctx.actor, ctx.person, first === 'accept');
          return { ephemeral: true, text: swap.status === 'accepted' ? `✅ You take @${swap.requester}'s shifts (override ${swap.overrideId}).` : `You declined ${swap.id}; @${swap.requester} has been told.` };
        }
        if (!ctx.person) throw new UserError('Only people in the config have shifts to swap.');
        const r = rotation(first);
        const target = personArg(s, ctx, args.optStr('person'), 'person');
        const { start, end } = span(args);
        const { swap, shifts } = await s.changes.requestSwap(r.id, ctx.person, target, start, end, ctx.zone);
        const reached = swap.refs.length ? 'by DM' : '— but they could not be reached on any running platform';
        return { text: `🔁 ${swap.id}: asked ${mention(target.id)} ${reached} to take your ${shifts.length} shift${shifts.length === 1 ? '' : 's'} in **${escapeMarkup(r.name)}**:\n${shiftLines(shifts, ctx.zone)}` };
      },
    },
  ];
}
