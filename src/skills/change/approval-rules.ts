// Approve and reject as pure functions of (change, who, policy, now): only members of the
// change's approver group decide; the requester never does — compared by person, so a second
// platform account of the same person is still the requester; one approval per person; the
// quorum approves; the first rejection rejects. Emergency changes are approved at once, so
// on them the same decisions are the review after the fact.
import { escapeMarkup } from '../../core/card.js';
import { UserError } from '../../core/errors.js';
import { formatTime } from '../../core/time.js';
import type { ActorRef } from '../../core/types.js';
import { describeFreeze, freezesOverlapping, type FreezeWindow } from './freeze.js';
import { withHistory, type Change } from './model.js';
import { eligibleApprovers, type ApprovalPolicy } from './policy.js';

export type DecisionEffect =
  /** One more approval; the quorum is not reached yet. */
  | 'counted'
  /** This approval reached the quorum: the change is approved. */
  | 'approved'
  | 'rejected'
  /** An emergency change's review: counted, accepted (quorum reached) or flagged. */
  | 'review_counted'
  | 'review_accepted'
  | 'review_flagged'
  /** Nothing changed: this person had already approved. */
  | 'duplicate'
  /** Nothing changed: the change needs no more approvals. */
  | 'not_needed';

export interface Decision {
  change: Change;
  effect: DecisionEffect;
}

export interface DecisionContext {
  policy: ApprovalPolicy;
  now: Date;
  /** Freeze windows in the config now (a freeze added after the request still blocks approval). */
  freezes: readonly FreezeWindow[];
  /** Zone for the times in messages. */
  zone: string;
}

const names = (ids: readonly string[]) => ids.map((id) => `@${id}`).join(', ') || 'nobody';

/** The deciding person, or a UserError saying why this account may not decide on this change. */
function decider(change: Change, by: ActorRef, ctx: DecisionContext, verb: 'approve' | 'reject'): string {
  const { policy } = ctx;
  if (!by.personId) {
    throw new UserError(`Your ${by.platform} account (${by.userId}) is not linked to a person in the config, so it cannot ${verb} changes. Ask an admin to add it to people[].`);
  }
  if (by.personId === change.requestedBy.personId) {
    const others = names(eligibleApprovers(policy, by.personId));
    throw new UserError(
      verb === 'approve'
        ? `You requested ${change.id}: a change is never approved by its own requester, from any account. Ask ${policy.groupName}: ${others}.`
        : `You requested ${change.id}, so you cannot review it. To withdraw it: \`change cancel ${change.id}\`.`,
    );
  }
  if (!policy.members.includes(by.personId)) {
    throw new UserError(`Only members of ${policy.groupName} (${names(policy.members)}) can ${verb} ${change.id}, a ${change.risk}-risk ${change.type} change.`);
  }
  return by.personId;
}

function closedRefusal(change: Change, verb: string): UserError {
  const why =
    change.state === 'rejected' && change.rejection
      ? `was rejected by @${change.rejection.personId} (${escapeMarkup(change.rejection.reason)})`
      : change.state === 'cancelled'
        ? change.lapsed
          ? 'lapsed: its window passed before it was approved'
          : 'was cancelled'
        : `is ${change.state.replace('_', ' ')}`;
  return new UserError(`${change.id} ${why}; it cannot be ${verb} now.`);
}

function review(change: Change, personId: string, by: ActorRef, ctx: DecisionContext, comment?: string): Decision {
  if (change.state === 'cancelled' || change.state === 'rejected') throw closedRefusal(change, 'reviewed');
  if (change.review?.state === 'flagged') throw new UserError(`The review of ${change.id} was already flagged by @${change.review.flag?.personId}: ${escapeMarkup(change.review.flag?.reason ?? '')}.`);
  if (change.approvals.some((a) => a.personId === personId)) return { change, effect: 'duplicate' };
  if (change.review?.state === 'accepted') return { change, effect: 'not_needed' };
  const at = ctx.now.toISOString();
  const approvals = [...change.approvals, { personId, by, at, ...(comment ? { comment } : {}) }];
  const accepted = approvals.length >= change.approvalsNeeded;
  const next: Change = { ...change, approvals, review: accepted ? { state: 'accepted', at } : { state: 'pending' } };
  return { change: withHistory(next, ctx.now, by, accepted ? 'review accepted' : 'reviewed', comment), effect: accepted ? 'review_accepted' : 'review_counted' };
}

/** One approval. Throws a UserError when this person may not approve this change now. */
export function approve(change: Change, by: ActorRef, ctx: DecisionContext, comment?: string): Decision {
  const personId = decider(change, by, ctx, 'approve');
  if (change.type === 'emergency') return review(change, personId, by, ctx, comment);
  if (change.approvals.some((a) => a.personId === personId)) return { change, effect: 'duplicate' };
  if (change.state === 'approved' || change.state === 'in_progress' || change.state === 'completed') return { change, effect: 'not_needed' };
  if (change.state !== 'pending') throw closedRefusal(change, 'approved');
  if (ctx.now.getTime() >= Date.parse(change.end)) {
    throw new UserError(`${change.id}'s window ended ${formatTime(new Date(change.end), ctx.zone)}; approvals lapse with the window. Request it again with a new window.`);
  }
  if (change.type === 'normal') {
    const frozen = freezesOverlapping(ctx.freezes, new Date(change.start), new Date(change.end), change.serviceId);
    if (frozen.length) {
      throw new UserError(`${change.id}'s window runs into the freeze window ${frozen.map(describeFreeze).join(' and ')}; normal changes cannot be approved for it.`);
    }
  }
  const approvals = [...change.approvals, { personId, by, at: ctx.now.toISOString(), ...(comment ? { comment } : {}) }];
  const reached = approvals.length >= change.approvalsNeeded;
  const next = withHistory({ ...change, approvals }, ctx.now, by, 'approval', `${approvals.length} of ${change.approvalsNeeded}${comment ? `: ${comment}` : ''}`);
  if (!reached) return { change: next, effect: 'counted' };
  return { change: withHistory({ ...next, state: 'approved' }, ctx.now, by, 'approved', `quorum of ${change.approvalsNeeded} from ${ctx.policy.groupName} reached`), effect: 'approved' };
}

/** One rejection: the first one rejects a pending change (or flags an emergency change's review). */
export function reject(change: Change, by: ActorRef, ctx: DecisionContext, reason: string): Decision {
  const personId = decider(change, by, ctx, 'reject');
  const why = reason.trim();
  if (!why) throw new UserError('Missing <reason…>: say why it is rejected.');
  const flag = { personId, by, at: ctx.now.toISOString(), reason: why };
  if (change.type === 'emergency') {
    if (change.state === 'cancelled' || change.state === 'rejected') throw closedRefusal(change, 'reviewed');
    if (change.review?.state !== 'pending') throw new UserError(`The review of ${change.id} is already ${change.review?.state ?? 'done'}.`);
    return { change: withHistory({ ...change, review: { state: 'flagged', at: flag.at, flag } }, ctx.now, by, 'review flagged', why), effect: 'review_flagged' };
  }
  if (change.state === 'approved') throw new UserError(`${change.id} is already approved; the requester can withdraw it with \`change cancel ${change.id}\`.`);
  if (change.state !== 'pending') throw closedRefusal(change, 'rejected');
  return { change: withHistory({ ...change, state: 'rejected', rejection: flag }, ctx.now, by, 'rejected', why), effect: 'rejected' };
}
