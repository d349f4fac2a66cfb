// GET /api/status.json: the page model in the shape of Statuspage's public `summary.json`
// (page, status, components with groups, unresolved incidents with their updates, scheduled
// maintenances), so tools that read Statuspage read Switchboard. `uptime_90d` is our addition.
import type { Maintenance, StatusIncident } from './model.js';
import type { ComponentRow, PageModel } from './page-model.js';
import { impactForSeverity } from './rules.js';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'status';

export function summaryJson(m: PageModel): Record<string, unknown> {
  const pageId = slug(m.title);
  const rows = m.groups.flatMap((g) => g.components);
  const componentJson = (c: ComponentRow) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    position: c.position + 1,
    description: c.description ?? null,
    showcase: true,
    start_date: c.createdAt.slice(0, 10),
    group_id: c.group ?? null,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
    uptime_90d: c.uptime === undefined ? null : Math.floor(c.uptime * 10_000) / 100,
  });
  const groups = m.groups
    .filter((g) => g.id)
    .map((g, i) => ({
      id: g.id!,
      name: g.name!,
      status: g.status,
      created_at: g.components.map((c) => c.createdAt).sort()[0],
      updated_at: g.components.map((c) => c.updatedAt).sort().reverse()[0],
      position: rows.length + i + 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: g.components.map((c) => c.id),
    }));
  const byId = new Map(rows.map((c) => [c.id, c]));
  const affected = (ids: string[]) => ids.flatMap((id) => (byId.has(id) ? [componentJson(byId.get(id)!)] : []));
  const shortlink = (anchor: string) => `${m.url}#${anchor}`;

  const incident = (i: StatusIncident) => ({
    id: i.id,
    name: i.title,
    status: i.status,
    created_at: i.declaredAt,
    updated_at: i.updatedAt,
    monitoring_at: i.monitoringAt ?? null,
    resolved_at: i.resolvedAt ?? null,
    impact: impactForSeverity(i.severity),
    shortlink: shortlink(`incident-${i.id}`),
    started_at: i.declaredAt,
    page_id: pageId,
    incident_updates: i.updates
      .map((u, n) => ({ id: `${i.id}-${n + 1}`, status: u.status, body: u.text, incident_id: i.id, created_at: u.at, updated_at: u.at, display_at: u.at, affected_components: null }))
      .reverse(),
    components: affected(i.componentIds),
  });

  const maintenance = (x: Maintenance) => {
    const updates = [{ id: `${x.id}-1`, status: 'scheduled', body: x.message, incident_id: x.id, created_at: x.createdAt, updated_at: x.createdAt, display_at: x.createdAt, affected_components: null }];
    if (x.startedAt) updates.push({ id: `${x.id}-2`, status: 'in_progress', body: 'Maintenance is in progress.', incident_id: x.id, created_at: x.startedAt, updated_at: x.startedAt, display_at: x.startedAt, affected_components: null });
    return {
      id: x.id,
      name: x.message,
      status: x.state,
      created_at: x.createdAt,
      updated_at: x.startedAt ?? x.createdAt,
      monitoring_at: null,
      resolved_at: null,
      impact: 'maintenance',
      shortlink: shortlink(`maintenance-${x.id}`),
      started_at: x.start,
      page_id: pageId,
      incident_updates: updates.reverse(),
      components: affected(x.componentIds),
      scheduled_for: x.start,
      scheduled_until: x.end,
    };
  };

  const times = [...rows.map((c) => c.updatedAt), ...m.open.map((i) => i.updatedAt), ...m.maintenance.map((x) => x.startedAt ?? x.createdAt)].sort();
  return {
    page: { id: pageId, name: m.title, url: m.url, time_zone: m.zone, updated_at: times[times.length - 1] ?? m.now.toISOString() },
    status: { indicator: m.indicator, description: m.description },
    components: [...rows.map(componentJson), ...groups],
    incidents: m.open.map(incident),
    scheduled_maintenances: m.maintenance.map(maintenance),
  };
}
