// The change skill (SPEC §5): change requests with approval by quorum per risk, freeze
// windows, standard and emergency changes, the implementation lifecycle, reminders and lapses
// as durable jobs, the ChangeQueries view, change.* events and GET /changes.ics.
import type { Skill, SkillDeps } from '../../core/skill.js';
import { changeCalendar } from './calendar.js';
import { changeCommands } from './commands.js';
import { handleChangeJobs } from './jobs.js';
import { ChangeSchema, isOpen } from './model.js';
import { ChangeService } from './service.js';
import { changeQueries } from './views.js';

export function createChangeSkill(deps: SkillDeps): Skill {
  let service: ChangeService | undefined;
  const svc = (): ChangeService => {
    if (!service) throw new Error('change skill used before init');
    return service;
  };
  return {
    id: 'change',
    description: 'change requests, approvals by quorum, freeze windows and the change calendar',
    commands: changeCommands(svc),
    async init() {
      // Open changes stay in a small hot file; closed ones move to per-month archives.
      const col = await deps.store.collection('changes', { schema: ChangeSchema, partition: (c) => (isOpen(c.state) ? 'open' : c.updatedAt.slice(0, 7)) });
      const s = (service = new ChangeService(deps, col));
      handleChangeJobs(deps.scheduler, { remind: (id) => s.remindDue(id), lapse: (id) => s.lapseDue(id) });
      deps.queries.provide('changes', changeQueries(col, () => s.freezes()));
      deps.metrics.gauge('switchboard_changes_open', 'Open changes by state', ['state'], () =>
        (['pending', 'approved', 'in_progress'] as const).map((state) => ({ labels: { state }, value: col.filter((c) => c.state === state).length })),
      );
      deps.http.get('/changes.ics', () => ({
        status: 200,
        headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-cache' },
        body: changeCalendar(col.all(), s.freezes(), { organisation: deps.config.organisation, now: deps.clock.now() }),
      }));
    },
  };
}
