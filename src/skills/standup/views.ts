// The read-only view other skills get (`deps.queries.get('standups')`): the morning briefing
// lists the blockers of the last standup.
import type { StandupQueries } from '../../core/queries.js';
import { blockerOf } from './model.js';
import type { StandupService } from './service.js';

export function standupQueries(svc: StandupService): StandupQueries {
  return {
    blockers(day, teamId) {
      const out: ReturnType<StandupQueries['blockers']> = [];
      for (const s of svc.roster.all()) {
        if (teamId && s.team !== teamId) continue;
        for (const personId of svc.roster.members(s)) {
          const e = svc.entry(s, day, personId);
          const text = e ? blockerOf(e) : undefined;
          if (text) out.push({ standupId: s.id, personId, text });
        }
      }
      return out;
    },
  };
}
