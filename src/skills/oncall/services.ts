// The parts of the on-call skill the commands, events and routes share.
import type { SkillDeps } from '../../core/skill.js';
import type { HandoffAnnouncer } from './handoffs.js';
import type { PageEngine } from './page-engine.js';
import type { Roster } from './roster.js';
import type { ScheduleChanges } from './schedule-changes.js';

export interface OnCall {
  deps: SkillDeps;
  roster: Roster;
  engine: PageEngine;
  changes: ScheduleChanges;
  handoffs: HandoffAnnouncer;
}
