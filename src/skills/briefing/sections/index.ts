// The briefing's sections by id, in the order of BRIEFING_SECTIONS; a briefing lists them in
// its own order (config `sections`).
import { changesSection } from './changes.js';
import { incidentsSection } from './incidents.js';
import { monitorsSection } from './monitors.js';
import { oncallSection } from './oncall.js';
import { overnightSection } from './overnight.js';
import { resolvedSection } from './resolved.js';
import type { BriefingSection, SectionId } from './section.js';
import { standupsSection } from './standups.js';
import { statusSection } from './status.js';

export const SECTIONS: Record<SectionId, BriefingSection> = {
  overnight: overnightSection,
  status: statusSection,
  incidents: incidentsSection,
  resolved: resolvedSection,
  oncall: oncallSection,
  changes: changesSection,
  monitors: monitorsSection,
  standups: standupsSection,
};

export type { BriefingContext, BriefingSection, SectionId, SectionOutput, Sources } from './section.js';
export { briefingContext } from './section.js';
