// Overall status and the components that are not operational.
import type { ComponentStatus } from '../../../core/config/index.js';
import type { ComponentView, StatusIndicator } from '../../../core/queries.js';
import { at, section } from './section.js';

export interface StatusData {
  overall: StatusIndicator;
  /** Components not operational. */
  troubled: ComponentView[];
}

/** Statuspage's words for the overall indicator. */
const OVERALL: Record<StatusIndicator, string> = {
  none: '🟢 All systems operational',
  minor: '🟡 Minor service outage',
  major: '🟠 Partial system outage',
  critical: '🔴 Major service outage',
};

export const STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: 'operational',
  degraded_performance: 'degraded performance',
  partial_outage: 'partial outage',
  major_outage: 'major outage',
  under_maintenance: 'under maintenance',
};

export const statusSection = section<StatusData>(
  'status',
  (src, ctx) => {
    const q = src.get('status');
    if (!q || !ctx.config.status) return undefined;
    return { overall: q.overall(), troubled: q.components().filter((c) => c.status !== 'operational') };
  },
  (d, ctx) => {
    if (d.troubled.length === 0 && d.overall === 'none') return { id: 'status', line: `**Status**: ${OVERALL.none}` };
    const onlyMaintenance = d.overall === 'none' && d.troubled.every((c) => c.status === 'under_maintenance');
    const heading = `**Status**: ${onlyMaintenance ? '🔧 Service under maintenance' : OVERALL[d.overall]}`;
    const lines = d.troubled.map((c) => `• **${c.name}** — ${STATUS_LABEL[c.status]}${c.updatedAt ? ` since ${at(ctx, c.updatedAt)}` : ''}`);
    return { id: 'status', heading, lines, tone: d.overall === 'critical' || d.overall === 'major' ? 'danger' : 'warning' };
  },
);
