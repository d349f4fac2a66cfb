// HTTP monitors as durable scheduler jobs: one job per monitor, rescheduled after each run,
// so intervals survive restarts. A run probes through the HttpProbe port, steps the streak
// counters, adds to the day's compact counters, and on a threshold crossing moves the
// component, emits monitor.failed / monitor.recovered (and page.requested for `page: true`),
// and tells subscribers. Failures while the component is under maintenance do not count.
import type { EventBus } from '../../core/events.js';
import type { Clock, Collection, HttpProbe, JobInfo, Logger, ProbeResult, Scheduler, Store } from '../../core/ports.js';
import { dayKey, formatTime } from '../../core/time.js';
import type { Catalog, CatalogMonitor } from './catalog.js';
import type { ComponentBook } from './component-book.js';
import { DailyChecksSchema, MonitorStateSchema, type DailyChecks, type MonitorState } from './model.js';
import { addCheck, newMonitorState, stepMonitor } from './monitor-rules.js';
import type { Notifier } from './notifier.js';
import { outageDraft } from './outage.js';
import { STATUS_LABEL } from './rules.js';

export const MONITOR_JOB = 'status.monitor';
const jobKey = (id: string) => `${MONITOR_JOB}:${id}`;

export interface MonitorRunnerDeps {
  store: Store;
  catalog: Catalog;
  components: ComponentBook;
  notifier: Notifier;
  probe: HttpProbe;
  scheduler: Scheduler;
  events: EventBus;
  clock: Clock;
  log: Logger;
  /** The bot's own base URL, for monitors whose url is a path (read at use time). */
  baseUrl: () => string;
}

export class MonitorRunner {
  private constructor(
    readonly states: Collection<MonitorState>,
    readonly daily: Collection<DailyChecks>,
    private readonly d: MonitorRunnerDeps,
  ) {}

  static async open(d: MonitorRunnerDeps): Promise<MonitorRunner> {
    const states = await d.store.collection('status-monitors', { schema: MonitorStateSchema });
    const daily = await d.store.collection('status-checks', { schema: DailyChecksSchema, partition: (c) => c.day.slice(0, 7) });
    return new MonitorRunner(states, daily, d);
  }

  /** Registers the job handler, aligns stored state with the config, and arms each monitor once. */
  async init(): Promise<void> {
    this.d.scheduler.handle(MONITOR_JOB, (job) => this.run(job));
    const now = this.d.clock.now();
    for (const m of this.d.catalog.monitors) {
      const cur = this.states.get(m.id);
      if (!cur) await this.states.insert(newMonitorState(m.id, m.componentId));
      else if (cur.componentId !== m.componentId) await this.states.update(m.id, (s) => ({ ...newMonitorState(s.id, m.componentId) }));
      // keepExisting: a restart keeps the stored cadence instead of probing everything at once.
      await this.d.scheduler.schedule({ kind: MONITOR_JOB, key: jobKey(m.id), due: now, payload: { monitorId: m.id }, keepExisting: true });
    }
  }

  /** Configured monitors' state, in config order. */
  all(): MonitorState[] {
    return this.d.catalog.monitors.map((m) => this.states.get(m.id) ?? newMonitorState(m.id, m.componentId));
  }

  private async run(job: JobInfo): Promise<void> {
    const id = String((job.payload as { monitorId?: unknown } | null)?.monitorId ?? '');
    const m = this.d.catalog.monitor(id);
    if (!m) return; // removed from the config: its job simply ends
    const url = m.url.startsWith('/') ? `${this.d.baseUrl()}${m.url}` : m.url;
    const result = await this.d.probe.check({ url, method: m.method, timeoutMs: m.timeoutMs, expectedStatus: m.expectedStatus, bodyMatch: m.bodyMatch });
    await this.record(m, result);
    const now = this.d.clock.now().getTime();
    const next = job.due.getTime() + m.intervalMs > now ? job.due.getTime() + m.intervalMs : now + m.intervalMs;
    await this.d.scheduler.schedule({ kind: MONITOR_JOB, key: jobKey(m.id), due: new Date(next), payload: { monitorId: m.id } });
  }

