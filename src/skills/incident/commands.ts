// The `incident` commands of SPEC §3. Each spec is thin: read the arguments, find the
// incident (the id may be left out inside the incident's own channel), call the use case,
// answer. Refusals are UserErrors; the router adds usage and example and nothing is stored.
import { escapeMarkup } from '../../core/card.js';
import { UserError } from '../../core/errors.js';
import type { ArgSpec, CommandContext, CommandSpec } from '../../core/skill.js';
import { formatDuration } from '../../core/time.js';
import { listCard, showCard } from './cards.js';
import { declareForm } from './forms.js';
import type { IncidentParts } from './parts.js';
import { parseSeverity, severityLabel } from './severities.js';
import { checkTitle, parseOpenStatus, parseRole } from './transitions.js';

const ID_RE = /^INC-\d{1,9}$/i;
const idArg: ArgSpec = { name: 'id', kind: 'id', required: false, pattern: ID_RE, description: 'the incident, e.g. INC-7 (leave it out inside the incident channel)' };
const SUBCOMMANDS = 'declare, update, severity, assign, note, resolve, list, show, postmortem';
const LIST_MAX = 30;

/** For `show` and `postmortem`, where any word is meant as an id. */
const idWord: ArgSpec = { name: 'id', kind: 'word', required: false, description: idArg.description };

function target(p: IncidentParts, ctx: CommandContext, raw: string | undefined) {
  if (raw !== undefined && !ID_RE.test(raw)) throw new UserError(`"${raw.slice(0, 40)}" is not an incident id; ids look like INC-7.`);
  return p.find(ctx, raw);
}

