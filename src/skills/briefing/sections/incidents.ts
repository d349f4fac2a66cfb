// Open incidents with severity, age and commander — private ones without their title.
import { escapeMarkup } from '../../../core/card.js';
import type { Severity } from '../../../core/config/index.js';
import type { IncidentView } from '../../../core/queries.js';
import { formatDuration } from '../../../core/time.js';
import { capped, section, type BriefingContext } from './section.js';

export const SEVERITY_MARK: Record<Severity, string> = { sev1: '🔴', sev2: '🟠', sev3: '🟡', sev4: '⚪' };

/** `🔴 **INC-4** sev1 · Checkout errors`, or `_private_` for a private incident. */
export function incidentLabel(i: IncidentView): string {
  return `${SEVERITY_MARK[i.severity]} **${i.id}** ${i.severity} · ${i.private ? '_private incident_' : escapeMarkup(i.title)}`;
}

export function openIncidentLine(i: IncidentView, ctx: BriefingContext): string {
  const age = formatDuration(ctx.now.getTime() - Date.parse(i.declaredAt));
  const commander = i.commander ? `commander ${escapeMarkup(ctx.name(i.commander))}` : 'no commander';
  return `• ${incidentLabel(i)} — ${i.status}, ${age} old, ${commander}`;
}

export const incidentsSection = section<IncidentView[]>(
  'incidents',
  (src) => src.get('incidents')?.open(),
  (open, ctx) => {
    if (open.length === 0) return { id: 'incidents', line: '**Open incidents**: ✅ none' };
    const urgent = open.some((i) => i.severity === 'sev1' || i.severity === 'sev2');
    return { id: 'incidents', heading: `**Open incidents** (${open.length})`, lines: capped(open.map((i) => openIncidentLine(i, ctx))), tone: urgent ? 'danger' : 'warning' };
  },
);
