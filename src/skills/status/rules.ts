// The status rules, as pure functions: how bad each status is, which status a component
// shows given what holds it, the page's overall indicator, and what an incident's severity
// means for its component. No I/O and no clock: callers pass `now`.
import type { ComponentStatus, Severity } from '../../core/config/index.js';
import { COMPONENT_STATUSES } from '../../core/config/index.js';
import type { StatusIndicator } from '../../core/queries.js';
import { formatIsoLocal } from '../../core/time.js';
import type { ComponentState, Hold } from './model.js';

/** Statuspage's order: maintenance is planned, so it ranks below any unplanned trouble. */
const RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export const STATUS_EMOJI: Record<ComponentStatus, string> = {
  operational: '🟢',
  under_maintenance: '🔧',
  degraded_performance: '🟡',
  partial_outage: '🟠',
  major_outage: '🔴',
};

export function rank(s: ComponentStatus): number {
  return RANK[s];
}

/** The worse of the statuses (operational for none). */
export function worst(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let w: ComponentStatus = 'operational';
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}

export function isComponentStatus(s: string): s is ComponentStatus {
  return (COMPONENT_STATUSES as readonly string[]).includes(s);
}

/** What a source's hold is called in `ComponentChangeReason` terms. */
export function reasonOf(source: string): 'manual' | 'incident' | 'monitor' | 'maintenance' | 'heartbeat' {
  const kind = source.split(':')[0];
  return kind === 'incident' || kind === 'monitor' || kind === 'maintenance' || kind === 'heartbeat' ? kind : 'manual';
}

/**
 * Sets (status not operational) or releases (operational) one source's hold and recomputes
 * the effective status: the worst hold. A source never releases another source's hold, so a
 * resolved incident leaves the component down while a monitor still fails.
 */
export function applyHold(state: ComponentState, source: string, status: ComponentStatus, at: string, message?: string): ComponentState {
  const prev = state.holds.find((h) => h.source === source);
  if (status === 'operational' && !prev) return state;
  if (status !== 'operational' && prev?.status === status && prev.message === message) return state;
  const others = state.holds.filter((h) => h.source !== source);
  const holds: Hold[] = status === 'operational' ? others : [...others, { source, status, since: prev?.status === status ? prev.since : at, ...(message ? { message } : {}) }];
  const next = worst(holds.map((h) => h.status));
  // updatedAt is the time of the last change of the shown status, as Statuspage reports it.
  return { ...state, holds, status: next, updatedAt: next === state.status ? state.updatedAt : at };
}

/** The hold that decides a component's status (the worst, oldest first). */
export function decidingHold(state: ComponentState): Hold | undefined {
  return [...state.holds].sort((a, b) => RANK[b.status] - RANK[a.status] || a.since.localeCompare(b.since))[0];
}

/** Component status an open incident of this severity implies; undefined: it moves nothing. */
export function statusForSeverity(sev: Severity): ComponentStatus | undefined {
  switch (sev) {
    case 'sev1':
      return 'major_outage';
    case 'sev2':
      return 'partial_outage';
    case 'sev3':
      return 'degraded_performance';
    default:
      // sev4 is "cosmetic or internal only": it does not colour the public page.
      return undefined;
  }
}

export type Impact = 'none' | 'minor' | 'major' | 'critical';

/** Statuspage's incident impact for a severity. */
export function impactForSeverity(sev: Severity): Impact {
  return ({ sev1: 'critical', sev2: 'major', sev3: 'minor', sev4: 'none' } as const)[sev];
}

const INDICATOR_RANK: Record<StatusIndicator, number> = { none: 0, minor: 1, major: 2, critical: 3 };

function indicatorForStatus(s: ComponentStatus): StatusIndicator {
  return s === 'major_outage' ? 'critical' : s === 'partial_outage' ? 'major' : s === 'degraded_performance' ? 'minor' : 'none';
}

/** The page's indicator: the worst of the components' statuses and the open incidents' impacts. */
export function overallIndicator(statuses: ComponentStatus[], impacts: Impact[] = []): StatusIndicator {
  let w: StatusIndicator = 'none';
  for (const i of [...statuses.map(indicatorForStatus), ...impacts]) if (INDICATOR_RANK[i] > INDICATOR_RANK[w]) w = i;
  return w;
}

/** Statuspage's wording of the indicator (maintenance shows when nothing is broken). */
export function indicatorDescription(indicator: StatusIndicator, statuses: ComponentStatus[]): string {
  switch (indicator) {
    case 'critical':
      return 'Major Service Outage';
    case 'major':
      return 'Partial System Outage';
    case 'minor':
      return 'Minor Service Outage';
    default:
      return statuses.includes('under_maintenance') ? 'Service Under Maintenance' : 'All Systems Operational';
  }
}

/** Validates a maintenance window; returns the problem a person should read (times in their zone), or undefined. */
export function maintenanceProblem(start: Date, end: Date, now: Date, zone = 'UTC'): string | undefined {
  const t = (d: Date) => formatIsoLocal(d, zone);
  if (end.getTime() <= start.getTime()) return `The window ends (${t(end)}) before it starts (${t(start)}): the end must come after the start.`;
  if (end.getTime() <= now.getTime()) return `The window ends (${t(end)}) in the past: give an end after now (${t(now)}).`;
  if (end.getTime() - start.getTime() > 30 * 86_400_000) return 'The window is longer than 30 days: split it, or set the status by hand with `status set`.';
  return undefined;
}
