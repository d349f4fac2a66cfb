// The change use cases: each runs its pure rule, stores the result under the store's write
// lock (the rule runs again against the latest record, so concurrent approvals never lose
// one and the quorum is reached exactly once), records the decision in the audit log, and
// only then updates the cards, tells people and emits the domain event.
import { escapeMarkup } from '../../core/card.js';
import { changesSchema } from '../../core/config/changes.js';
import type { ChangesConfig } from '../../core/config/index.js';
import type { ChangeEvent, DomainEvents } from '../../core/domain-events.js';
import { isUserError, UserError } from '../../core/errors.js';
import type { Collection, CounterMetric } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { formatDuration, formatTime } from '../../core/time.js';
import { actorRef, type Actor, type ActorRef } from '../../core/types.js';
import { approve, reject, type Decision } from './approval-rules.js';
import { freezeWindows, type FreezeWindow } from './freeze.js';
import { cancel, complete, fail, lapse, start, type LifecycleContext } from './lifecycle-rules.js';
import { changeFacts, isOpen, SYSTEM_ACTOR, withHistory, type Change } from './model.js';
import { ChangeNotifier } from './notify.js';
import { eligibleApprovers, policyOf, type ApprovalPolicy } from './policy.js';
import { buildRequest, type RequestInput } from './request-rules.js';
import { cancelChangeJobs, scheduleChangeJobs } from './jobs.js';

export type LifecycleAction = 'start' | 'complete' | 'fail' | 'cancel';

const EVENT_OF: Partial<Record<Change['state'], keyof DomainEvents & `change.${string}`>> = {
  pending: 'change.requested',
  approved: 'change.approved',
  rejected: 'change.rejected',
  in_progress: 'change.started',
  completed: 'change.completed',
  failed: 'change.failed',
  cancelled: 'change.cancelled',
};

const SYSTEM_REF = actorRef(SYSTEM_ACTOR);
const NO_CHANGE = new Set<Decision['effect']>(['duplicate', 'not_needed']);

export class ChangeService {
  readonly notify: ChangeNotifier;
  private readonly cfgValue: ChangesConfig;
  private freezeList?: FreezeWindow[];
  private readonly decisions: CounterMetric;

  constructor(
    private readonly deps: SkillDeps,
    readonly col: Collection<Change>,
  ) {
    this.cfgValue = deps.config.changes ?? changesSchema.parse({});
    this.notify = new ChangeNotifier(deps, col, () => this.cfgValue);
    this.decisions = deps.metrics.counter('switchboard_change_decisions_total', 'Change requests, approvals, rejections and lifecycle steps, by decision', ['decision']);
  }

  /** The config's freeze windows as instants (the config does not change while running). */
  freezes(): FreezeWindow[] {
    return (this.freezeList ??= freezeWindows(this.cfgValue.freeze_windows, this.deps.config.timezone));
  }

  /** The change, or a UserError naming the id that does not exist. */
  find(id: string): Change {
    const c = this.col.get(id);
    if (!c) throw new UserError(`There is no change ${id}. See \`change list\`.`);
    return c;
  }

  private policyOrEmpty(c: Change): ApprovalPolicy {
    return this.notify.policy(c) ?? { groupId: c.approverGroup, groupName: c.approverGroup, members: [], count: c.approvalsNeeded };
  }

  /** The domain event of a change in its current state. */
  private async emit(c: Change, by: ActorRef, name = EVENT_OF[c.state]): Promise<void> {
    if (!name) return;
    const payload: ChangeEvent = { ...changeFacts(c), by, at: c.updatedAt };
    await this.deps.events.emit(name, payload);
  }

  async request(actor: Actor, input: RequestInput): Promise<{ change: Change; warnings: string[] }> {
    const now = this.deps.clock.now();
    const incidents = this.deps.queries.get('incidents');
    const incidentId = input.incidentId?.toUpperCase();
    const { change: draft, warnings } = buildRequest(
      { ...input, incidentId },
      {
        now,
        by: actorRef(actor),
        zone: actor.timezone,
        cfg: this.cfgValue,
        services: this.deps.config.services,
        freezes: this.freezes(),
        incident: incidentId ? (incidents ? incidents.get(incidentId) : 'unavailable') : undefined,
        others: this.col.filter((c) => isOpen(c.state)),
      },
    );
    const created = await this.col.create('CHG', (id) => ({ id, ...draft }));
    this.decisions.inc({ decision: `request_${created.type}` });
    // Audit entry and timers in one group commit, both durable before the card is shown.
    await Promise.all([
      this.deps.audit.record(actor, 'change.request', created.id, { type: created.type, risk: created.risk, state: created.state, serviceId: created.serviceId, start: created.start, end: created.end }),
      scheduleChangeJobs(this.deps.scheduler, created, this.cfgValue.remind_before, now),
    ]);
    await this.notify.postCard(created);
    await this.emit(created, actorRef(actor), 'change.requested');
    if (created.state === 'approved') await this.emit(created, actorRef(actor));
    return { change: this.col.get(created.id) ?? created, warnings };
  }

