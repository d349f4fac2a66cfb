// The incident skill (SPEC §3): declare to postmortem from chat, on every platform, through
// the neutral ChatHub. init() opens the `incidents` collection, registers the reminder job,
// listens for page acknowledgements, provides the `incidents` queries and serves the
// postmortem over HTTP.
import { isUserError } from '../../core/errors.js';
import type { ReactionEvent, Skill, SkillDeps } from '../../core/skill.js';
import { incidentCommands } from './commands.js';
import { IncidentSchema, incidentPartition, messageKey, type Incident } from './model.js';
import { IncidentParts } from './parts.js';
import { REMINDER_JOB } from './reminders.js';
import { SLA_JOB } from './sla-timers.js';
import { incidentQueries } from './views.js';

/** For the morning briefing: met / breached response SLAs over `IncidentView`s (e.g. resolved in the last 24 h). */
export { slaFigures, slaSummaryLine, type SlaFigures } from './sla.js';

export function createIncidentSkill(deps: SkillDeps): Skill {
  let parts: IncidentParts | undefined;
  const get = (): IncidentParts => {
    if (!parts) throw new Error('the incident skill is used before init()');
    return parts;
  };

  /** 📌 on a message in an incident channel puts it on the timeline (original time and author), once. */
  async function pinned(ev: ReactionEvent): Promise<void> {
    const p = get();
    const inc = p.inChannel(ev.channel);
    if (!inc) return;
    const tell = (text: string) => deps.chat.ephemeral(ev.channel, ev.actor.userId, { text });
    if (!ev.target) {
      await tell(`I could not read that message, so it is not on ${inc.id}'s timeline. Add it with \`incident note ${inc.id} <text…>\`.`);
      return;
    }
    const author = deps.people.byAccount(ev.channel.platform, ev.target.authorId);
    try {
      await p.lifecycle.pin(ev.actor, deps.clock.now(), inc.id, {
        key: messageKey(ev.message),
        text: ev.target.text,
        author: { name: author?.name ?? ev.target.authorName, userId: ev.target.authorId, personId: author?.id },
        // An adapter that could not read the message's time still gets it on the timeline, now.
        at: Number.isNaN(ev.target.at.getTime()) ? deps.clock.now() : ev.target.at,
      });
      await tell(`📌 Added to ${inc.id}'s timeline.`);
    } catch (e) {
      if (!isUserError(e)) throw e;
      await tell(e.message);
    }
  }

  return {
    id: 'incident',
    description: 'declare and run incidents from chat, through to the postmortem',
    commands: incidentCommands(get),
    reactions: [{ emoji: ['pushpin'], run: pinned }],
    async init() {
      const col = await deps.store.collection<Incident>('incidents', { schema: IncidentSchema, partition: incidentPartition });
      const p = (parts = new IncidentParts(deps, col));
      deps.scheduler.handle(REMINDER_JOB, (job) => p.reminders.run(job));
      deps.scheduler.handle(SLA_JOB, (job) => p.sla.run(job));
      await p.sla.heal();
      deps.queries.provide('incidents', incidentQueries(col, deps.clock));
      deps.events.on('page.acknowledged', async (page) => {
        if (!page.incidentId) return;
        const at = new Date(page.at);
        await p.lifecycle.pageAcknowledged(page.incidentId.toUpperCase(), { id: page.id, at: Number.isNaN(at.getTime()) ? deps.clock.now() : at, by: page.by });
      });
      deps.http.get('/incidents/:id/postmortem.md', (req) => {
        const id = (req.params.id ?? '').toUpperCase();
        const inc = /^INC-\d{1,9}$/.test(id) ? col.get(id) : undefined;
        // A private incident is not served at all: over HTTP nobody can prove membership.
        if (!inc || inc.private) return { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: 'not found' }) };
        return { status: 200, headers: { 'content-type': 'text/markdown; charset=utf-8' }, body: p.markdown(inc) };
      });
    },
  };
}
