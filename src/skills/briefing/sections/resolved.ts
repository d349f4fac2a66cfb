// Incidents resolved in the last 24 hours, with their time to resolve and how the response
// SLAs went (met / breached), when SLAs are configured.
import type { IncidentView } from '../../../core/queries.js';
import { slaSummaryLine } from '../../incident/index.js';
import { formatDuration } from '../../../core/time.js';
import { incidentLabel } from './incidents.js';
import { at, capped, section } from './section.js';

const DAY_MS = 86_400_000;

export const resolvedSection = section<IncidentView[]>(
  'resolved',
  (src, ctx) => src.get('incidents')?.resolvedBetween(new Date(ctx.now.getTime() - DAY_MS), ctx.now),
  (resolved, ctx) => {
    if (resolved.length === 0) return { id: 'resolved', line: '**Resolved in the last 24 h**: none' };
    const lines = resolved.map((i) => `• ${incidentLabel(i)} — resolved in ${formatDuration(Date.parse(i.resolvedAt!) - Date.parse(i.declaredAt))} (at ${at(ctx, i.resolvedAt!)})`);
    const sla = slaSummaryLine(resolved);
    return { id: 'resolved', heading: `**Resolved in the last 24 h** (${resolved.length})`, lines: [...capped(lines), ...(sla ? [sla] : [])] };
  },
);
