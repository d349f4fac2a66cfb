// The briefing skill (SPEC §6): the ops morning briefing, one card per configured briefing to
// its channels on its cron (in its zone), and `briefing` on demand. It reads the other skills
// only through their views (`deps.queries`); a section whose skill is not running or not
// configured is left out. Sections live one per file in ./sections.
import type { Skill, SkillDeps } from '../../core/skill.js';
import { briefingCommands } from './commands.js';
import { RunSchema } from './model.js';
import { BriefingService } from './service.js';

/** A missed briefing may post on start; the handler narrows this to the occurrence's own day. */
const CATCH_UP_MS = 24 * 3_600_000;

export function createBriefingSkill(deps: SkillDeps): Skill {
  let service: BriefingService | undefined;
  const svc = (): BriefingService => {
    if (!service) throw new Error('briefing skill used before init');
    return service;
  };
  return {
    id: 'briefing',
    description: 'the ops morning briefing: status, incidents, on call, changes, monitors, standup blockers',
    commands: briefingCommands(svc),
    async init() {
      const runs = await deps.store.collection('briefing-runs', { schema: RunSchema, partition: (r) => r.occurrence.slice(0, 7) });
      const s = (service = new BriefingService(deps, runs));
      for (const b of s.all()) {
        if (b.teams.length + b.channels.length === 0) deps.log.warn({ briefing: b.id }, 'briefing has no teams or channels; it is only shown by `briefing`');
        deps.scheduler.recurring({ name: `briefing:${b.id}`, cron: b.cron, timezone: s.zone(b), catchUpMs: CATCH_UP_MS, run: (o) => s.scheduled(b, o) });
      }
    },
  };
}
