// The implementation states as pure functions: approved → in_progress → completed | failed,
// cancelled from any open state, and the lapse of a change whose window passed before it was
// approved or started.
import { UserError } from '../../core/errors.js';
import { formatTime } from '../../core/time.js';
import type { ActorRef } from '../../core/types.js';
import { isOpen, withHistory, type Change } from './model.js';
import type { ApprovalPolicy } from './policy.js';

/** How early before its window a change may be started. */
export const EARLY_START_MS = 5 * 60_000;

export interface LifecycleContext {
  now: Date;
  zone: string;
  policy: ApprovalPolicy;
  /** Whether the actor is an admin (admins may run any change). */
  admin: boolean;
}

/** The requester (as a person, on any platform), a member of the change's approver group, or an admin. */
export function mayRun(change: Change, by: ActorRef, ctx: LifecycleContext): boolean {
  if (ctx.admin) return true;
  const sameRequester = by.personId ? by.personId === change.requestedBy.personId : by.platform === change.requestedBy.platform && by.userId === change.requestedBy.userId;
  return sameRequester || (by.personId !== undefined && ctx.policy.members.includes(by.personId));
}

function guard(change: Change, by: ActorRef, ctx: LifecycleContext, verb: string): void {
  if (!mayRun(change, by, ctx)) {
    throw new UserError(`Only the requester, members of ${ctx.policy.groupName} or an admin can ${verb} ${change.id}.`);
  }
}

const stateName = (c: Change) => c.state.replace('_', ' ');

export function start(change: Change, by: ActorRef, ctx: LifecycleContext): Change {
  guard(change, by, ctx, 'start');
  const at = (iso: string) => formatTime(new Date(iso), ctx.zone);
  if (change.state === 'pending') {
    const missing = change.approvalsNeeded - change.approvals.length;
    throw new UserError(`${change.id} is not approved yet: it needs ${missing} more approval(s) from ${ctx.policy.groupName}.`);
  }
  if (change.state !== 'approved') throw new UserError(`${change.id} is ${stateName(change)}; only an approved change can start.`);
  if (ctx.now.getTime() < Date.parse(change.start) - EARLY_START_MS) throw new UserError(`${change.id}'s window opens ${at(change.start)}; start it then.`);
  if (ctx.now.getTime() >= Date.parse(change.end)) throw new UserError(`${change.id}'s window ended ${at(change.end)}; its approval lapsed. Request it again with a new window.`);
  return withHistory({ ...change, state: 'in_progress' }, ctx.now, by, 'started');
}

export function complete(change: Change, by: ActorRef, ctx: LifecycleContext, note?: string): Change {
  guard(change, by, ctx, 'complete');
  if (change.state !== 'in_progress') throw new UserError(`${change.id} is ${stateName(change)}; only a change in progress can complete (\`change start ${change.id}\` first).`);
  return withHistory({ ...change, state: 'completed' }, ctx.now, by, 'completed', note);
}

export function fail(change: Change, by: ActorRef, ctx: LifecycleContext, why: string): Change {
  guard(change, by, ctx, 'fail');
  if (!why.trim()) throw new UserError('Missing <why…>: say what went wrong.');
  if (change.state !== 'in_progress') throw new UserError(`${change.id} is ${stateName(change)}; only a change in progress can fail.`);
  return withHistory({ ...change, state: 'failed', reason: why.trim() }, ctx.now, by, 'failed', why.trim());
}

export function cancel(change: Change, by: ActorRef, ctx: LifecycleContext, reason?: string): Change {
  guard(change, by, ctx, 'cancel');
  if (!isOpen(change.state)) throw new UserError(`${change.id} is already ${stateName(change)}; only an open change (pending, approved, in progress) can be cancelled.`);
  return withHistory({ ...change, state: 'cancelled', reason: reason?.trim() || undefined }, ctx.now, by, 'cancelled', reason?.trim() || undefined);
}

/** The lapsed change when its window has passed while it was pending or approved and not started; else undefined. */
export function lapse(change: Change, now: Date, system: ActorRef): Change | undefined {
  if (change.state !== 'pending' && change.state !== 'approved') return undefined;
  if (now.getTime() < Date.parse(change.end)) return undefined;
  const reason = change.state === 'pending' ? 'its window passed before it was approved' : 'its window passed before it was started; the approval expired';
  return withHistory({ ...change, state: 'cancelled', lapsed: true, reason }, now, system, 'lapsed', reason);
}
