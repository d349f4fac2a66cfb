// Stored records of the on-call skill (zod first, z.infer types) and the pure transitions of
// a page: acknowledge and resolve return the new page or throw a UserError a person can act on.
import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { ActorRefSchema, MessageRefSchema, type ActorRef } from '../../core/types.js';

export const SEVERITIES = [1, 2, 3, 4] as const;
export type PageSeverity = (typeof SEVERITIES)[number];
const severitySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const TargetSchema = z.object({ kind: z.enum(['schedule', 'person']), id: z.string() });
export type Target = z.infer<typeof TargetSchema>;

/** The escalation policy as it was when the page opened, so a config edit never changes a running page. */
export const PolicySnapshotSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  levels: z.array(z.object({ targets: z.array(TargetSchema).min(1), afterMs: z.number().int().positive() })).min(1),
  repeat: z.number().int().min(0),
  integrations: z.array(z.string()),
});
export type PolicySnapshot = z.infer<typeof PolicySnapshotSchema>;

/** One person told about one step; `pending` until the DM went out (then its refs are kept for edits). */
export const NotificationSchema = z.object({
  step: z.number().int().min(0),
  level: z.number().int().min(0),
  loop: z.number().int().min(0),
  personId: z.string(),
  /** `schedule:<id>` or `person:<id>`: why this person. */
  via: z.string(),
  status: z.enum(['pending', 'sent', 'skipped']),
  /** When the step was due (for lateness). */
  dueAt: z.string(),
  sentAt: z.string().optional(),
  refs: z.array(MessageRefSchema),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const OUTBOUND_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export const DeliverySchema = z.object({
  integration: z.string(),
  action: z.enum(OUTBOUND_ACTIONS),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().min(0),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const TIMELINE_KINDS = ['opened', 'notified', 'escalated', 'unreachable', 'exhausted', 'acknowledged', 'resolved', 'outbound', 'repeated'] as const;
export const TimelineEntrySchema = z.object({ at: z.string(), kind: z.enum(TIMELINE_KINDS), text: z.string() });
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const PageSchema = z.object({
  id: z.string(),
  summary: z.string().min(1),
  severity: severitySchema,
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  /** What opened it: `chat`, `incident`, a monitor name… */
  source: z.string(),
  /** What was paged, for people: `service:api`, `schedule:platform-primary`, `person:bob`. */
  target: z.string(),
  serviceId: z.string().optional(),
  incidentId: z.string().optional(),
  dedupKey: z.string().optional(),
  policy: PolicySnapshotSchema,
  createdAt: z.string(),
  createdBy: ActorRefSchema.optional(),
  /** The last step taken (-1: none yet); step s is level s mod levels of round s div levels. */
  step: z.number().int().min(-1),
  /** When the next step is due; absent once acknowledged, resolved or exhausted. */
  nextStepAt: z.string().optional(),
  exhausted: z.boolean(),
  acknowledgedAt: z.string().optional(),
  acknowledgedBy: ActorRefSchema.optional(),
  resolvedAt: z.string().optional(),
  resolvedBy: ActorRefSchema.optional(),
  notifications: z.array(NotificationSchema),
  /** Cards posted in channels (the DMs' refs are on the notifications). */
  cards: z.array(MessageRefSchema),
  deliveries: z.array(DeliverySchema),
  timeline: z.array(TimelineEntrySchema),
});
export type Page = z.infer<typeof PageSchema>;

export const pagePartition = (p: Page): string => (p.status === 'resolved' && p.resolvedAt ? p.resolvedAt.slice(0, 7) : 'open');

export const OverrideSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  personId: z.string(),
  start: z.string(),
  end: z.string(),
  /** Set by an accepted swap: only where this person is on call. */
  replaces: z.string().optional(),
  swapId: z.string().optional(),
  createdAt: z.string(),
  createdBy: ActorRefSchema,
  removedAt: z.string().optional(),
  removedBy: ActorRefSchema.optional(),
});
export type Override = z.infer<typeof OverrideSchema>;

export const SwapSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  requester: z.string(),
  target: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.string(),
  decidedAt: z.string().optional(),
  overrideId: z.string().optional(),
  /** The DMs with Accept / Decline, edited once decided. */
  refs: z.array(MessageRefSchema),
});
export type Swap = z.infer<typeof SwapSchema>;

/** A handoff announced, so a re-run job never announces it twice. */
export const HandoffClaimSchema = z.object({ id: z.string(), at: z.string() });

export const who = (a: ActorRef | undefined): string => (a?.personId ? `@${a.personId}` : (a?.name ?? 'someone'));

const entry = (at: Date, kind: TimelineEntry['kind'], text: string): TimelineEntry => ({ at: at.toISOString(), kind, text });

/** Appends a timeline entry. */
export function note(page: Page, at: Date, kind: TimelineEntry['kind'], text: string): Page {
  return { ...page, timeline: [...page.timeline, entry(at, kind, text)] };
}

/** Queues one outbound action for each integration the page's policy uses. */
export function queueDeliveries(page: Page, action: Delivery['action'], available: readonly string[]): Page {
  const on = page.policy.integrations.filter((i) => available.includes(i));
  return { ...page, deliveries: [...page.deliveries, ...on.map((integration) => ({ integration, action, status: 'pending' as const, attempts: 0 }))] };
}

/** Notifications not sent yet are dropped once nobody needs to be woken. */
const skipPending = (ns: Notification[]): Notification[] => ns.map((n) => (n.status === 'pending' ? { ...n, status: 'skipped' as const } : n));

export function acknowledgePage(page: Page, by: ActorRef, now: Date, available: readonly string[]): Page {
  if (page.status === 'resolved') throw new UserError(`${page.id} is already resolved.`);
  if (page.status === 'acknowledged') throw new UserError(`${page.id} was already acknowledged by ${who(page.acknowledgedBy)}.`);
  const acked: Page = { ...page, status: 'acknowledged', acknowledgedAt: now.toISOString(), acknowledgedBy: by, nextStepAt: undefined, notifications: skipPending(page.notifications) };
  return queueDeliveries(note(acked, now, 'acknowledged', `Acknowledged by ${who(by)} on ${by.platform}; escalation stopped.`), 'acknowledge', available);
}

export function resolvePage(page: Page, by: ActorRef, now: Date, available: readonly string[], why?: string): Page {
  if (page.status === 'resolved') throw new UserError(`${page.id} is already resolved.`);
  const resolved: Page = { ...page, status: 'resolved', resolvedAt: now.toISOString(), resolvedBy: by, nextStepAt: undefined, notifications: skipPending(page.notifications) };
  return queueDeliveries(note(resolved, now, 'resolved', `Resolved by ${who(by)}${why ? ` (${why})` : ''}.`), 'resolve', available);
}
