// The `incident` commands of SPEC §3. Each spec is thin: read the arguments, find the
// incident (the id may be left out inside the incident's own channel), call the use case,
// answer. Refusals are UserErrors; the router adds usage and example and nothing is stored.
import type { Args } from '../../core/args.js';
import { escapeMarkup, type Reply } from '../../core/card.js';
import { UserError } from '../../core/errors.js';
import type { ArgSpec, CommandContext, CommandSpec } from '../../core/skill.js';
import { formatDuration } from '../../core/time.js';
import { listCard, showCard } from './cards.js';
import { declareForm } from './forms.js';
import type { Incident } from './model.js';
import type { IncidentParts } from './parts.js';
import { parseSeverity, severityLabel } from './severities.js';
import { checkTitle, parseOpenStatus, parseRole } from './transitions.js';

const ID_RE = /^INC-\d{1,9}$/i;
const ID_HELP = 'the incident, e.g. INC-7 (leave it out inside the incident channel)';
/** Before more words: only taken when it looks like an id, so `incident note Rollback…` works in the channel. */
const idArg: ArgSpec = { name: 'id', kind: 'id', required: false, pattern: ID_RE, description: ID_HELP };
/** Alone (`show`, `postmortem`): any word is meant as an id, and a wrong one is said so. */
const idWord: ArgSpec = { name: 'id', kind: 'word', required: false, description: ID_HELP };
const SUBCOMMANDS = 'declare, update, severity, assign, note, vendor, resolve, list, show, postmortem';
const LIST_MAX = 30;

type Spec = Omit<CommandSpec, 'command' | 'run'>;
type Run = (p: IncidentParts, ctx: CommandContext, args: Args) => Promise<Reply>;
type RunOn = (p: IncidentParts, inc: Incident, ctx: CommandContext, args: Args) => Promise<Reply>;

