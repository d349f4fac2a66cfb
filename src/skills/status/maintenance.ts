// Maintenance windows: stored, then two durable jobs (start, end) so they begin and complete
// on time even across restarts. Starting puts each component under maintenance (a hold, so a
// real outage still shows above it); completing releases the hold. One notice per window.
import type { ComponentStatus } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { Clock, Collection, JobInfo, Scheduler, Store } from '../../core/ports.js';
import { formatTime } from '../../core/time.js';
import { actorRef, type Actor } from '../../core/types.js';
import type { Catalog } from './catalog.js';
import type { ComponentBook } from './component-book.js';
import { KeyedLock } from './keyed-lock.js';
import { MaintenanceSchema, type Maintenance } from './model.js';
import type { Notifier } from './notifier.js';
import { maintenanceProblem } from './rules.js';

export const MAINTENANCE_START = 'status.maintenance.start';
export const MAINTENANCE_END = 'status.maintenance.end';
const MAINTENANCE: ComponentStatus = 'under_maintenance';

export class MaintenanceBook {
  /** A window's start and finish never interleave (both jobs may be due at once after downtime). */
  private readonly lock = new KeyedLock();

  private constructor(
    readonly col: Collection<Maintenance>,
    private readonly catalog: Catalog,
    private readonly components: ComponentBook,
    private readonly notifier: Notifier,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, catalog: Catalog, components: ComponentBook, notifier: Notifier, scheduler: Scheduler, clock: Clock): Promise<MaintenanceBook> {
    const col = await store.collection('status-maintenance', {
      schema: MaintenanceSchema,
      partition: (m) => (m.state === 'scheduled' || m.state === 'in_progress' ? 'open' : (m.finishedAt ?? m.end).slice(0, 7)),
    });
    return new MaintenanceBook(col, catalog, components, notifier, scheduler, clock);
  }

  /** Registers the job handlers and re-arms the jobs of open windows (a crash may have lost one). */
  async init(): Promise<void> {
    const idOf = (job: JobInfo) => String((job.payload as { id?: unknown } | null)?.id ?? '');
    this.scheduler.handle(MAINTENANCE_START, (job) => this.start(idOf(job)));
    this.scheduler.handle(MAINTENANCE_END, async (job) => void (await this.finish(idOf(job))));
    for (const m of this.col.filter((x) => x.state === 'scheduled' || x.state === 'in_progress')) await this.arm(m, true);
  }

  private async arm(m: Maintenance, keepExisting = false): Promise<void> {
    if (m.state === 'scheduled') await this.scheduler.schedule({ kind: MAINTENANCE_START, key: `${MAINTENANCE_START}:${m.id}`, due: new Date(m.start), payload: { id: m.id }, keepExisting });
    await this.scheduler.schedule({ kind: MAINTENANCE_END, key: `${MAINTENANCE_END}:${m.id}`, due: new Date(m.end), payload: { id: m.id }, keepExisting });
  }

  private window(m: Maintenance): string {
    const zone = this.catalog.zone;
    const sameDay = m.start.slice(0, 10) === m.end.slice(0, 10);
    return `${formatTime(new Date(m.start), zone)} – ${formatTime(new Date(m.end), zone, !sameDay)}`;
  }

  private names(m: Maintenance): string {
    return m.componentIds.map((c) => this.catalog.name(c)).join(', ');
  }

  private async tell(m: Maintenance, line: string, close = false): Promise<void> {
    await this.notifier.tell({ id: `maintenance:${m.id}`, kind: 'maintenance', subject: m.id, componentIds: m.componentIds }, line, { close });
  }

