// The incident record and its timeline: zod schemas first, types by z.infer. Every stored
// incident is validated against these on read and on write.
import { z } from 'zod';
import { severitySchema } from '../../core/config/index.js';
import { ActorRefSchema, ChannelRefSchema, MessageRefSchema } from '../../core/types.js';

export const OPEN_STATUSES = ['investigating', 'identified', 'monitoring'] as const;
export const STATUSES = [...OPEN_STATUSES, 'resolved'] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export const ROLES = ['commander', 'comms', 'scribe'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Longest title: a one-line summary that fits a channel topic and a card header. */
export const TITLE_MAX = 150;
/** Longest note or status text (a chat message, not a document). */
export const TEXT_MAX = 3000;

export const TIMELINE_KINDS = ['declared', 'status', 'severity', 'role', 'note', 'pinned', 'acknowledged', 'resolved', 'sla', 'vendor'] as const;

export const TimelineEntrySchema = z.object({
  /** `T<n>`, in the order entries were recorded. */
  id: z.string(),
  /** When it happened (a pinned message: when that message was written). */
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
  /** Who made the change, on which platform; absent for the bot's own entries. */
  by: ActorRefSchema.optional(),
  /** A pinned message's author. */
  author: z.object({ name: z.string(), userId: z.string().optional(), personId: z.string().optional() }).optional(),
  /** What the entry is about, for acting once: a pinned message's key, a page id. */
  ref: z.string().optional(),
  status: statusSchema.optional(),
  severity: severitySchema.optional(),
  from: severitySchema.optional(),
  role: roleSchema.optional(),
  person: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const SLA_KINDS = ['ack', 'resolve'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/** One response-SLA clock: when it is due, and when it was found breached (set once, kept). */
export const SlaClockSchema = z.object({ dueAt: z.string(), breachedAt: z.string().optional() });
export type SlaClock = z.infer<typeof SlaClockSchema>;
export const IncidentSlaRecordSchema = z.object({ ack: SlaClockSchema.optional(), resolve: SlaClockSchema.optional() });
export type IncidentSlaRecord = z.infer<typeof IncidentSlaRecordSchema>;

export const SeverityChangeSchema = z.object({ severity: severitySchema, at: z.string(), by: ActorRefSchema.optional() });

export const IncidentSchema = z.object({
  id: z.string().regex(/^INC-\d+$/),
  number: z.number().int().positive(),
  title: z.string().min(1).max(TITLE_MAX),
  severity: severitySchema,
  status: statusSchema,
  serviceId: z.string().optional(),
  /** The owning team: the service's, else incidents.default_team. */
  teamId: z.string().optional(),
  private: z.boolean(),
  declaredBy: ActorRefSchema,
  declaredAt: z.string(),
  acknowledgedAt: z.string().optional(),
  mitigatedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  summary: z.string().optional(),
  /** The last status update (or the declaration): reminders count from here. */
  lastUpdateAt: z.string(),
  roles: z.object({ commander: z.string().optional(), comms: z.string().optional(), scribe: z.string().optional() }),
  /** Person ids with access (declarer, invited on-call, role holders). */
  members: z.array(z.string()),
  /** Platform accounts not in the config that have access (`slack:U123`). */
  accounts: z.array(z.string()),
  /** The channel name asked for (`inc-42-db-down`); platforms may adjust it. */
  channelName: z.string(),
  /** The incident's own channels or threads, one per platform. */
  channels: z.array(ChannelRefSchema),
  /** The incident card in each incident channel, kept current in place. */
  cards: z.array(MessageRefSchema),
  /** The announcement in each team incidents channel, kept current in place. */
  announcements: z.array(MessageRefSchema),
  severityHistory: z.array(SeverityChangeSchema),
  timeline: z.array(TimelineEntrySchema),
  /** Due time of the last reminder posted, so a re-run job posts it once. */
  remindedFor: z.string().optional(),
  /** Response SLA clocks of its severity (incidents.sla), from declaration. */
  sla: IncidentSlaRecordSchema.optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** Open incidents share a small hot file; resolved ones go to monthly archives. */
export const incidentPartition = (i: Incident): string => (i.status === 'resolved' ? (i.resolvedAt ?? i.declaredAt).slice(0, 7) : 'open');

export const isOpen = (i: Incident): boolean => i.status !== 'resolved';

/** The key a pinned message is recorded under (platform, channel, message), to pin it once. */
export const messageKey = (m: { platform: string; channelId: string; messageId: string }): string => `${m.platform}:${m.channelId}:${m.messageId}`;
