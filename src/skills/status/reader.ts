// The read side of the status skill, shared by chat cards, the HTML page, the JSON API and the
// StatusQueries other skills use: one place that says what the overall status is.
import type { Clock } from '../../core/ports.js';
import type { ComponentView, HeartbeatView, MonitorView, StatusIndicator, StatusQueries } from '../../core/queries.js';
import type { Catalog } from './catalog.js';
import type { ComponentBook } from './component-book.js';
import type { HeartbeatBook } from './heartbeat-book.js';
import type { IncidentFeed } from './incident-feed.js';
import type { MaintenanceBook } from './maintenance.js';
import type { MonitorRunner } from './monitor-runner.js';
import { impactForSeverity, indicatorDescription, overallIndicator } from './rules.js';
import { dayFigures, lastDays, type DayFigures, type DaySpan } from './uptime.js';

/** How many days the bars show (and the history keeps). */
export const HISTORY_DAYS = 90;

export class StatusReader implements StatusQueries {
  constructor(
    readonly catalog: Catalog,
    readonly book: ComponentBook,
    readonly runner: MonitorRunner,
    readonly incidents: IncidentFeed,
    readonly maintenance: MaintenanceBook,
    readonly heartbeatBook: HeartbeatBook,
    readonly clock: Clock,
    /** PUBLIC_URL, read at use time (it is known once the server listens). */
    readonly baseUrl: () => string,
  ) {}

  pageUrl(): string {
    return `${this.baseUrl()}/status`;
  }

  overall(): StatusIndicator {
    return overallIndicator(
      this.book.all().map((c) => c.status),
      this.incidents.openPublic().map((i) => impactForSeverity(i.severity)),
    );
  }

  description(): string {
    return indicatorDescription(
      this.overall(),
      this.book.all().map((c) => c.status),
    );
  }

  components(): ComponentView[] {
    return this.catalog.components.map((c) => {
      const s = this.book.state(c.id);
      return { id: c.id, name: c.name, ...(c.group ? { group: c.group } : {}), status: s.status, updatedAt: s.updatedAt };
    });
  }

  /** A component's figures for each of the last 90 days in the page zone, oldest first. */
  figures(componentId: string): DayFigures[] {
    return this.figuresOf([componentId]).get(componentId) ?? [];
  }

  /** Figures of many components over the same days, reading the history and counters once. */
  figuresOf(ids: string[], days: DaySpan[] = lastDays(this.clock.now(), this.catalog.zone, HISTORY_DAYS)): Map<string, DayFigures[]> {
    const now = this.clock.now();
    const fromIso = new Date(days[0].start).toISOString();
    const events = groupBy(this.book.history.filter((e) => e.at >= fromIso), (e) => e.componentId);
    const checks = groupBy(this.runner.daily.filter((d) => d.day >= days[0].key), (d) => d.componentId);
    const out = new Map<string, DayFigures[]>();
    for (const id of ids) {
      const s = this.book.state(id);
      out.set(id, dayFigures(days, { events: events.get(id) ?? [], current: s.status, createdAt: s.createdAt, checks: checks.get(id) ?? [] }, now));
    }
    return out;
  }

  /** Each configured heartbeat; with `since`, its last run is the last one at or after it. */
  heartbeats(since?: Date): HeartbeatView[] {
    return this.heartbeatBook.views(since);
  }

  monitors(): MonitorView[] {
    return this.runner.all().map((m) => ({
      id: m.id,
      componentId: m.componentId,
      failing: m.failing,
      ...(m.since ? { since: m.since } : {}),
      ...(m.lastError && !m.lastOk ? { lastError: m.lastError } : {}),
    }));
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
