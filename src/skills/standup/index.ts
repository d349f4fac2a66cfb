// The standup skill (SPEC §6): Geekbot-style daily standups. Each member is prompted at the
// prompt time in their own zone by direct message on every platform they have (a form where
// the platform has forms), with a "yesterday" suggestion from what they did in Switchboard;
// a reminder goes to those who have not answered, and one summary per team at summary time.
// Provides the `standups` view (blockers) and GET /standups/:id (the last summaries).
import type { Skill, SkillDeps } from '../../core/skill.js';
import { standupCommands } from './commands.js';
import { EntrySchema, SummarySchema } from './model.js';
import { renderHistory } from './page.js';
import { Roster } from './roster.js';
import { StandupRounds } from './rounds.js';
import { StandupService } from './service.js';
import { standupQueries } from './views.js';

/** How many summaries the history page shows. */
const HISTORY_DAYS = 14;

export function createStandupSkill(deps: SkillDeps): Skill {
  let service: StandupService | undefined;
  const svc = (): StandupService => {
    if (!service) throw new Error('standup skill used before init');
    return service;
  };
  return {
    id: 'standup',
    description: 'daily standups: prompts in each member’s zone, reminders, one summary per team',
    commands: standupCommands(deps.config.standups, svc),
    async init() {
      // A month per file: a write stays cheap after years of standups.
      const entries = await deps.store.collection('standup-entries', { schema: EntrySchema, partition: (e) => e.day.slice(0, 7) });
      const summaries = await deps.store.collection('standup-summaries', { schema: SummarySchema, partition: (r) => r.day.slice(0, 7) });
      const s = (service = new StandupService(deps, new Roster(deps.config, deps.people), entries, summaries));
      new StandupRounds(s).register();
      deps.queries.provide('standups', standupQueries(s));
      deps.http.get('/standups/:id', (req) => {
        const st = s.roster.find(req.params.id ?? '');
        if (!st) return { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: 'not found' }) };
        const days = s.postedDays(st, HISTORY_DAYS).map((day) => s.model(st, day));
        return renderHistory(`${s.roster.teamName(st)} standup — last summaries`, days);
      });
    },
  };
}
