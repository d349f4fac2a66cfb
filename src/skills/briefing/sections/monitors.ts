// Failing monitors: which, on which component, since when and why.
import { escapeMarkup } from '../../../core/card.js';
import type { MonitorView } from '../../../core/queries.js';
import { at, capped, section } from './section.js';

export interface MonitorsData {
  failing: MonitorView[];
  componentName: Record<string, string>;
}

export const monitorsSection = section<MonitorsData>(
  'monitors',
  (src, ctx) => {
    const q = src.get('status');
    if (!q || !ctx.config.status?.monitors.length) return undefined;
    return { failing: q.monitors().filter((m) => m.failing), componentName: Object.fromEntries(q.components().map((c) => [c.id, c.name])) };
  },
  (d, ctx) => {
    if (d.failing.length === 0) return { id: 'monitors', line: '**Monitors**: ✅ all passing' };
    const lines = d.failing.map((m) => {
      const since = m.since ? ` since ${at(ctx, m.since)}` : '';
      const why = m.lastError ? ` — ${escapeMarkup(m.lastError)}` : '';
      return `• **${m.id}** (${escapeMarkup(d.componentName[m.componentId] ?? m.componentId)}) failing${since}${why}`;
    });
    return { id: 'monitors', heading: `**Failing monitors** (${d.failing.length})`, lines: capped(lines), tone: 'danger' };
  },
);
