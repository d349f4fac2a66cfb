// Test-only skills that stand in for the incident and on-call skills (built in parallel, not in
// this branch) so the Teams adapter's behaviour can be shown end to end: an incident-like thread
// with a card whose button updates it in place, a form, and a DM to a configured person.
// After the merge these tests should drive the real `incident declare` and `page` instead.
import { z } from 'zod';
import { actions, button, card, escapeMarkup, field, fields, text, type Card } from '../../../src/core/card.js';
import { UserError } from '../../../src/core/errors.js';
import type { Collection } from '../../../src/core/ports.js';
import type { Skill, SkillDeps } from '../../../src/core/skill.js';
import { ChannelRefSchema, MessageRefSchema, type MessageRef } from '../../../src/core/types.js';

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  status: z.enum(['investigating', 'acknowledged']),
  declaredBy: z.string(),
  ackBy: z.string().optional(),
  thread: ChannelRefSchema.optional(),
  card: MessageRefSchema.optional(),
});
export type StandInIncident = z.infer<typeof IncidentSchema>;

const incidentCard = (r: StandInIncident): Card =>
  card(
    `${r.id} · ${r.severity.toUpperCase()} · ${escapeMarkup(r.title)}`,
    [
      fields([field('Status', r.status), field('Declared by', escapeMarkup(r.declaredBy)), ...(r.ackBy ? [field('Acknowledged by', escapeMarkup(r.ackBy))] : [])]),
      ...(r.status === 'investigating' ? [actions(button('Acknowledge', `incident ack ${r.id}`, { style: 'primary' }))] : []),
    ],
    r.severity === 'sev1' ? 'danger' : 'warning',
  );

export function createStandInSkills(deps: SkillDeps): Skill[] {
  let incidents: Collection<StandInIncident>;
  const incident: Skill = {
    id: 'incident-stand-in',
    description: 'a test stand-in for the incident skill',
    async init() {
      incidents = await deps.store.collection('standin-incidents', { schema: IncidentSchema });
    },
    commands: [
      {
        command: 'incident',
        sub: 'declare',
        summary: 'Declares an incident with a thread in the team incident channel.',
        usage: 'incident declare <sev1-4> <title…>',
        examples: ['incident declare sev2 Checkout is failing'],
        args: [
          { name: 'severity', kind: 'enum', choices: ['sev1', 'sev2', 'sev3', 'sev4'], description: 'how bad' },
          { name: 'title', kind: 'text', description: 'what is wrong' },
        ],
        async run(ctx, args) {
          const rec = await incidents.create('INC', (id) => ({ id, title: args.str('title'), severity: args.str('severity'), status: 'investigating', declaredBy: ctx.actor.name }));
          const team = deps.config.incidents.default_team ?? 'platform';
          for (const parent of deps.chat.teamChannel(team, 'incidents').filter((c) => c.platform === 'teams')) {
            const thread = await deps.chat.createChannel('teams', { name: `inc-${rec.id.slice(4)}`, parent, threadStarter: { card: incidentCard(rec) } });
            if (!thread?.threadId) continue;
            const root: MessageRef = { platform: 'teams', channelId: thread.id, messageId: thread.threadId, threadId: thread.threadId, serviceUrl: thread.serviceUrl };
            await incidents.update(rec.id, (r) => ({ ...r, thread, card: root }));
            await deps.chat.post(thread, { text: `Incident thread for **${rec.id}**: post updates here.` });
            if (ctx.person) await deps.chat.invitePeople(thread, [ctx.person.id]);
          }
          return { text: `Declared **${rec.id}**: ${escapeMarkup(rec.title)}` };
        },
      },
      {
        command: 'incident',
        sub: 'ack',
        summary: 'Acknowledges an incident.',
        usage: 'incident ack <id>',
        examples: ['incident ack INC-1'],
        args: [{ name: 'id', kind: 'id', pattern: /^INC-\d+$/i, description: 'the incident' }],
        async run(ctx, args) {
          const id = args.str('id').toUpperCase();
          const current = incidents.get(id);
          if (!current) throw new UserError(`There is no incident ${id}.`);
          if (current.status === 'acknowledged') return { text: `${id} was already acknowledged by ${current.ackBy}.`, ephemeral: true };
          const next = await incidents.update(id, (r) => ({ ...r, status: 'acknowledged', ackBy: ctx.actor.name }));
          if (next.card) await deps.chat.update([next.card], { card: incidentCard(next) });
          return { text: `${id} acknowledged by ${escapeMarkup(ctx.actor.name)}.`, ephemeral: true };
        },
      },
      {
        command: 'incident',
        sub: 'new',
        summary: 'Opens the form to declare an incident.',
        usage: 'incident new',
        examples: ['incident new'],
        async run() {
          return {
            text: 'Fill in the form to declare an incident.',
            form: {
              title: 'Declare an incident',
              submitLabel: 'Declare',
              command: 'incident declare {severity} {title}',
              inputs: [
                { type: 'select', id: 'severity', label: 'Severity', options: ['sev1', 'sev2', 'sev3', 'sev4'].map((s) => ({ label: s.toUpperCase(), value: s })) },
                { type: 'text', id: 'title', label: 'Title', placeholder: 'What is broken?' },
              ],
            },
          };
        },
      },
    ],
  };
  const nudge: Skill = {
    id: 'nudge-stand-in',
    description: 'a test stand-in for paging: a direct message to a person',
    commands: [
      {
        command: 'nudge',
        summary: 'Sends a person a direct message.',
        usage: 'nudge <person> <message…>',
        examples: ['nudge @bob Please look at the database'],
        args: [
          { name: 'person', kind: 'person', description: 'who' },
          { name: 'message', kind: 'text', description: 'what to tell them' },
        ],
        async run(ctx, args) {
          const p = args.person('person');
          const refs = await deps.chat.dmPerson(p.id, { card: card(`👋 ${escapeMarkup(ctx.actor.name)} needs you`, [text(escapeMarkup(args.str('message')))], 'info') });
          return { text: refs.length ? `Sent to ${escapeMarkup(p.name)}.` : `${escapeMarkup(p.name)} could not be reached.`, ephemeral: true };
        },
      },
    ],
  };
  return [incident, nudge];
}
