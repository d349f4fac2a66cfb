// The escalation steps of a page, as pure functions. Step s notifies level (s mod L) of round
// (s div L), L being the policy's level count; rounds = repeat + 1. A step is taken only when
// it is due, inside the store's write lock, so the same step is never taken twice.
import { UserError } from '../../core/errors.js';
import { formatDuration } from '../../core/time.js';
import type { ActorRef } from '../../core/types.js';
import { note, who, type Notification, type Page, type PolicySnapshot, type Target } from './model.js';

/** Person ids a target reaches at an instant (a schedule's on-call person, or the person). */
export type Resolver = (target: Target, at: Date) => string[];

export const lastStep = (p: PolicySnapshot): number => p.levels.length * (p.repeat + 1) - 1;

export const position = (p: PolicySnapshot, step: number) => ({ level: step % p.levels.length, round: Math.floor(step / p.levels.length) });

/** `level 2 of 3` (`, round 2 of 3` when the policy repeats). */
export function stepLabel(p: PolicySnapshot, step: number): string {
  const { level, round } = position(p, step);
  return `level ${level + 1} of ${p.levels.length}${p.repeat > 0 ? `, round ${round + 1} of ${p.repeat + 1}` : ''}`;
}

/** Whether the next step of a triggered page is due at `now`. */
export const stepDue = (page: Page, now: Date): boolean => page.status === 'triggered' && page.nextStepAt !== undefined && Date.parse(page.nextStepAt) <= now.getTime();

const targetLabel = (t: Target) => `${t.kind} ${t.id}`;

/**
 * Takes the next step: notifies the next level (pending notifications the engine then sends)
 * and sets when the one after is due; past the last step the policy is exhausted.
 * `manual` is who asked for it (`page escalate`), else the timer did.
 */
export function takeStep(page: Page, now: Date, resolve: Resolver, manual?: ActorRef): Page {
  const next = page.step + 1;
  const policy = page.policy;
  if (next > lastStep(policy)) {
    if (manual) throw new UserError(`${page.id} is already at the last level of ${policy.name}; nobody is left to escalate to.`);
    const exhausted = note({ ...page, nextStepAt: undefined, exhausted: true }, now, 'exhausted', `Nobody acknowledged through ${stepLabel(policy, page.step)}; escalation stopped.`);
    return exhausted;
  }
  const { level, round } = position(policy, next);
  const lvl = policy.levels[level];
  const dueAt = manual || !page.nextStepAt ? now.toISOString() : page.nextStepAt;
  const fresh: Notification[] = [];
  const missing: string[] = [];
  for (const target of lvl.targets) {
    const people = resolve(target, now);
    if (people.length === 0) missing.push(targetLabel(target));
    for (const personId of people) {
      if (fresh.some((n) => n.personId === personId)) continue;
      fresh.push({ step: next, level, loop: round, personId, via: `${target.kind}:${target.id}`, status: 'pending', dueAt, refs: [] });
    }
  }
  const names = fresh.map((n) => `@${n.personId}`).join(', ') || 'nobody';
  const why = manual
    ? `Escalated by ${who(manual)} to ${stepLabel(policy, next)}: ${names}.`
    : next === 0
      ? `Paging ${stepLabel(policy, next)}: ${names}.`
      : `Not acknowledged after ${formatDuration(policy.levels[position(policy, page.step).level].afterMs)}: ${round > position(policy, page.step).round ? 'repeating from' : 'escalated to'} ${stepLabel(policy, next)}: ${names}.`;
  let out: Page = {
    ...page,
    step: next,
    nextStepAt: new Date(now.getTime() + lvl.afterMs).toISOString(),
    notifications: [...page.notifications, ...fresh],
  };
  out = note(out, now, next === 0 ? 'notified' : 'escalated', why);
  if (missing.length) out = note(out, now, 'unreachable', `Nobody is on call in ${missing.join(', ')}.`);
  return out;
}
