// The read-only view other skills get (`deps.queries.get('incidents')`), the metrics on
// /metrics, and the postmortem route. All read committed records only.
import { SEVERITIES } from '../../core/config/index.js';
import type { Clock, Collection } from '../../core/ports.js';
import type { IncidentQueries, IncidentView } from '../../core/queries.js';
import type { SkillDeps } from '../../core/skill.js';
import type { ChannelRef } from '../../core/types.js';
import { isIncidentChannel } from './access.js';
import { isOpen, type Incident } from './model.js';
import { severityRank } from './severities.js';
import { slaView } from './sla.js';
import { acknowledgedAt } from './transitions.js';

export function toView(i: Incident, now: Date): IncidentView {
  const sla = slaView(i, now);
  return {
    id: i.id,
    title: i.title,
    severity: i.severity,
    status: i.status,
    serviceId: i.serviceId,
    teamId: i.teamId,
    private: i.private,
    commander: i.roles.commander,
    declaredAt: i.declaredAt,
    acknowledgedAt: acknowledgedAt(i),
    mitigatedAt: i.mitigatedAt,
    resolvedAt: i.resolvedAt,
    channels: i.channels.map((c) => ({ ...c })),
    members: [...i.members],
    ...(sla ? { sla } : {}),
  };
}

/** Open incidents, most severe first, then oldest first. */
export function openIncidents(col: Collection<Incident>): Incident[] {
  return col.filter(isOpen).sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.declaredAt.localeCompare(b.declaredAt));
}

/** The newest incident whose own channel this is. */
export function incidentByChannel(col: Collection<Incident>, channel: ChannelRef): Incident | undefined {
  const found = col.filter((i) => isIncidentChannel(i, channel));
  return found.sort((a, b) => b.number - a.number)[0];
}

export function incidentQueries(col: Collection<Incident>, clock: Clock): IncidentQueries {
  const view = (i: Incident) => toView(i, clock.now());
  return {
    get: (id) => {
      const i = col.get(id.toUpperCase());
      return i ? view(i) : undefined;
    },
    open: () => openIncidents(col).map(view),
    resolvedBetween: (from, to) =>
      col
        .filter((i) => !!i.resolvedAt && Date.parse(i.resolvedAt) >= from.getTime() && Date.parse(i.resolvedAt) < to.getTime())
        .sort((a, b) => a.resolvedAt!.localeCompare(b.resolvedAt!))
        .map(view),
    byChannel: (channel) => {
      const i = incidentByChannel(col, channel);
      return i ? view(i) : undefined;
    },
  };
}

/** Time-to-resolve buckets (seconds): 5 min … 1 week. */
const TTR_BUCKETS = [300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200, 604_800];

/** The open-incidents gauge; returns the recorder of time to resolve. */
export function incidentMetrics(deps: Pick<SkillDeps, 'metrics'>, col: Collection<Incident>): (inc: Incident) => void {
  deps.metrics.gauge('switchboard_incidents_open', 'Open incidents by severity', ['severity'], () => {
    const open = col.filter(isOpen);
    return SEVERITIES.map((severity) => ({ labels: { severity }, value: open.filter((i) => i.severity === severity).length }));
  });
  const ttr = deps.metrics.histogram('switchboard_incident_time_to_resolve_seconds', 'Time from declaration to resolution', ['severity'], TTR_BUCKETS);
  return (inc) => {
    if (inc.resolvedAt) ttr.observe({ severity: inc.severity }, (Date.parse(inc.resolvedAt) - Date.parse(inc.declaredAt)) / 1000);
  };
}
