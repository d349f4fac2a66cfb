// The skill registry: every skill this build has, created from the shared deps. main wires
// the result into the router; a skill reaches another only through that skill's index.ts.
import type { Skill, SkillDeps } from '../core/skill.js';
import { createAboutSkill } from './about/index.js';
import { createBriefingSkill } from './briefing/index.js';
import { createChangeSkill } from './change/index.js';
import { createIncidentSkill } from './incident/index.js';
import { createOnCallSkill } from './oncall/index.js';
import { createStandupSkill } from './standup/index.js';
import { createStatusSkill } from './status/index.js';
import { createVendorSkill } from './vendor/index.js';

export function createSkills(deps: SkillDeps): Skill[] {
  const skills: Skill[] = [createAboutSkill(deps)];
  skills.push(createIncidentSkill(deps));
  skills.push(createOnCallSkill(deps));
  skills.push(createChangeSkill(deps));
  skills.push(createStandupSkill(deps));
  skills.push(createStatusSkill(deps));
  skills.push(createBriefingSkill(deps));
  skills.push(createVendorSkill(deps));
  return skills;
}