  /** Applies one check result: counters, daily figures, and a threshold crossing's effects. */
  async record(m: CatalogMonitor, result: ProbeResult): Promise<void> {
    const now = this.d.clock.now();
    const at = now.toISOString();
    const inMaintenance = this.d.components.state(m.componentId).holds.some((h) => h.status === 'under_maintenance');
    const out: { transition?: 'failed' | 'recovered' } = {};
    const state = await this.states.upsert(m.id, (cur) => {
      const base = cur ?? newMonitorState(m.id, m.componentId);
      if (!result.ok && inMaintenance) return { ...base, lastCheckAt: at, lastOk: false, lastMs: result.ms, lastStatus: result.status, lastError: result.error };
      const step = stepMonitor(base, result, m, at);
      out.transition = step.transition;
      return step.state;
    });
    const day = dayKey(now, this.d.catalog.zone);
    const key = { monitorId: m.id, componentId: m.componentId, day };
    await this.daily.upsert(`${m.id}:${day}`, (cur) => addCheck(cur, key, result, state.failing ? m.failureStatus : 'operational'));
    if (out.transition === 'failed') await this.failed(m, state, at);
    if (out.transition === 'recovered') await this.recovered(m, state, at);
  }

  private async failed(m: CatalogMonitor, state: MonitorState, at: string): Promise<void> {
    const error = state.lastError ?? 'check failed';
    await this.d.components.hold(m.componentId, `monitor:${m.id}`, m.failureStatus, { message: `monitor ${m.id}: ${error}` });
    await this.d.events.emit('monitor.failed', { monitorId: m.id, componentId: m.componentId, error, at });
    const since = formatTime(new Date(state.since ?? at), this.d.catalog.zone, false);
    let line = `Monitor ${m.id} failing since ${since} (${state.consecutiveFailures} failed checks): ${error}. ${this.d.catalog.name(m.componentId)} is ${STATUS_LABEL[this.d.components.state(m.componentId).status]}.`;
    if (m.page) {
      const service = this.d.catalog.serviceOf(m.componentId);
      if (service) {
        const severity = m.failureStatus === 'major_outage' ? 1 : m.failureStatus === 'partial_outage' ? 2 : 3;
        await this.d.events.emit('page.requested', {
          serviceId: service.id,
          summary: `${this.d.catalog.name(m.componentId)}: monitor ${m.id} failing — ${error}`,
          severity,
          source: `monitor:${m.id}`,
          dedupKey: `monitor:${m.id}:${state.since ?? at}`,
          at,
        });
        line += ` Paged ${service.name}'s on-call.`;
      } else {
        this.d.log.warn({ monitor: m.id }, 'monitor has page: true but no service moves its component; nobody was paged');
        line += ' Nobody was paged: no service moves this component.';
      }
    }
    await this.d.notifier.tell(outageDraft(this.d.notifier, m.componentId, at), line);
  }

  private async recovered(m: CatalogMonitor, state: MonitorState, at: string): Promise<void> {
    await this.d.components.hold(m.componentId, `monitor:${m.id}`, 'operational');
    await this.d.events.emit('monitor.recovered', { monitorId: m.id, componentId: m.componentId, at });
    const status = this.d.components.state(m.componentId).status;
    const open = this.d.notifier.openOutage(m.componentId);
    const line = `Monitor ${m.id} recovered (${state.consecutiveSuccesses} good checks). ${this.d.catalog.name(m.componentId)} is ${STATUS_LABEL[status]}.`;
    if (open || status !== 'operational') await this.d.notifier.tell(outageDraft(this.d.notifier, m.componentId, at), line, { close: status === 'operational' });
  }

  /** Drops daily counters of days before the cutoff day. */
  async prune(cutoffDay: string): Promise<number> {
    const old = this.daily.filter((c) => c.day < cutoffDay);
    await Promise.all(old.map((c) => this.daily.delete(c.id)));
    return old.length;
  }
}
