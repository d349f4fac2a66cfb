// The on-call skill: rotations that survive DST, who is on call, overrides and swaps,
// paging with a durable escalation engine, handoff announcements, outbound integrations,
// and an iCalendar feed per schedule.
import type { Skill, SkillDeps } from '../../core/skill.js';
import { subscribeToEvents } from './events.js';
import { HandoffAnnouncer } from './handoffs.js';
import { icsRoute } from './ical.js';
import { HandoffClaimSchema, OverrideSchema, PageSchema, pagePartition, SwapSchema } from './model.js';
import { oncallCommands } from './oncall-commands.js';
import { Outbox } from './outbox.js';
import { pageCommands } from './page-commands.js';
import { PageEngine } from './page-engine.js';
import { onCallQueries } from './queries.js';
import { Roster } from './roster.js';
import { ScheduleChanges } from './schedule-changes.js';
import type { OnCall } from './services.js';

export interface OnCallSkill extends Skill {
  /** Resolves once in-flight escalation steps and outbound deliveries are done (tests, benchmarks). */
  idle(): Promise<void>;
  /** The running parts, once init() has run. */
  parts(): OnCall;
}

export function createOnCallSkill(deps: SkillDeps): OnCallSkill {
  // The commands hold this object; init() fills it once the collections are open.
  const s = {} as OnCall;
  const parts = (): OnCall => {
    if (!s.engine) throw new Error('the on-call skill is not initialised');
    return s;
  };
  return {
    id: 'oncall',
    description: 'on-call schedules, overrides and swaps; paging with escalation',
    commands: [...oncallCommands(s), ...pageCommands(s)],
    async init() {
      const pages = await deps.store.collection('pages', { schema: PageSchema, partition: pagePartition });
      const overrides = await deps.store.collection('oncall-overrides', { schema: OverrideSchema, partition: (o) => o.end.slice(0, 7) });
      const swaps = await deps.store.collection('oncall-swaps', { schema: SwapSchema, partition: (x) => (x.status === 'pending' ? 'open' : x.createdAt.slice(0, 7)) });
      const claims = await deps.store.collection('oncall-handoffs', { schema: HandoffClaimSchema, partition: (c) => c.at.slice(0, 7) });
      const roster = new Roster(deps.config, overrides);
      const outbox = new Outbox({ pages, outbound: deps.outbound, clock: deps.clock, log: deps.log.child({ skill: 'oncall' }) });
      const engine = new PageEngine(deps, pages, roster, outbox);
      const handoffs = new HandoffAnnouncer(deps, roster, claims);
      Object.assign(s, { deps, roster, engine, handoffs, changes: new ScheduleChanges(deps, roster, overrides, swaps, handoffs) });
      deps.queries.provide('oncall', onCallQueries(s));
      subscribeToEvents(s);
      deps.http.get('/oncall/:schedule.ics', icsRoute(s));
      await engine.recover();
      for (const id of roster.ids()) await handoffs.arm(id);
    },
    idle: () => parts().engine.idle(),
    parts,
  };
}
