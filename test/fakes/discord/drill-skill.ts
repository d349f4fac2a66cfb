// A small test-only skill shaped like `incident declare`: a command that opens a channel
// through ChatHub.createChannel and posts a card with buttons, a select and a form button;
// buttons that update the card in place; a command that answers with a form; a 📌 reaction
// handler; a file reply; and a command that takes its time. Adapter tests drive it from
// Discord and read the results at the fake API and in the store.
import { z } from 'zod';
import { actions, button, card, escapeMarkup, field, fields, formButton, mention, select, text, type Card, type Form } from '../../../src/core/card.js';
import { UserError } from '../../../src/core/errors.js';
import type { Collection } from '../../../src/core/ports.js';
import type { Skill, SkillDeps } from '../../../src/core/skill.js';
import { ChannelRefSchema, MessageRefSchema } from '../../../src/core/types.js';

const DrillSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(['sev1', 'sev2', 'sev3', 'sev4']),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  declaredBy: z.string(),
  channel: ChannelRefSchema.optional(),
  cards: z.array(MessageRefSchema),
  notes: z.array(z.string()),
});
export type Drill = z.infer<typeof DrillSchema>;

const ID = /^DRILL-\d+$/i;
const TONE = { open: 'danger', acknowledged: 'warning', resolved: 'success' } as const;

export const noteForm = (id: string): Form => ({
  title: `Note on ${id}`,
  command: `drill note ${id} {text}`,
  inputs: [{ type: 'text', id: 'text', label: 'What happened?', multiline: true }],
});

export function drillCard(d: Drill): Card {
  return card(
    `${d.id}: ${escapeMarkup(d.title)}`,
    [
      fields([field('Status', d.status), field('Severity', d.severity), field('Declared by', mention(d.declaredBy))]),
      ...(d.notes.length ? [text(d.notes.map((n) => `• ${escapeMarkup(n)}`).join('\n'))] : []),
      actions(
        button('Acknowledge', `drill ack ${d.id}`, { style: 'primary' }),
        button('Resolve', `drill resolve ${d.id}`, { style: 'danger', confirm: { title: 'Resolve?', text: `Resolve ${d.id}?`, confirm: 'Resolve', deny: 'Keep open' } }),
        formButton('Add note', noteForm(d.id)),
      ),
      actions(select('Severity', `drill sev ${d.id} {value}`, ['sev1', 'sev2', 'sev3', 'sev4'].map((s) => ({ label: s.toUpperCase(), value: s })), d.severity)),
    ],
    TONE[d.status],
  );
}

export interface DrillSkill extends Skill {
  drills(): Collection<Drill>;
  /** Resolves `drill slow`, which waits for it. */
  release(): void;
}

