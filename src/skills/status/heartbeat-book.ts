// Heartbeats of scheduled jobs over the store: one state record per job and one durable job
// per heartbeat due at the deadline of its awaited run, so a miss is noticed on time and a
// restart between the expected time and the grace end still notices it, once. Reports and
// deadlines of one heartbeat run one at a time; each stores the step first, then holds or
// releases the component, tells subscribers and pages (durable before visible).
import type { EventBus } from '../../core/events.js';
import type { Clock, Collection, JobInfo, Logger, Scheduler, Store } from '../../core/ports.js';
import type { HeartbeatView } from '../../core/queries.js';
import type { Catalog, CatalogHeartbeat } from './catalog.js';
import type { ComponentBook } from './component-book.js';
import { deadlineOf, newHeartbeatState, rebaseHeartbeat, reportHeartbeat, settleHeartbeat, type HeartbeatPlan, type HeartbeatStep } from './heartbeat-rules.js';
import { when } from './heartbeat-text.js';
import { KeyedLock } from './keyed-lock.js';
import { HeartbeatStateSchema, type HeartbeatRun, type HeartbeatState } from './model.js';
import type { Notifier } from './notifier.js';
import { STATUS_LABEL } from './rules.js';

export const HEARTBEAT_JOB = 'status.heartbeat';
const jobKey = (id: string) => `${HEARTBEAT_JOB}:${id}`;

export interface HeartbeatBookDeps {
  store: Store;
  catalog: Catalog;
  components: ComponentBook;
  notifier: Notifier;
  scheduler: Scheduler;
  events: EventBus;
  clock: Clock;
  log: Logger;
}

const plan = (hb: CatalogHeartbeat): HeartbeatPlan => ({ cron: hb.cron, timezone: hb.timezone, graceMs: hb.graceMs });
const severityFor = (hb: CatalogHeartbeat): 1 | 2 | 3 => (hb.failureStatus === 'major_outage' ? 1 : hb.failureStatus === 'partial_outage' ? 2 : 3);

export class HeartbeatBook {
  private readonly lock = new KeyedLock();

  private constructor(
    readonly states: Collection<HeartbeatState>,
    private readonly d: HeartbeatBookDeps,
  ) {}

  static async open(d: HeartbeatBookDeps): Promise<HeartbeatBook> {
    // A file per job: a report rewrites its own state only, however many jobs there are.
    return new HeartbeatBook(await d.store.collection('status-heartbeats', { schema: HeartbeatStateSchema, partition: (s) => s.id }), d);
  }

  /** Registers the deadline job, aligns stored state with the config, and arms each heartbeat. */
  async init(): Promise<void> {
    this.d.scheduler.handle(HEARTBEAT_JOB, (job) => this.deadline(job));
    const now = this.d.clock.now();
    for (const hb of this.d.catalog.heartbeats) {
      const state = await this.states.upsert(hb.id, (cur) => (cur ? rebaseHeartbeat(cur, plan(hb), now) : newHeartbeatState(hb.id, plan(hb), now)));
      await this.arm(hb, state);
    }
  }

  /** (Re)schedules the deadline job of the awaited run; a deadline already past runs at the next tick. */
  private async arm(hb: CatalogHeartbeat, state: HeartbeatState): Promise<void> {
    const due = deadlineOf(state, plan(hb));
    if (this.d.scheduler.pending(jobKey(hb.id))?.due.getTime() === due.getTime()) return;
    await this.d.scheduler.schedule({ kind: HEARTBEAT_JOB, key: jobKey(hb.id), due, payload: { heartbeatId: hb.id } });
  }

  /** The stored state, or a fresh one for a heartbeat the store has not seen. */
  state(hb: CatalogHeartbeat): HeartbeatState {
    return this.states.get(hb.id) ?? newHeartbeatState(hb.id, plan(hb), this.d.clock.now());
  }

  /** Configured heartbeats as the other skills see them, settled to now (a deadline the job has not reached yet still counts). */
  views(since?: Date): HeartbeatView[] {
    const now = this.d.clock.now();
    return this.d.catalog.heartbeats.map((hb) => heartbeatView(hb, settleHeartbeat(this.state(hb), plan(hb), now).state, since));
  }

  private async deadline(job: JobInfo): Promise<void> {
    const id = String((job.payload as { heartbeatId?: unknown } | null)?.heartbeatId ?? '');
    const hb = this.d.catalog.heartbeat(id);
    if (!hb) return; // removed from the config: its job simply ends
    await this.lock.run(id, () => this.settle(hb));
  }

  /** Settles a deadline that passed (a miss); nothing to write when none did. */
  private async settle(hb: CatalogHeartbeat): Promise<void> {
    if (deadlineOf(this.state(hb), plan(hb)).getTime() > this.d.clock.now().getTime()) return;
    await this.step(hb, (s, now) => settleHeartbeat(s, plan(hb), now));
  }