  /** Schedules a window; one that starts now (or earlier) starts at once. */
  async schedule(componentIds: string[], start: Date, end: Date, message: string, actor: Actor): Promise<Maintenance> {
    const now = this.clock.now();
    const problem = maintenanceProblem(start, end, now, actor.timezone);
    if (problem) throw new UserError(problem);
    const at = now.toISOString();
    const created = await this.col.create('MNT', (id) => ({
      id,
      componentIds,
      message,
      start: start.toISOString(),
      end: end.toISOString(),
      state: 'scheduled',
      by: actorRef(actor),
      createdAt: at,
    }));
    await this.arm(created);
    await this.tell(created, `Scheduled by ${actor.name} for ${this.window(created)} on ${this.names(created)}.`);
    if (start.getTime() <= now.getTime()) await this.start(created.id);
    return this.col.get(created.id) ?? created;
  }

  /** Starts a scheduled window (idempotent: a second run finds it started). */
  start(id: string): Promise<void> {
    return this.lock.run(id, () => this.doStart(id));
  }

  private async doStart(id: string): Promise<void> {
    const cur = this.col.get(id);
    if (!cur || cur.state !== 'scheduled') return;
    const at = this.clock.now().toISOString();
    const m = await this.col.update(id, (x) => (x.state === 'scheduled' ? { ...x, state: 'in_progress', startedAt: at } : x));
    for (const c of m.componentIds) await this.components.hold(c, `maintenance:${id}`, MAINTENANCE, { message: m.message });
    await this.tell(m, `In progress until ${formatTime(new Date(m.end), this.catalog.zone)}: ${this.names(m)} under maintenance.`);
  }

  /**
   * Completes a running window or cancels one that has not started (idempotent). `by` is set
   * when a person ends it early; the end job passes none.
   */
  finish(id: string, by?: Actor): Promise<Maintenance | undefined> {
    return this.lock.run(id, () => this.doFinish(id, by));
  }

  private async doFinish(id: string, by?: Actor): Promise<Maintenance | undefined> {
    const cur = this.col.get(id);
    if (!cur || (cur.state !== 'scheduled' && cur.state !== 'in_progress')) return cur;
    const at = this.clock.now().toISOString();
    const m = await this.col.update(id, (x) =>
      x.state === 'scheduled' ? { ...x, state: 'cancelled', finishedAt: at } : x.state === 'in_progress' ? { ...x, state: 'completed', finishedAt: at } : x,
    );
    await this.scheduler.cancel(`${MAINTENANCE_START}:${id}`);
    if (by) await this.scheduler.cancel(`${MAINTENANCE_END}:${id}`);
    for (const c of m.componentIds) await this.components.hold(c, `maintenance:${id}`, 'operational');
    const line = m.state === 'cancelled' ? `Cancelled${by ? ` by ${by.name}` : ''}.` : by ? `Completed early by ${by.name}.` : 'Completed.';
    await this.tell(m, line, true);
    return m;
  }

  /** Reads `MNT-3` typed in chat. */
  require(raw: string): Maintenance {
    const m = this.col.get(raw.toUpperCase());
    if (!m) throw new UserError(`No maintenance window ${raw.slice(0, 20)}.${this.open().length ? ` Open windows: ${this.open().map((x) => x.id).join(', ')}.` : ' There are no open windows.'}`);
    return m;
  }

  /** Scheduled and running windows, soonest first. */
  open(): Maintenance[] {
    return this.col.filter((m) => m.state === 'scheduled' || m.state === 'in_progress').sort((a, b) => a.start.localeCompare(b.start));
  }

  /** Windows finished at or after `sinceIso`, newest first. */
  finishedSince(sinceIso: string): Maintenance[] {
    return this.col.filter((m) => m.state === 'completed' && (m.finishedAt ?? m.end) >= sinceIso).sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  }

  /** The text of a window's time span in the page zone. */
  describe(m: Maintenance): string {
    return this.window(m);
  }

  /** Drops finished windows older than the cutoff. */
  async prune(cutoffIso: string): Promise<number> {
    const old = this.col.filter((m) => (m.state === 'completed' || m.state === 'cancelled') && (m.finishedAt ?? m.end) < cutoffIso);
    await Promise.all(old.map((m) => this.col.delete(m.id)));
    return old.length;
  }
}