export function createDrillSkill(deps: SkillDeps): DrillSkill {
  let col: Collection<Drill>;
  let release!: () => void;
  let gate = new Promise<void>((r) => (release = r));
  const get = (id: string) => {
    const d = col.get(id.toUpperCase());
    if (!d) throw new UserError(`No drill ${id}.`);
    return d;
  };
  const change = async (id: string, fn: (d: Drill) => Drill) => {
    const d = await col.update(get(id).id, fn);
    await deps.chat.update(d.cards, { card: drillCard(d) });
    return d;
  };
  const idArg = { name: 'id', kind: 'id' as const, description: 'the drill id', pattern: ID };
  return {
    id: 'drill',
    description: 'incident drills (test only)',
    drills: () => col,
    release: () => {
      release();
      gate = new Promise<void>((r) => (release = r));
    },
    async init() {
      col = await deps.store.collection('drills', { schema: DrillSchema });
    },
    reactions: [
      {
        emoji: ['pushpin'],
        async run(ev) {
          const d = col.filter((x) => x.channel?.id === ev.channel.id)[0];
          if (d && ev.target) await change(d.id, (x) => ({ ...x, notes: [...x.notes, `📌 ${ev.target!.authorName}: ${ev.target!.text}`] }));
        },
      },
    ],
    commands: [
      {
        command: 'drill',
        sub: 'declare',
        summary: 'Declares a drill with its own channel.',
        usage: 'drill declare <title…> [sev:<sev1-4>] [private]',
        examples: ['drill declare Checkout errors sev:sev2'],
        args: [{ name: 'title', kind: 'text', description: 'what is happening' }],
        options: [{ key: 'sev', kind: 'enum', choices: ['sev1', 'sev2', 'sev3', 'sev4'], description: 'severity (default sev3)' }],
        flags: [{ name: 'private', description: 'a private channel' }],
        async run(ctx, args) {
          const person = ctx.person?.id ?? ctx.actor.userId;
          const d = await col.create('DRILL', (id) => ({ id, title: args.str('title'), severity: (args.optStr('sev') ?? 'sev3') as Drill['severity'], status: 'open', declaredBy: person, cards: [], notes: [] }));
          const n = d.id.split('-')[1];
          const parent = deps.chat.teamChannel('platform', 'incidents').find((c) => c.platform === ctx.actor.platform);
          const channel = await deps.chat.createChannel(ctx.actor.platform, { name: `drill-${n}-${d.title}`, private: args.flag('private'), topic: d.title, parent, threadStarter: { text: `Drill ${d.id}` } });
          if (!channel) throw new Error('no channel');
          await deps.chat.invitePeople(channel, [person]);
          const ref = await deps.chat.post(channel, { card: drillCard(d) });
          await col.update(d.id, (x) => ({ ...x, channel, cards: ref ? [ref] : [] }));
          return { text: `Declared **${d.id}**: ${escapeMarkup(d.title)}` };
        },
      },
      {
        command: 'drill',
        sub: 'ack',
        summary: 'Acknowledges a drill.',
        usage: 'drill ack <id>',
        examples: ['drill ack DRILL-1'],
        args: [idArg],
        async run(ctx, args) {
          const d = await change(args.str('id'), (x) => ({ ...x, status: 'acknowledged', notes: [...x.notes, `acknowledged by ${ctx.actor.name}`] }));
          return { text: `You acknowledged ${d.id}.`, ephemeral: true };
        },
      },
      {
        command: 'drill',
        sub: 'resolve',
        summary: 'Resolves a drill.',
        usage: 'drill resolve <id>',
        examples: ['drill resolve DRILL-1'],
        args: [idArg],
        async run(_ctx, args) {
          const d = await change(args.str('id'), (x) => ({ ...x, status: 'resolved' }));
          return { text: `${d.id} resolved.` };
        },
      },
      {
        command: 'drill',
        sub: 'sev',
        summary: 'Changes a drill severity.',
        usage: 'drill sev <id> <sev1-4>',
        examples: ['drill sev DRILL-1 sev1'],
        args: [idArg, { name: 'severity', kind: 'enum', choices: ['sev1', 'sev2', 'sev3', 'sev4'], description: 'the new severity' }],
        async run(_ctx, args) {
          const d = await change(args.str('id'), (x) => ({ ...x, severity: args.str('severity') as Drill['severity'] }));
          return { text: `${d.id} is now ${d.severity}.` };
        },
      },
      {
        command: 'drill',
        sub: 'note',
        summary: 'Adds a note.',
        usage: 'drill note <id> <text…>',
        examples: ['drill note DRILL-1 rolled back'],
        args: [idArg, { name: 'text', kind: 'text', description: 'the note' }],
        async run(_ctx, args) {
          const d = await change(args.str('id'), (x) => ({ ...x, notes: [...x.notes, args.str('text')] }));
          return { text: `Noted on ${d.id}.` };
        },
      },
      {
        command: 'drill',
        sub: 'form',
        summary: 'Opens the note form of a drill.',
        usage: 'drill form <id>',
        examples: ['drill form DRILL-1'],
        args: [idArg],
        async run(_ctx, args) {
          return { form: noteForm(get(args.str('id')).id), text: 'Add a note with the form.', ephemeral: true };
        },
      },
      {
        command: 'drill',
        sub: 'slow',
        summary: 'Answers when the test releases it.',
        usage: 'drill slow [private]',
        examples: ['drill slow'],
        flags: [{ name: 'private', description: 'answer only to you' }],
        async run(_ctx, args) {
          await gate;
          return { text: 'Finally done.', ephemeral: args.flag('private') };
        },
      },
      {
        command: 'drill',
        sub: 'report',
        summary: 'Sends a report file.',
        usage: 'drill report',
        examples: ['drill report'],
        async run() {
          return { text: 'Here is the report.', file: { filename: 'drill.md', title: 'Drill report', content: '# Drill\n\nAll good.\n' } };
        },
      },
    ],
  };
}