/** The specs; `parts` is read when a command runs (the skill's collections open in init). */
export function incidentCommands(parts: () => IncidentParts): CommandSpec[] {
  const sub = (spec: Spec, run: Run): CommandSpec => ({ ...spec, command: 'incident', run: (ctx, args) => run(parts(), ctx, args) });
  /** A subcommand about one incident: the id given, or the incident whose channel this is. */
  const about = (spec: Spec, run: RunOn, id = idArg): CommandSpec =>
    sub({ ...spec, args: [id, ...(spec.args ?? [])] }, (p, ctx, args) => {
      const raw = args.optStr('id');
      if (raw !== undefined && !ID_RE.test(raw)) throw new UserError(`"${raw.slice(0, 40)}" is not an incident id; ids look like INC-7.`);
      return run(p, p.find(ctx, raw), ctx, args);
    });

  return [
    sub(
      {
        summary: 'Opens the declare form (where the platform has forms); otherwise shows how to declare.',
        usage: 'incident',
        examples: ['incident declare sev2 "Checkout fails for card payments" service:web', 'incident'],
        args: [{ name: 'rest', kind: 'text', required: false, description: 'a subcommand' }],
      },
      async (p, ctx, args) => {
        const rest = args.optStr('rest');
        if (rest) throw new UserError(`Unknown subcommand "${rest.split(' ')[0].slice(0, 40)}" of \`incident\`. Subcommands: ${SUBCOMMANDS}; \`incident help\` explains them.`);
        const form = declareForm(p.spaces.severities, p.deps.config.services);
        if (ctx.canOpenForm) return { form, ephemeral: true };
        const sevs = Object.values(p.spaces.severities).map((s) => `\`${s.id}\` ${escapeMarkup(s.name)} — ${escapeMarkup(s.description)}`);
        return { ephemeral: true, text: ['Declare an incident with `incident declare <sev1-4> <title…> [service:<id>] [private]`.', ...sevs].join('\n'), form };
      },
    ),
    sub(
      {
        sub: 'declare',
        summary: 'Declares an incident: INC-n, its own channel, the card, the announcement, the on-call invited.',
        usage: 'incident declare <sev1-4> <title…> [service:<id>] [private]',
        examples: ['incident declare sev2 "Checkout fails for card payments" service:web', 'incident declare sev3 Payroll export delayed service:payments private'],
        args: [
          { name: 'severity', kind: 'word', description: 'sev1 (most severe) to sev4' },
          { name: 'title', kind: 'text', description: 'what is broken, in one line' },
        ],
        options: [
          { key: 'service', kind: 'word', required: false, description: 'the affected service (its on-call is invited, its status component set)' },
          { key: 'visibility', kind: 'enum', choices: ['public', 'private'], required: false, description: 'public (default) or private; the same as the private flag' },
        ],
        flags: [{ name: 'private', description: 'a private channel, no announcement, hidden from people not in it' }],
      },
      async (p, ctx, args) => {
        const severity = parseSeverity(args.str('severity'), p.spaces.severities);
        const title = checkTitle(args.str('title'));
        const isPrivate = args.flag('private') || args.optStr('visibility') === 'private';
        const { incident: inc, ownSpace } = await p.declarer.declare({ actor: ctx.actor, channel: ctx.channel, now: ctx.now, severity, title, serviceId: args.optStr('service'), private: isPrivate });
        const where = ownSpace ? ` → ${inc.channels.map((c) => (c.platform === 'console' ? c.id : `#${inc.channelName} (${c.platform})`)).join(', ')}` : ' (no channel could be opened; the card is here)';
        return { text: `🔥 Declared **${inc.id}** · ${severity} ${escapeMarkup(p.spaces.severities[severity].name)}${inc.private ? ' · private' : ''}: ${escapeMarkup(inc.title)}${where}` };
      },
    ),
    about(
      {
        sub: 'update',
        summary: 'Posts a status update to the incident channel, the announcement channel and the status page.',
        usage: 'incident update [id] <investigating|identified|monitoring> <text…>',
        examples: ['incident update INC-7 identified Bad deploy of the checkout service; rolling back', 'incident update monitoring Rollback done, error rate back to normal'],
        args: [
          { name: 'status', kind: 'word', description: 'investigating, identified or monitoring' },
          { name: 'text', kind: 'text', description: 'what changed' },
        ],
      },
      async (p, inc, ctx, args) => {
        const status = parseOpenStatus(args.str('status'), inc.id);
        await p.lifecycle.update(ctx.actor, ctx.now, inc.id, status, args.str('text'));
        return { ephemeral: true, text: `✅ ${inc.id} is now **${status}**; the update is posted.` };
      },
    ),
    about(
      {
        sub: 'severity',
        summary: 'Changes the severity (raising to sev1 needs the sev1 permission; sev1/sev2 page the on-call).',
        usage: 'incident severity [id] <sev1-4>',
        examples: ['incident severity INC-7 sev1', 'incident severity sev3'],
        args: [{ name: 'severity', kind: 'word', description: 'the new severity, sev1 to sev4' }],
      },
      async (p, inc, ctx, args) => {
        const severity = parseSeverity(args.str('severity'), p.spaces.severities);
        await p.lifecycle.severity(ctx.actor, ctx.now, inc.id, severity);
        return { ephemeral: true, text: `✅ ${inc.id} is now ${severityLabel(p.spaces.severities, severity)}.` };
      },
    ),
    about(
      {
        sub: 'assign',
        summary: 'Gives someone a role: commander, comms or scribe (and invites them).',
        usage: 'incident assign [id] <commander|comms|scribe> <person|me>',
        examples: ['incident assign INC-7 commander @bob', 'incident assign scribe me'],
        args: [
          { name: 'role', kind: 'word', description: 'commander, comms or scribe' },
          { name: 'person', kind: 'word', description: 'a mention, @id, or me' },
        ],
      },
      async (p, inc, ctx, args) => {
        const role = parseRole(args.str('role'));
        const person = p.person(ctx, args.str('person'));
        await p.lifecycle.assign(ctx.actor, ctx.now, inc.id, role, { id: person.id, name: person.name });
        return { ephemeral: true, text: `✅ ${escapeMarkup(person.name)} is now ${role} of ${inc.id}.` };
      },
    ),
    about(
      {
        sub: 'note',
        summary: "Adds a note to the incident's timeline (a 📌 reaction on a message in the incident channel does the same).",
        usage: 'incident note [id] <text…>',
        examples: ['incident note INC-7 Failover to the replica started', 'incident note Customer support notified'],
        args: [{ name: 'text', kind: 'text', description: 'the note' }],
      },
      async (p, inc, ctx, args) => {
        await p.lifecycle.note(ctx.actor, ctx.now, inc.id, args.str('text'));
        return { ephemeral: true, text: `📝 Added to ${inc.id}'s timeline.` };
      },
    ),
    about(
      {
        sub: 'vendor',
        summary: "Escalates to the service's vendor: a timeline entry, and their support contact posted in the incident channel.",
        usage: 'incident vendor [id] [vendor]',
        examples: ['incident vendor INC-7', 'incident vendor INC-7 acme-pay'],
        args: [{ name: 'vendor', kind: 'word', required: false, description: 'which vendor, when the service has several (or none is linked)' }],
      },
      async (p, inc, ctx, args) => {
        const vendor = p.vendorFor(inc, args.optStr('vendor'));
        await p.lifecycle.escalateToVendor(ctx.actor, ctx.now, inc.id, vendor);
        return { ephemeral: true, text: `📞 ${inc.id} escalated to ${escapeMarkup(vendor.name)}; their contact is posted in the incident channel.` };
      },
    ),
    about(
      {
        sub: 'resolve',
        summary: 'Resolves the incident (optionally with a summary); stops reminders, restores the status component.',
        usage: 'incident resolve [id] [summary…]',
        examples: ['incident resolve INC-7 Rolled back the 14:02 deploy; payments flowing again', 'incident resolve'],
        args: [{ name: 'summary', kind: 'text', required: false, description: 'what happened and what fixed it' }],
      },
      async (p, inc, ctx, args) => {
        const done = await p.lifecycle.resolve(ctx.actor, ctx.now, inc.id, args.optStr('summary'));
        const took = formatDuration(Date.parse(done.resolvedAt!) - Date.parse(done.declaredAt));
        return { text: `✅ ${inc.id} resolved after ${took}. Next: \`incident postmortem ${inc.id}\`.` };
      },
    ),
    sub(
      {
        sub: 'list',
        summary: 'Lists open incidents (or all), most severe first.',
        usage: 'incident list [open|all]',
        examples: ['incident list', 'incident list all'],
        args: [{ name: 'which', kind: 'enum', choices: ['open', 'all'], required: false, description: 'open (default) or all' }],
      },
      async (p, ctx, args) => {
        const which = (args.optStr('which') ?? 'open') as 'open' | 'all';
        const all = p.visible(ctx, which);
        return { ephemeral: true, card: listCard(all.slice(0, LIST_MAX), p.spaces.cardContext(ctx.zone), which, all.length) };
      },
    ),
    about(
      { sub: 'show', summary: 'Shows the incident: roles, status, durations and the whole timeline.', usage: 'incident show [id]', examples: ['incident show INC-7', 'incident show'] },
      async (p, inc, ctx) => ({ ephemeral: true, card: showCard(inc, p.spaces.cardContext(ctx.zone)) }),
      idWord,
    ),
    about(
      {
        sub: 'postmortem',
        summary: 'Writes the Markdown postmortem, posts it as a file and serves it at /incidents/<id>/postmortem.md.',
        usage: 'incident postmortem [id]',
        examples: ['incident postmortem INC-7', 'incident postmortem'],
      },
      (p, inc, ctx) => p.postmortem(ctx, inc),
      idWord,
    ),
  ];
}