  /** A report from the job itself (the HTTP route); resolves to the run as recorded. */
  report(hb: CatalogHeartbeat, ok: boolean, log?: string): Promise<{ run: HeartbeatRun; state: HeartbeatState }> {
    return this.lock.run(hb.id, async () => {
      // A deadline that passed before the job got to run (a restart) is a miss first.
      await this.settle(hb);
      const state = await this.step(hb, (s, now) => reportHeartbeat(s, plan(hb), { at: now, ok, log }));
      return { run: state.runs[state.runs.length - 1], state };
    });
  }

  /** Stores one rule step, then acts on its transition and re-arms the deadline. */
  private async step(hb: CatalogHeartbeat, rule: (s: HeartbeatState, now: Date) => HeartbeatStep): Promise<HeartbeatState> {
    const now = this.d.clock.now();
    const before = this.state(hb);
    const out: { step?: HeartbeatStep } = {};
    const state = await this.states.upsert(hb.id, (cur) => {
      out.step = rule(cur ?? before, now);
      return out.step.state;
    });
    const step = out.step!;
    if (step.transition === 'down' && step.run) await this.down(hb, state, step.run);
    if (step.transition === 'up' && step.run) await this.up(hb, before, step.run);
    await this.arm(hb, state);
    return state;
  }

  private noticeOf(hb: CatalogHeartbeat, failingSince: string) {
    return { id: `heartbeat:${hb.id}:${failingSince}`, kind: 'heartbeat' as const, subject: hb.id, componentIds: hb.componentId ? [hb.componentId] : [] };
  }

  private async down(hb: CatalogHeartbeat, state: HeartbeatState, run: HeartbeatRun): Promise<void> {
    const zone = this.d.catalog.zone;
    const now = this.d.clock.now();
    const what =
      run.result === 'missed'
        ? `missed ${run.count ? `${run.count} expected runs, the last` : 'its run'} expected ${when(run.expectedAt, now, zone)}: nothing reported by ${when(run.at, now, zone)}`
        : `reported a failed run at ${when(run.at, now, zone)}${run.log ? `: ${run.log.slice(0, 300)}` : ''}`;
    let line = `${hb.name} ${what}.`;
    if (hb.componentId) {
      await this.d.components.hold(hb.componentId, `heartbeat:${hb.id}`, hb.failureStatus, { message: `heartbeat ${hb.id}: ${run.result === 'missed' ? 'run missed' : 'run failed'}` });
      line += ` ${this.d.catalog.name(hb.componentId)} is ${STATUS_LABEL[this.d.components.state(hb.componentId).status]}.`;
    }
    if (hb.page && hb.serviceId) {
      await this.d.events.emit('page.requested', {
        serviceId: hb.serviceId,
        summary: `${hb.name}: scheduled job ${run.result === 'missed' ? 'missed its run' : 'failed'}`,
        severity: severityFor(hb),
        source: `heartbeat:${hb.id}`,
        dedupKey: `heartbeat:${hb.id}:${state.failingSince ?? run.at}`,
        at: run.at,
      });
      line += ` Paged ${this.d.catalog.serviceName(hb.serviceId)}'s on-call.`;
    }
    await this.d.notifier.tell(this.noticeOf(hb, state.failingSince ?? run.at), line);
  }

  private async up(hb: CatalogHeartbeat, before: HeartbeatState, run: HeartbeatRun): Promise<void> {
    const now = this.d.clock.now();
    let line = `${hb.name} reported a good run at ${when(run.at, now, this.d.catalog.zone)}${run.result === 'late' ? ' (late)' : ''}.`;
    if (hb.componentId) {
      await this.d.components.hold(hb.componentId, `heartbeat:${hb.id}`, 'operational');
      line += ` ${this.d.catalog.name(hb.componentId)} is ${STATUS_LABEL[this.d.components.state(hb.componentId).status]}.`;
    }
    if (before.failingSince) await this.d.notifier.tell(this.noticeOf(hb, before.failingSince), line, { close: true });
  }
}

/** The view other skills read; with `since`, only runs at or after it count as the last run. */
export function heartbeatView(hb: CatalogHeartbeat, s: HeartbeatState, since?: Date): HeartbeatView {
  const from = since?.toISOString();
  const last = s.runs[s.runs.length - 1];
  const shown = last && (from === undefined || last.at >= from) ? last : undefined;
  return {
    id: hb.id,
    name: hb.name,
    ...(hb.componentId ? { componentId: hb.componentId } : {}),
    ...(shown
      ? {
          lastRunAt: shown.at,
          lastResult: shown.result === 'failed' ? 'fail' : shown.result,
          lastExpectedAt: shown.expectedAt,
          ...(shown.log ? { lastLog: shown.log } : {}),
        }
      : {}),
    nextExpectedAt: s.awaiting,
    deadlineAt: new Date(Date.parse(s.awaiting) + hb.graceMs).toISOString(),
    failing: s.failing,
    ...(from !== undefined ? { problemsSince: s.problems.filter((p) => p.at >= from).reduce((n, p) => n + (p.count ?? 1), 0) } : {}),
  };
}
