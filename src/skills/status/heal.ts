// At start, every hold is checked against its source of truth, so a crash between two writes
// (or a monitor removed from the config) never leaves a component stuck: a hold whose monitor
// or heartbeat recovered, whose maintenance finished or whose incident resolved is released,
// and a missing hold of a failing monitor or heartbeat, running maintenance or open incident is set.
import type { Catalog } from './catalog.js';
import type { ComponentBook } from './component-book.js';
import type { HeartbeatBook } from './heartbeat-book.js';
import type { IncidentFeed } from './incident-feed.js';
import type { MaintenanceBook } from './maintenance.js';
import type { MonitorRunner } from './monitor-runner.js';
import { statusForSeverity } from './rules.js';

export interface HoldSources {
  runner: MonitorRunner;
  maintenance: MaintenanceBook;
  incidents: IncidentFeed;
  heartbeats: HeartbeatBook;
}

export async function healHolds(catalog: Catalog, book: ComponentBook, { runner, maintenance, incidents, heartbeats }: HoldSources): Promise<void> {
  const failing = new Map(runner.all().filter((m) => m.failing).map((m) => [m.id, m]));
  const failingJobs = new Set(catalog.heartbeats.filter((h) => h.componentId && heartbeats.state(h).failing).map((h) => h.id));
  for (const c of book.all()) {
    for (const h of c.holds) {
      const [kind, id] = [h.source.split(':')[0], h.source.slice(h.source.indexOf(':') + 1)];
      const stale =
        (kind === 'monitor' && (!failing.has(id) || catalog.monitor(id)?.componentId !== c.id)) ||
        (kind === 'heartbeat' && (!failingJobs.has(id) || catalog.heartbeat(id)?.componentId !== c.id)) ||
        (kind === 'maintenance' && maintenance.col.get(id)?.state !== 'in_progress') ||
        (kind === 'incident' && (incidents.get(id)?.status ?? 'resolved') === 'resolved');
      if (stale) await book.hold(c.id, h.source, 'operational');
    }
  }
  const has = (componentId: string, source: string) => book.state(componentId).holds.some((h) => h.source === source);
  for (const [id, m] of failing) {
    const cfg = catalog.monitor(id);
    if (cfg && cfg.componentId === m.componentId && !has(m.componentId, `monitor:${id}`)) {
      await book.hold(m.componentId, `monitor:${id}`, cfg.failureStatus, { message: `monitor ${id}: ${m.lastError ?? 'failing'}` });
    }
  }
  for (const id of failingJobs) {
    const hb = catalog.heartbeat(id)!;
    if (!has(hb.componentId!, `heartbeat:${id}`)) await book.hold(hb.componentId!, `heartbeat:${id}`, hb.failureStatus, { message: `heartbeat ${id}: failing` });
  }
  for (const w of maintenance.open().filter((x) => x.state === 'in_progress')) {
    for (const c of w.componentIds) if (!has(c, `maintenance:${w.id}`)) await book.hold(c, `maintenance:${w.id}`, 'under_maintenance', { message: w.message });
  }
  for (const i of incidents.col.filter((x) => x.status !== 'resolved')) {
    const status = statusForSeverity(i.severity);
    if (!status) continue;
    for (const c of i.componentIds) if (!has(c, `incident:${i.id}`)) await book.hold(c, `incident:${i.id}`, status, { incidentId: i.id });
  }
}
