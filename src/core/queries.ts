// Read-only views skills offer each other (the briefing reads everything; an incident asks
// who is on call; a change asks whether its linked incident is open). A skill `provide`s its
// view in init(); a consumer `get`s it at use time and copes with undefined (skill not
// configured). The shapes here are the contract; providers map their records onto them.
import type { ComponentStatus, Risk, Severity } from './config/index.js';
import type { ChangeState, IncidentStatus, PageStatus } from './domain-events.js';
import type { ChannelRef } from './types.js';

export interface IncidentView {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  serviceId?: string;
  teamId?: string;
  private: boolean;
  /** Person id of the commander, if assigned. */
  commander?: string;
  declaredAt: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  /** The incident's own channels (one per platform). */
  channels: ChannelRef[];
  /** Person ids with access to a private incident. */
  members: string[];
  /** Response SLA targets and whether they were met (present when `incidents.sla` configures the severity). */
  sla?: IncidentSla;
}

export interface IncidentSla {
  /** When acknowledgement is due, ISO. */
  ackDueAt?: string;
  /** When resolution is due, ISO. */
  resolveDueAt?: string;
  /** 'met' / 'breached' once decided; 'pending' while the clock runs. */
  ack?: 'pending' | 'met' | 'breached';
  resolve?: 'pending' | 'met' | 'breached';
}

export interface IncidentQueries {
  get(id: string): IncidentView | undefined;
  /** Open incidents, most severe first. */
  open(): IncidentView[];
  /** Incidents resolved in [from, to). */
  resolvedBetween(from: Date, to: Date): IncidentView[];
  /** The incident whose own channel this is. */
  byChannel(channel: ChannelRef): IncidentView | undefined;
}

export interface OnCallShift {
  scheduleId: string;
  personId: string;
  start: Date;
  end: Date;
}

export interface PageView {
  id: string;
  summary: string;
  severity: 1 | 2 | 3 | 4;
  status: PageStatus;
  incidentId?: string;
  serviceId?: string;
  createdAt: string;
  acknowledgedAt?: string;
  /** Person id who acknowledged. */
  acknowledgedBy?: string;
  resolvedAt?: string;
}

export interface OnCallQueries {
  /** Who is on call in a schedule at an instant (overrides applied), with the shift's end. */
  onCall(scheduleId: string, at: Date): OnCallShift | undefined;
  /** Person ids reached first by a service's escalation policy at an instant. */
  firstResponders(serviceId: string, at: Date): string[];
  /** Shift changes in [from, to), all schedules. */
  handoffs(from: Date, to: Date): Array<{ scheduleId: string; at: Date; from?: string; to: string }>;
  /** Pages, newest first. */
  pages(filter?: { status?: PageStatus; incidentId?: string }): PageView[];
}

export interface ChangeView {
  id: string;
  title: string;
  risk: Risk;
  type: 'normal' | 'standard' | 'emergency';
  state: ChangeState;
  serviceId?: string;
  incidentId?: string;
  start: string;
  end: string;
  /** Person id (or platform account when unknown) of the requester. */
  requestedBy: string;
  /** Person ids who approved. */
  approvedBy: string[];
  approvalsNeeded: number;
}

export interface FreezeView {
  id: string;
  name: string;
  start: Date;
  end: Date;
  services?: string[];
}

export interface ChangeQueries {
  get(id: string): ChangeView | undefined;
  /** Changes whose window overlaps [from, to), by start (rejected and cancelled ones left out: they never happened). */
  inWindow(from: Date, to: Date): ChangeView[];
  /** Changes waiting for approval. */
  pending(): ChangeView[];
  /** Freeze windows in force at an instant. */
  freezesAt(at: Date): FreezeView[];
}

export type StatusIndicator = 'none' | 'minor' | 'major' | 'critical';

export interface ComponentView {
  id: string;
  name: string;
  group?: string;
  status: ComponentStatus;
  updatedAt?: string;
}

export interface MonitorView {
  id: string;
  componentId: string;
  failing: boolean;
  since?: string;
  lastError?: string;
}

export interface HeartbeatView {
  id: string;
  name: string;
  componentId?: string;
  /** The last run (with `since`: the last run at or after it; absent when none). A miss counts as a run at its deadline. */
  lastRunAt?: string;
  lastResult?: 'ok' | 'fail' | 'late' | 'missed';
  lastLog?: string;
  /** The expected run the last run answered, ISO. */
  lastExpectedAt?: string;
  /** The next expected run not yet accounted for (in the past while it is within its grace), ISO. */
  nextExpectedAt?: string;
  /** When that run counts as missed (nextExpectedAt + grace), ISO. */
  deadlineAt?: string;
  /** Failing now: the last run failed or was missed, and no good run came since. */
  failing?: boolean;
  /** With `since`: failed or missed runs at or after it. */
  problemsSince?: number;
}

export interface StatusQueries {
  overall(): StatusIndicator;
  components(): ComponentView[];
  monitors(): MonitorView[];
  /** Each configured heartbeat; with `since`, its last run is the last one at or after that instant. */
  heartbeats?(since?: Date): HeartbeatView[];
}

export interface StandupQueries {
  /** Blockers reported on a day (YYYY-MM-DD in the team's zone), per person. */
  blockers(day: string, teamId?: string): Array<{ standupId: string; personId: string; text: string }>;
}

export interface Queries {
  incidents: IncidentQueries;
  oncall: OnCallQueries;
  changes: ChangeQueries;
  status: StatusQueries;
  standups: StandupQueries;
}

/** Where skills publish their read-only views. */
export class QueryRegistry {
  private readonly map = new Map<keyof Queries, unknown>();

  /** Publishes a view (once per name). */
  provide<K extends keyof Queries>(name: K, impl: Queries[K]): void {
    if (this.map.has(name)) throw new Error(`queries "${name}" provided twice`);
    this.map.set(name, impl);
  }

  /** The view, or undefined when the skill behind it is not running. */
  get<K extends keyof Queries>(name: K): Queries[K] | undefined {
    return this.map.get(name) as Queries[K] | undefined;
  }
}
