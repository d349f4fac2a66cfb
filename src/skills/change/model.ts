// The change record (zod first, types by z.infer) and the small facts every rule shares:
// which states are open, who the requester is as one person across platforms.
import { z } from 'zod';
import { riskSchema } from '../../core/config/index.js';
import type { ChangeState } from '../../core/domain-events.js';
import { ActorRefSchema, MessageRefSchema, type ActorRef } from '../../core/types.js';

export const CHANGE_TYPES = ['normal', 'standard', 'emergency'] as const;
export const ChangeTypeSchema = z.enum(CHANGE_TYPES);
export type ChangeType = z.infer<typeof ChangeTypeSchema>;

export const CHANGE_STATES = ['pending', 'approved', 'rejected', 'in_progress', 'completed', 'failed', 'cancelled'] as const satisfies readonly ChangeState[];
export const ChangeStateSchema = z.enum(CHANGE_STATES);

/** States from which a change can still move (and be cancelled). */
export const OPEN_STATES: readonly ChangeState[] = ['pending', 'approved', 'in_progress'];
export const isOpen = (s: ChangeState): boolean => OPEN_STATES.includes(s);

/** One person's approval (or, on an emergency change, their retrospective review). */
const ApprovalSchema = z.object({
  personId: z.string(),
  by: ActorRefSchema,
  at: z.string(),
  comment: z.string().optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

const DecisionSchema = z.object({ personId: z.string(), by: ActorRefSchema, at: z.string(), reason: z.string() });

const HistoryEntrySchema = z.object({
  at: z.string(),
  by: ActorRefSchema,
  /** requested, approved, rejected, started, completed, failed, cancelled, lapsed, reviewed… */
  action: z.string(),
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const ChangeSchema = z.object({
  id: z.string().regex(/^CHG-\d+$/),
  title: z.string().min(1),
  risk: riskSchema,
  type: ChangeTypeSchema,
  state: ChangeStateSchema,
  serviceId: z.string().optional(),
  incidentId: z.string().optional(),
  templateId: z.string().optional(),
  rollback: z.string().optional(),
  /** The planned window, ISO instants. */
  start: z.string(),
  end: z.string(),
  requestedBy: ActorRefSchema,
  /** The approver group and quorum fixed when the change was requested (members are read live). */
  approverGroup: z.string(),
  approvalsNeeded: z.number().int().min(0),
  approvals: z.array(ApprovalSchema).default([]),
  rejection: DecisionSchema.optional(),
  /** Emergency changes are approved at once and reviewed after: this is that review. */
  review: z
    .object({ state: z.enum(['pending', 'accepted', 'flagged']), at: z.string().optional(), flag: DecisionSchema.optional() })
    .optional(),
  /** Why it failed or was cancelled. */
  reason: z.string().optional(),
  /** Cancelled by the system because its window passed before it was approved or started. */
  lapsed: z.boolean().optional(),
  /** Open changes on the same service whose windows overlapped when this one was requested. */
  overlaps: z.array(z.string()).default([]),
  /** Every posted copy of the card (approvers' channel on each platform, reminder DMs). */
  messages: z.array(MessageRefSchema).default([]),
  history: z.array(HistoryEntrySchema).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Change = z.infer<typeof ChangeSchema>;

/** What the domain event and the query view of a change share. */
export function changeFacts(c: Change) {
  return { id: c.id, title: c.title, risk: c.risk, type: c.type, state: c.state, serviceId: c.serviceId, incidentId: c.incidentId, start: c.start, end: c.end };
}

/** The person behind a requester, or their platform account when they are not in the config. */
export function requesterKey(by: ActorRef): string {
  return by.personId ?? `${by.platform}:${by.userId}`;
}

/** Appends a history entry and stamps the update time (records are immutable: returns a copy). */
export function withHistory<T extends Omit<Change, 'id'>>(c: T, at: Date, by: ActorRef, action: string, note?: string): T {
  const iso = at.toISOString();
  return { ...c, updatedAt: iso, history: [...c.history, { at: iso, by, action, ...(note ? { note } : {}) }] };
}

/** Whether two windows [aStart, aEnd) and [bStart, bEnd) share any instant. */
export function windowsOverlap(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean {
  return aStart.getTime() < bEnd.getTime() && bStart.getTime() < aEnd.getTime();
}

/** The system as an actor, for what the scheduler does (lapses, reminders). */
export const SYSTEM_ACTOR = { platform: 'console', userId: 'switchboard', name: 'Switchboard', timezone: 'UTC' } as const;
