// The status skill's stored records, zod first: component state with its holds, the status
// history, monitor state and compact daily check counters, heartbeat state, maintenance
// windows, channel subscriptions, the incident mirror that feeds the page's history, and
// subscriber notices.
import { z } from 'zod';
import { componentStatusSchema, severitySchema } from '../../core/config/index.js';
import { ActorRefSchema, ChannelRefSchema, MessageRefSchema } from '../../core/types.js';

/**
 * Something that holds a component away from operational: `manual`, `incident:INC-3`,
 * `monitor:api-health`, `maintenance:MNT-2`. Each source sets and releases only its own hold.
 */
export const HoldSchema = z.object({
  source: z.string().min(1),
  status: componentStatusSchema,
  since: z.string(),
  message: z.string().optional(),
});
export type Hold = z.infer<typeof HoldSchema>;

export const ComponentStateSchema = z.object({
  id: z.string(),
  /** The effective status: the worst hold, or operational. Stored so reads are cheap. */
  status: componentStatusSchema,
  holds: z.array(HoldSchema),
  /** When Switchboard first tracked the component (days before it show "no data"). */
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ComponentState = z.infer<typeof ComponentStateSchema>;

/** One change of a component's effective status: the 90-day bars are computed from these. */
export const HistoryEventSchema = z.object({
  id: z.string(),
  componentId: z.string(),
  from: componentStatusSchema,
  to: componentStatusSchema,
  at: z.string(),
  reason: z.enum(['manual', 'incident', 'monitor', 'maintenance', 'heartbeat']),
  incidentId: z.string().optional(),
  message: z.string().optional(),
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

export const MonitorStateSchema = z.object({
  id: z.string(),
  componentId: z.string(),
  failing: z.boolean(),
  consecutiveFailures: z.number().int().min(0),
  consecutiveSuccesses: z.number().int().min(0),
  /** First failure of the current failing streak. */
  streakStart: z.string().optional(),
  /** When the monitor was declared failing (threshold reached). */
  since: z.string().optional(),
  lastCheckAt: z.string().optional(),
  lastOk: z.boolean().optional(),
  lastError: z.string().optional(),
  lastStatus: z.number().int().optional(),
  lastMs: z.number().min(0).optional(),
});
export type MonitorState = z.infer<typeof MonitorStateSchema>;

/** Check results of one monitor on one day (page zone): counters, not a row per check. */
export const DailyChecksSchema = z.object({
  /** `<monitorId>:<YYYY-MM-DD>` */
  id: z.string(),
  monitorId: z.string(),
  componentId: z.string(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  up: z.number().int().min(0),
  down: z.number().int().min(0),
  /** Sum of response times, for the day's average. */
  totalMs: z.number().min(0),
  /** Worst status the monitor put its component in that day. */
  worst: componentStatusSchema,
});
export type DailyChecks = z.infer<typeof DailyChecksSchema>;

export const HEARTBEAT_RESULTS = ['ok', 'late', 'failed', 'missed'] as const;
export type HeartbeatResult = (typeof HEARTBEAT_RESULTS)[number];

/** One run of a scheduled job as Switchboard saw it; a miss is a run at its deadline. */
export const HeartbeatRunSchema = z.object({
  /** When it reported (a miss: when its grace ended). */
  at: z.string(),
  result: z.enum(HEARTBEAT_RESULTS),
  /** The expected run it answers. */
  expectedAt: z.string(),
  /** The job's own short log line (from the request body). */
  log: z.string().optional(),
  /** A miss that stands for several expected runs (the bot was down across them). */
  count: z.number().int().min(2).optional(),
});
export type HeartbeatRun = z.infer<typeof HeartbeatRunSchema>;

export const HeartbeatStateSchema = z.object({
  id: z.string(),
  /** `<cron>|<zone>|<grace ms>`: when the config changes it, expectations start afresh. */
  scheduleKey: z.string(),
  /** The first expected run that counts; runs before it were never expected. */
  trackedFrom: z.string(),
  /** The earliest expected run not yet answered whose deadline is still ahead (or just passed). */
  awaiting: z.string(),
  /** The latest expected run answered by a good run. */
  satisfiedThrough: z.string().optional(),
  /** The last run failed or was missed, and no good run came since. */
  failing: z.boolean(),
  failingSince: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  /** Recent runs, oldest first (bounded). */
  runs: z.array(HeartbeatRunSchema),
  /** Recent failed and missed runs, oldest first (bounded, kept longer than `runs`). */
  problems: z.array(HeartbeatRunSchema),
});
export type HeartbeatState = z.infer<typeof HeartbeatStateSchema>;

export const MAINTENANCE_STATES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export const MaintenanceSchema = z.object({
  id: z.string(),
  componentIds: z.array(z.string()).min(1),
  message: z.string(),
  start: z.string(),
  end: z.string(),
  state: z.enum(MAINTENANCE_STATES),
  by: ActorRefSchema,
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type Maintenance = z.infer<typeof MaintenanceSchema>;

export const SubscriptionSchema = z.object({
  /** `<platform>:<channel>[:<thread>]` */
  id: z.string(),
  channel: ChannelRefSchema,
  /** Empty: every component. */
  components: z.array(z.string()),
  by: ActorRefSchema,
  at: z.string(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const IncidentUpdateSchema = z.object({
  at: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  text: z.string(),
});
export type IncidentUpdate = z.infer<typeof IncidentUpdateSchema>;

/** What the status page knows of an incident: built from the incident skill's events. */
export const StatusIncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: severitySchema,
  status: z.enum(INCIDENT_STATUSES),
  serviceId: z.string().optional(),
  componentIds: z.array(z.string()),
  private: z.boolean(),
  declaredAt: z.string(),
  updatedAt: z.string(),
  monitoringAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  updates: z.array(IncidentUpdateSchema),
});
export type StatusIncident = z.infer<typeof StatusIncidentSchema>;

/** One posted copy of a notice: the subscription (or config channel) and the message to edit. */
export const NoticeRefSchema = z.object({ target: z.string(), ref: MessageRefSchema });

/** One story told to subscribers (an incident, an outage, a maintenance), edited in place. */
export const NoticeSchema = z.object({
  /** `incident:INC-3`, `outage:api:<opened ISO>`, `maintenance:MNT-2`, `heartbeat:backup:<failing since ISO>` */
  id: z.string(),
  kind: z.enum(['incident', 'outage', 'maintenance', 'heartbeat']),
  /** The incident, maintenance, component or heartbeat it is about. */
  subject: z.string(),
  componentIds: z.array(z.string()),
  open: z.boolean(),
  openedAt: z.string(),
  closedAt: z.string().optional(),
  lines: z.array(z.object({ at: z.string(), text: z.string() })),
  refs: z.array(NoticeRefSchema),
});
export type Notice = z.infer<typeof NoticeSchema>;
