// The status page's data, once per request: the overall banner, components by group with
// their 90 days of figures, open incidents with their updates, maintenance, and the recent
// incident history. The HTML page and the JSON API both render this model.
import type { ComponentStatus } from '../../core/config/index.js';
import type { StatusIndicator } from '../../core/queries.js';
import { DateTime } from 'luxon';
import type { Maintenance, StatusIncident } from './model.js';
import { HISTORY_DAYS, type StatusReader } from './reader.js';
import { worst } from './rules.js';
import { lastDays, uptimeOver, type DayFigures } from './uptime.js';

/** Days of incident history the page lists (Statuspage shows about two weeks). */
export const HISTORY_LIST_DAYS = 14;

export interface ComponentRow {
  id: string;
  name: string;
  description?: string;
  group?: string;
  position: number;
  status: ComponentStatus;
  createdAt: string;
  updatedAt: string;
  /** Why it is not operational, when a public reason is known. */
  note?: string;
  uptime?: number;
  days: DayFigures[];
  /** Incident ids touching the component per day key. */
  incidentsByDay: Map<string, string[]>;
}

export interface PageModel {
  title: string;
  url: string;
  zone: string;
  now: Date;
  indicator: StatusIndicator;
  description: string;
  groups: { id?: string; name?: string; status: ComponentStatus; components: ComponentRow[] }[];
  open: StatusIncident[];
  maintenance: Maintenance[];
  history: { day: string; incidents: StatusIncident[]; maintenance: Maintenance[] }[];
  /** Public incidents of the 90-day window (open and resolved), for lookups. */
  recent: StatusIncident[];
}

const dayOf = (iso: string, zone: string): string => DateTime.fromISO(iso, { zone }).toISODate() ?? iso.slice(0, 10);

export function buildPageModel(r: StatusReader): PageModel {
  const now = r.clock.now();
  const zone = r.catalog.zone;
  const days = lastDays(now, zone, HISTORY_DAYS);
  const open = r.incidents.openPublic();
  const recent = [...open, ...r.incidents.resolvedPublic(new Date(days[0].start).toISOString())];
  const figures = r.figuresOf(
    r.catalog.components.map((c) => c.id),
    days,
  );
  const rows: ComponentRow[] = r.catalog.components.map((c) => {
    const s = r.book.state(c.id);
    const incidentsByDay = new Map<string, string[]>();
    for (const i of recent.filter((x) => x.componentIds.includes(c.id))) {
      const from = Date.parse(i.declaredAt);
      const to = i.resolvedAt ? Date.parse(i.resolvedAt) : now.getTime();
      for (const d of days) if (from < d.end && to >= d.start) incidentsByDay.set(d.key, [...(incidentsByDay.get(d.key) ?? []), i.id]);
    }
    // Only reasons that are safe to publish: a public incident's title or a maintenance message.
    const publicHold = s.holds.find((h) => h.status === s.status && (h.source.startsWith('maintenance:') || (h.source.startsWith('incident:') && open.some((i) => `incident:${i.id}` === h.source))));
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      group: c.group,
      position: c.position,
      status: s.status,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      note: publicHold?.message,
      uptime: uptimeOver(figures.get(c.id) ?? []),
      days: figures.get(c.id) ?? [],
      incidentsByDay,
    };
  });

  const groups: PageModel['groups'] = [];
  for (const g of r.catalog.groups) {
    const members = rows.filter((row) => row.group === g.id);
    if (members.length) groups.push({ id: g.id, name: g.name, status: worstOf(members), components: members });
  }
  const loose = rows.filter((row) => !row.group || !r.catalog.groups.some((g) => g.id === row.group));
  if (loose.length) groups.push({ status: worstOf(loose), components: loose });

  const historyDays: PageModel['history'] = [];
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const listFrom = today.minus({ days: HISTORY_LIST_DAYS - 1 }).toUTC().toISO()!;
  const resolved = r.incidents.resolvedPublic(listFrom);
  const done = r.maintenance.finishedSince(listFrom);
  for (let i = 0; i < HISTORY_LIST_DAYS; i++) {
    const day = today.minus({ days: i }).toISODate()!;
    historyDays.push({
      day,
      incidents: resolved.filter((x) => dayOf(x.resolvedAt ?? x.declaredAt, zone) === day),
      maintenance: done.filter((m) => dayOf(m.finishedAt ?? m.end, zone) === day),
    });
  }

  return {
    title: r.catalog.title,
    url: r.pageUrl(),
    zone,
    now,
    indicator: r.overall(),
    description: r.description(),
    groups,
    open,
    maintenance: r.maintenance.open(),
    history: historyDays,
    recent,
  };
}

const worstOf = (rows: ComponentRow[]): ComponentStatus => worst(rows.map((row) => row.status));
