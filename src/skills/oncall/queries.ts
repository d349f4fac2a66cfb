// The read-only view other skills get (`deps.queries.get('oncall')`): who is on call, who a
// service pages first, the day's handoffs, and the pages.
import type { OnCallQueries, PageView } from '../../core/queries.js';
import { isUserError } from '../../core/errors.js';
import type { Page } from './model.js';
import type { OnCall } from './services.js';
import { serviceTarget } from './targets.js';

const view = (p: Page): PageView => ({
  id: p.id,
  summary: p.summary,
  severity: p.severity,
  status: p.status,
  incidentId: p.incidentId,
  serviceId: p.serviceId,
  createdAt: p.createdAt,
  acknowledgedAt: p.acknowledgedAt,
  acknowledgedBy: p.acknowledgedBy?.personId,
  resolvedAt: p.resolvedAt,
});

export function onCallQueries(s: OnCall): OnCallQueries {
  return {
    onCall(scheduleId, at) {
      const current = s.roster.around(scheduleId, at).current;
      return current && { scheduleId, personId: current.personId, start: new Date(current.start), end: new Date(current.end) };
    },
    firstResponders(serviceId, at) {
      try {
        const first = serviceTarget(s.deps.config, serviceId).policy.levels[0];
        return [...new Set(first.targets.flatMap((t) => s.roster.resolve(t, at)))];
      } catch (e) {
        if (isUserError(e)) return [];
        throw e;
      }
    },
    handoffs(from, to) {
      return s.roster.handoffs(from, to).map((h) => ({ scheduleId: h.scheduleId, at: h.at, from: h.from, to: h.to }));
    },
    pages(filter) {
      return s.engine.pages
        .filter((p) => (!filter?.status || p.status === filter.status) && (!filter?.incidentId || p.incidentId === filter.incidentId))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id, 'en', { numeric: true }))
        .map(view);
    },
  };
}