  /** An approval or rejection (on an emergency change: its review). */
  async decide(actor: Actor, id: string, verb: 'approve' | 'reject', text: string | undefined): Promise<Decision> {
    const current = this.find(id);
    const by = actorRef(actor);
    const rule = (c: Change): Decision => {
      const ctx = { policy: policyOf(this.cfgValue, c.approverGroup, c.approvalsNeeded), now: this.deps.clock.now(), freezes: this.freezes(), zone: actor.timezone };
      return verb === 'approve' ? approve(c, by, ctx, text?.trim() || undefined) : reject(c, by, ctx, text ?? '');
    };
    let decision: Decision;
    try {
      decision = rule(current);
    } catch (e) {
      // A refused decision (own change, not an approver…) is kept too: who tried matters.
      if (isUserError(e)) await this.deps.audit.record(actor, `change.${verb}_refused`, id, { reason: e.message });
      throw e;
    }
    if (NO_CHANGE.has(decision.effect)) return decision;
    await this.col.update(id, (latest) => {
      decision = rule(latest);
      return decision.change;
    });
    if (NO_CHANGE.has(decision.effect)) return decision;
    const c = decision.change;
    this.decisions.inc({ decision: decision.effect });
    const action = c.type === 'emergency' ? 'change.review' : `change.${verb}`;
    const closes = decision.effect === 'approved' || decision.effect === 'rejected';
    await Promise.all([
      this.deps.audit.record(actor, action, id, { effect: decision.effect, approvals: c.approvals.length, needed: c.approvalsNeeded, ...(text ? { [verb === 'approve' ? 'comment' : 'reason']: text } : {}) }),
      closes ? cancelChangeJobs(this.deps.scheduler, c, decision.effect === 'approved' ? ['remind'] : ['remind', 'lapse']) : undefined,
    ]);
    await this.notify.refresh(id);
    if (closes) {
      await this.emit(c, by);
      const what = decision.effect === 'approved' ? `✅ Your change ${c.id} is approved.` : `⛔ Your change ${c.id} was rejected: ${escapeMarkup(c.rejection?.reason ?? '')}`;
      await this.notify.toRequester(c, what);
    }
    return decision;
  }

  /** start / complete / fail / cancel. */
  async run(actor: Actor, id: string, action: LifecycleAction, text?: string): Promise<Change> {
    const by = actorRef(actor);
    const step = (c: Change): Change => {
      const ctx: LifecycleContext = { now: this.deps.clock.now(), zone: actor.timezone, policy: this.policyOrEmpty(c), admin: this.deps.permissions.isAdmin(actor.personId) };
      if (action === 'start') return start(c, by, ctx);
      if (action === 'complete') return complete(c, by, ctx, text);
      if (action === 'fail') return fail(c, by, ctx, text ?? '');
      return cancel(c, by, ctx, text);
    };
    step(this.find(id));
    const c = await this.col.update(id, step);
    this.decisions.inc({ decision: action });
    await Promise.all([this.deps.audit.record(actor, `change.${action}`, id, { state: c.state, ...(text ? { note: text } : {}) }), cancelChangeJobs(this.deps.scheduler, c, ['remind', 'lapse'])]);
    await this.notify.refresh(id);
    await this.emit(c, by);
    return c;
  }

  /** The lapse job: a change still pending or approved-but-not-started when its window ends is cancelled. */
  async lapseDue(id: string): Promise<void> {
    const now = this.deps.clock.now();
    const c = this.col.get(id);
    if (!c || !lapse(c, now, SYSTEM_REF)) return;
    let lapsed: Change | undefined;
    await this.col.update(id, (latest) => (lapsed = lapse(latest, now, SYSTEM_REF)) ?? latest);
    if (!lapsed) return;
    this.decisions.inc({ decision: 'lapsed' });
    await this.deps.audit.record(SYSTEM_ACTOR, 'change.lapse', id, { from: c.state, reason: lapsed.reason });
    await cancelChangeJobs(this.deps.scheduler, lapsed, ['remind']);
    await this.notify.refresh(id);
    await this.notify.toRequester(lapsed, `⌛ Your change ${id} lapsed: ${lapsed.reason}. Request it again with a new window.`);
    await this.emit(lapsed, SYSTEM_REF);
  }

  /** The reminder job: DMs the approvers still missing on a pending change, once. */
  async remindDue(id: string): Promise<void> {
    const c = this.col.get(id);
    const policy = c && this.notify.policy(c);
    if (!c || !policy || c.state !== 'pending') return;
    const waiting = eligibleApprovers(policy, c.requestedBy.personId).filter((p) => !c.approvals.some((a) => a.personId === p));
    if (!waiting.length) return;
    const now = this.deps.clock.now();
    let marked = false;
    // Durable before visible: the reminder is in the history before any DM goes out.
    const stored = await this.col.update(id, (latest) => {
      if (latest.state !== 'pending' || latest.history.some((h) => h.action === 'reminded')) return latest;
      marked = true;
      return withHistory(latest, now, SYSTEM_REF, 'reminded', waiting.map((p) => `@${p}`).join(', '));
    });
    if (!marked) return;
    const start = new Date(stored.start);
    const missing = stored.approvalsNeeded - stored.approvals.length;
    const text = `⏰ ${id} starts in ${formatDuration(start.getTime() - now.getTime())} (${formatTime(start, this.deps.config.timezone)}) and still needs ${missing} approval(s) from ${policy.groupName}.`;
    await this.notify.remind(stored, waiting, text);
    await this.notify.refresh(id);
  }
}