/** The specs; `parts` is read when a command runs (the skill's collections open in init). */
export function incidentCommands(parts: () => IncidentParts): CommandSpec[] {

  return [
    {
      command: 'incident',
      summary: 'Opens the declare form (where the platform has forms); otherwise shows how to declare.',
      usage: 'incident',
      examples: ['incident declare sev2 "Checkout fails for card payments" service:web', 'incident'],
      args: [{ name: 'rest', kind: 'text', required: false, description: 'a subcommand' }],
      async run(ctx, args) {
        const p = parts();
        const rest = args.optStr('rest');
        if (rest) throw new UserError(`Unknown subcommand "${rest.split(' ')[0].slice(0, 40)}" of \`incident\`. Subcommands: ${SUBCOMMANDS}; \`incident help\` explains them.`);
        const form = declareForm(p.spaces.severities, p.deps.config.services);
        if (ctx.canOpenForm) return { form, ephemeral: true };
        const sevs = Object.values(p.spaces.severities).map((s) => `\`${s.id}\` ${escapeMarkup(s.name)} — ${escapeMarkup(s.description)}`);
        return { ephemeral: true, text: ['Declare an incident with `incident declare <sev1-4> <title…> [service:<id>] [private]`.', ...sevs].join('\n'), form };
      },
    },
    {
      command: 'incident',
      sub: 'declare',
      summary: 'Declares an incident: INC-n, its own channel, the card, the announcement, the on-call invited.',
      usage: 'incident declare <sev1-4> <title…> [service:<id>] [private]',
      examples: ['incident declare sev2 "Checkout fails for card payments" service:web', 'incident declare sev3 Payroll export delayed service:payments private'],
      args: [
        { name: 'severity', kind: 'word', description: 'sev1 (most severe) to sev4' },
        { name: 'title', kind: 'text', description: `what is broken, in one line` },
      ],
      options: [
        { key: 'service', kind: 'word', required: false, description: 'the affected service (its on-call is invited, its status component set)' },
        { key: 'visibility', kind: 'enum', choices: ['public', 'private'], required: false, description: 'public (default) or private; the same as the private flag' },
      ],
      flags: [{ name: 'private', description: 'a private channel, no announcement, hidden from people not in it' }],
      async run(ctx, args) {
        const p = parts();
        const severity = parseSeverity(args.str('severity'), p.spaces.severities);
        const title = checkTitle(args.str('title'));
        const isPrivate = args.flag('private') || args.optStr('visibility') === 'private';
        const { incident: inc, ownSpace } = await p.declarer.declare({ actor: ctx.actor, channel: ctx.channel, now: ctx.now, severity, title, serviceId: args.optStr('service'), private: isPrivate });
        const where = ownSpace ? ` → ${inc.channels.map((c) => (c.platform === 'console' ? c.id : `#${inc.channelName} (${c.platform})`)).join(', ')}` : ' (no channel could be opened; the card is here)';
        return { text: `🔥 Declared **${inc.id}** · ${severity} ${escapeMarkup(p.spaces.severities[severity].name)}${inc.private ? ' · private' : ''}: ${escapeMarkup(inc.title)}${where}` };
      },
    },
    {
      command: 'incident',
      sub: 'update',
      summary: 'Posts a status update to the incident channel, the announcement channel and the status page.',
      usage: 'incident update [id] <investigating|identified|monitoring> <text…>',
      examples: ['incident update INC-7 identified Bad deploy of the checkout service; rolling back', 'incident update monitoring Rollback done, error rate back to normal'],
      args: [idArg, { name: 'status', kind: 'word', description: 'investigating, identified or monitoring' }, { name: 'text', kind: 'text', description: 'what changed' }],
      async run(ctx, args) {
        const p = parts();
        const inc = p.find(ctx, args.optStr('id'));
        const status = parseOpenStatus(args.str('status'), inc.id);
        await p.lifecycle.update(ctx.actor, ctx.now, inc.id, status, args.str('text'));
        return { ephemeral: true, text: `✅ ${inc.id} is now **${status}**; the update is posted.` };
      },
    },
    {
      command: 'incident',
      sub: 'severity',
      summary: 'Changes the severity (raising to sev1 needs the sev1 permission; sev1/sev2 page the on-call).',
      usage: 'incident severity [id] <sev1-4>',
      examples: ['incident severity INC-7 sev1', 'incident severity sev3'],
      args: [idArg, { name: 'severity', kind: 'word', description: 'the new severity, sev1 to sev4' }],
      async run(ctx, args) {
        const p = parts();
        const inc = p.find(ctx, args.optStr('id'));
        const severity = parseSeverity(args.str('severity'), p.spaces.severities);
        await p.lifecycle.severity(ctx.actor, ctx.now, inc.id, severity);
        return { ephemeral: true, text: `✅ ${inc.id} is now ${severityLabel(p.spaces.severities, severity)}.` };
      },
    },
    {
      command: 'incident',
      sub: 'assign',
      summary: 'Gives someone a role: commander, comms or scribe (and invites them).',
      usage: 'incident assign [id] <commander|comms|scribe> <person|me>',
      examples: ['incident assign INC-7 commander @bob', 'incident assign scribe me'],
      args: [idArg, { name: 'role', kind: 'word', description: 'commander, comms or scribe' }, { name: 'person', kind: 'word', description: 'a mention, @id, or me' }],
      async run(ctx, args) {
        const p = parts();
        const inc = p.find(ctx, args.optStr('id'));
        const role = parseRole(args.str('role'));
        const person = p.person(ctx, args.str('person'));
        await p.lifecycle.assign(ctx.actor, ctx.now, inc.id, role, { id: person.id, name: person.name });
        return { ephemeral: true, text: `✅ ${escapeMarkup(person.name)} is now ${role} of ${inc.id}.` };
      },
    },
    {
      command: 'incident',
      sub: 'note',
      summary: "Adds a note to the incident's timeline (a 📌 reaction on a message in the incident channel does the same).",
      usage: 'incident note [id] <text…>',
      examples: ['incident note INC-7 Failover to the replica started', 'incident note Customer support notified'],
      args: [idArg, { name: 'text', kind: 'text', description: 'the note' }],
      async run(ctx, args) {
        const p = parts();
        const inc = p.find(ctx, args.optStr('id'));
        await p.lifecycle.note(ctx.actor, ctx.now, inc.id, args.str('text'));
        return { ephemeral: true, text: `📝 Added to ${inc.id}'s timeline.` };
      },
    },
    {
      command: 'incident',
      sub: 'resolve',
      summary: 'Resolves the incident (optionally with a summary); stops reminders, restores the status component.',
      usage: 'incident resolve [id] [summary…]',
      examples: ['incident resolve INC-7 Rolled back the 14:02 deploy; payments flowing again', 'incident resolve'],
      args: [idArg, { name: 'summary', kind: 'text', required: false, description: 'what happened and what fixed it' }],
      async run(ctx, args) {
        const p = parts();
        const inc = p.find(ctx, args.optStr('id'));
        const done = await p.lifecycle.resolve(ctx.actor, ctx.now, inc.id, args.optStr('summary'));
        const took = formatDuration(Date.parse(done.resolvedAt!) - Date.parse(done.declaredAt));
        return { text: `✅ ${inc.id} resolved after ${took}. Next: \`incident postmortem ${inc.id}\`.` };
      },
    },
    {
      command: 'incident',
      sub: 'list',
      summary: 'Lists open incidents (or all), most severe first.',
      usage: 'incident list [open|all]',
      examples: ['incident list', 'incident list all'],
      args: [{ name: 'which', kind: 'enum', choices: ['open', 'all'], required: false, description: 'open (default) or all' }],
      async run(ctx, args) {
        const p = parts();
        const which = (args.optStr('which') ?? 'open') as 'open' | 'all';
        const list = p.visible(ctx, which).slice(0, LIST_MAX);
        return { ephemeral: true, card: listCard(list, p.spaces.cardContext(ctx.zone), which) };
      },
    },
    {
      command: 'incident',
      sub: 'show',
      summary: 'Shows the incident: roles, status, durations and the whole timeline.',
      usage: 'incident show [id]',
      examples: ['incident show INC-7', 'incident show'],
      args: [idWord],
      async run(ctx, args) {
        const p = parts();
        const inc = target(p, ctx, args.optStr('id'));
        return { ephemeral: true, card: showCard(inc, p.spaces.cardContext(ctx.zone)) };
      },
    },
    {
      command: 'incident',
      sub: 'postmortem',
      summary: 'Writes the Markdown postmortem, posts it as a file and serves it at /incidents/<id>/postmortem.md.',
      usage: 'incident postmortem [id]',
      examples: ['incident postmortem INC-7', 'incident postmortem'],
      args: [idWord],
      async run(ctx, args) {
        const p = parts();
        const inc = target(p, ctx, args.optStr('id'));
        return p.postmortem(ctx, inc);
      },
    },
  ];
}
