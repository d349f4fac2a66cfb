// The scheduler: durable due-jobs and recurring cron jobs.
//
// Jobs live in the store's `jobs` collection with a due time; the loop runs what is due at
// least once a second (and wakes exactly at the next due time when it is sooner), so a job
// due while the bot was down runs on start. A job is marked done after its handler returns,
// so a crash mid-handler runs it again: handlers are written to be idempotent (they check
// the state they would change). Failures are retried with exponential backoff and recorded.
//
// Recurring jobs (node-cron expressions in a zone): each occurrence becomes a job whose id is
// derived from the occurrence time, so it can be inserted only once — a restart, a node-cron
// trigger and the loop racing each other still run it exactly once. node-cron is the
// real-time wake-up at the minute; the occurrence arithmetic is cron-parser's (DST-correct).
import cron, { type ScheduledTask } from 'node-cron';
import { z } from 'zod';
import { latestOccurrence } from '../core/cron.js';
import type { Clock, Collection, JobInfo, Logger, RecurringSpec, ScheduleRequest, Scheduler, Store } from '../core/ports.js';

const JobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string().optional(),
  due: z.string(),
  payload: z.unknown(),
  attempt: z.number().int().min(0),
  status: z.enum(['pending', 'done', 'failed', 'cancelled']),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  lastError: z.string().optional(),
});
type Job = z.infer<typeof JobSchema>;

const CursorSchema = z.object({ id: z.string(), last: z.string() });
type Cursor = z.infer<typeof CursorSchema>;

const MAX_ATTEMPTS = 8;
const LOOP_MS = 1000;
const DEFAULT_CATCH_UP_MS = 5 * 60_000;
/** Jobs running at once; more due jobs wait for the next free slot. */
const MAX_RUNNING = 64;

export interface DurableSchedulerOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Real timers (loop, node-cron); off in tests that drive `tick()` with a fake clock. */
  timers?: boolean;
}

const info = (j: Job): JobInfo => ({ id: j.id, kind: j.kind, key: j.key, due: new Date(j.due), payload: j.payload, attempt: j.attempt });
const backoffMs = (attempt: number): number => Math.min(5 * 60_000, 1000 * 2 ** attempt);

export class DurableScheduler implements Scheduler {
  private readonly handlers = new Map<string, (job: JobInfo) => Promise<void>>();
  private readonly recurringSpecs = new Map<string, RecurringSpec>();
  private readonly running = new Set<string>();
  private readonly keyLocks = new Map<string, Promise<unknown>>();
  private readonly warnedKinds = new Set<string>();
  private readonly cronTasks: ScheduledTask[] = [];
  /** Ids of pending jobs, so a tick never scans years of finished ones. */
  private readonly pendingIds = new Set<string>();
  private loop?: NodeJS.Timeout;
  private wake?: NodeJS.Timeout;
  private enqueueing: Promise<void> = Promise.resolve();
  private readonly inflight = new Set<Promise<unknown>>();
  private stopped = false;
  /** No wake-ups before start(): jobs must not run before every adapter is registered. */
  private started = false;

  private constructor(
    private readonly jobs: Collection<Job>,
    private readonly cursors: Collection<Cursor>,
    private readonly opts: DurableSchedulerOptions,
  ) {
    for (const j of jobs.filter((x) => x.status === 'pending')) this.pendingIds.add(j.id);
  }

  /** Keeps the pending index in step with what was stored. */
  private track(j: Job): Job {
    if (j.status === 'pending') this.pendingIds.add(j.id);
    else this.pendingIds.delete(j.id);
    return j;
  }

  private pendingJobs(): Job[] {
    const out: Job[] = [];
    for (const id of this.pendingIds) {
      const j = this.jobs.get(id);
      if (j?.status === 'pending') out.push(j);
    }
    return out;
  }

  static async open(opts: DurableSchedulerOptions): Promise<DurableScheduler> {
    const jobs = await opts.store.collection('jobs', {
      schema: JobSchema,
      partition: (j) => (j.status === 'pending' ? 'pending' : (j.finishedAt ?? j.due).slice(0, 7)),
    });
    const cursors = await opts.store.collection('cron-cursors', { schema: CursorSchema });
    return new DurableScheduler(jobs, cursors, opts);
  }

  handle(kind: string, handler: (job: JobInfo) => Promise<void>): void {
    this.handlers.set(kind, handler);
  }

  private pendingJob(key: string): Job | undefined {
    return this.pendingJobs().find((j) => j.key === key);
  }

  pending(key: string): JobInfo | undefined {
    const j = this.pendingJob(key);
    return j ? info(j) : undefined;
  }

  /** Serialises schedule/cancel per key so two callers never create two pending jobs. */
  private withKey<T>(key: string | undefined, fn: () => Promise<T>): Promise<T> {
    if (!key) return fn();
    const prev = this.keyLocks.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.keyLocks.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  async schedule(req: ScheduleRequest): Promise<JobInfo> {
    const job = await this.withKey(req.key, async () => {
      const existing = req.key ? this.pendingJob(req.key) : undefined;
      if (existing && req.keepExisting) return existing;
      if (existing) {
        return this.track(await this.jobs.update(existing.id, (j) => ({ ...j, due: req.due.toISOString(), payload: req.payload ?? null, attempt: 0, lastError: undefined })));
      }
      const createdAt = this.opts.clock.now().toISOString();
      return this.track(await this.jobs.create('JOB', (id) => ({
        id,
        kind: req.kind,
        key: req.key,
        due: req.due.toISOString(),
        payload: req.payload ?? null,
        attempt: 0,
        status: 'pending',
        createdAt,
      })));
    });
    this.armWake();
    return info(job);
  }

  async cancel(key: string): Promise<boolean> {
    return this.withKey(key, async () => {
      const j = this.pendingJob(key);
      if (!j) return false;
      this.track(await this.jobs.update(j.id, (x) => ({ ...x, status: 'cancelled', finishedAt: this.opts.clock.now().toISOString() })));
      return true;
    });
  }

  recurring(spec: RecurringSpec): void {
    if (this.recurringSpecs.has(spec.name)) throw new Error(`recurring job ${spec.name} registered twice`);
    this.recurringSpecs.set(spec.name, spec);
    this.handlers.set(`cron:${spec.name}`, async (job) => spec.run(new Date(String((job.payload as { occurrence: string }).occurrence))));
  }

  /** Turns the latest occurrence of each recurring job into a job, once. */
  private async enqueueOccurrences(now: Date): Promise<void> {
    for (const spec of this.recurringSpecs.values()) {
      const cursor = this.cursors.get(spec.name);
      if (!cursor) {
        // First time this job is seen: nothing before now is "missed".
        await this.cursors.upsert(spec.name, () => ({ id: spec.name, last: now.toISOString() }));
        continue;
      }
      const latest = latestOccurrence(spec.cron, spec.timezone, now);
      if (!latest || latest.getTime() <= Date.parse(cursor.last)) continue;
      const iso = latest.toISOString();
      const lateness = now.getTime() - latest.getTime();
      if (lateness <= (spec.catchUpMs ?? DEFAULT_CATCH_UP_MS)) {
        const id = `CRON-${spec.name}-${iso}`;
        if (!this.jobs.get(id)) {
          try {
            this.track(await this.jobs.insert({ id, kind: `cron:${spec.name}`, due: iso, payload: { occurrence: iso }, attempt: 0, status: 'pending', createdAt: now.toISOString() }));
          } catch {
            // Inserted concurrently: the occurrence is already queued.
          }
        }
      } else {
        this.opts.log.warn({ job: spec.name, occurrence: iso, lateMs: lateness }, 'recurring job occurrence missed beyond its catch-up window; skipped');
      }
      await this.cursors.update(spec.name, (c) => ({ ...c, last: iso }));
    }
  }

  /**
   * Runs what is due now and waits for the jobs *it* started. Ticks may overlap: a slow job
   * (a monitor waiting for its timeout) never holds back an escalation due in a later tick.
   */
  async tick(): Promise<number> {
    const now = this.opts.clock.now();
    this.enqueueing = this.enqueueing.then(() => this.enqueueOccurrences(now)).catch((e) => this.opts.log.error({ err: e }, 'recurring jobs: enqueue failed'));
    await this.enqueueing;
    let ran = 0;
    for (;;) {
      const room = MAX_RUNNING - this.running.size;
      const due = this.pendingJobs()
        .filter((j) => Date.parse(j.due) <= now.getTime() && !this.running.has(j.id) && this.handlers.has(j.kind))
        .sort((a, b) => Date.parse(a.due) - Date.parse(b.due))
        .slice(0, Math.max(0, room));
      this.warnUnhandled(now);
      if (due.length === 0) break;
      const started = due.map((j) => this.watch(this.runOne(j)));
      ran += (await Promise.all(started)).filter(Boolean).length;
    }
    this.armWake();
    return ran;
  }

  /** Remembers a running job's promise so stop() can wait for it. */
  private watch<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
    return p;
  }

  private warnUnhandled(now: Date): void {
    for (const j of this.pendingJobs()) {
      if (Date.parse(j.due) > now.getTime() || this.handlers.has(j.kind) || this.warnedKinds.has(j.kind)) continue;
      this.warnedKinds.add(j.kind);
      this.opts.log.warn({ kind: j.kind }, 'no handler for due job kind; left pending');
    }
  }

  private async runOne(job: Job): Promise<boolean> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return false;
    this.running.add(job.id);
    try {
      await handler(info(job));
      // Rescheduled while it ran (same key, new due time): leave the new occurrence pending.
      this.track(await this.jobs.update(job.id, (j) => (j.due !== job.due || j.status !== 'pending' ? j : { ...j, status: 'done', finishedAt: this.opts.clock.now().toISOString() })));
      return true;
    } catch (e) {
      const attempt = job.attempt + 1;
      const message = (e as Error)?.message ?? String(e);
      const failed = attempt >= MAX_ATTEMPTS;
      this.opts.log[failed ? 'error' : 'warn']({ job: job.id, kind: job.kind, attempt, err: { message } }, failed ? 'job failed for good' : 'job failed; will retry');
      const now = this.opts.clock.now();
      await this.jobs
        .update(job.id, (j) =>
          failed
            ? { ...j, attempt, status: 'failed', lastError: message, finishedAt: now.toISOString() }
            : { ...j, attempt, lastError: message, due: new Date(now.getTime() + backoffMs(attempt)).toISOString() },
        )
        .then((j) => this.track(j))
        .catch(() => undefined);
      return false;
    } finally {
      this.running.delete(job.id);
    }
  }

  /** The next pending due time, for the wake-up timer. */
  private nextDue(): number | undefined {
    let min: number | undefined;
    for (const j of this.pendingJobs().filter((x) => !this.running.has(x.id) && this.handlers.has(x.kind))) {
      const t = Date.parse(j.due);
      if (min === undefined || t < min) min = t;
    }
    return min;
  }

  private armWake(): void {
    if (!this.opts.timers || this.stopped || !this.started) return;
    const next = this.nextDue();
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
    if (next === undefined) return;
    const delay = next - this.opts.clock.now().getTime();
    if (delay >= LOOP_MS) return;
    this.wake = setTimeout(() => void this.tick().catch((e) => this.opts.log.error({ err: e }, 'scheduler tick failed')), Math.max(0, delay));
  }

  /** Starts the loop and the cron wake-ups, after running everything already due. */
  async start(): Promise<void> {
    this.started = true;
    await this.tick();
    if (!this.opts.timers) return;
    this.loop = setInterval(() => void this.tick().catch((e) => this.opts.log.error({ err: e }, 'scheduler tick failed')), LOOP_MS);
    for (const spec of this.recurringSpecs.values()) {
      this.cronTasks.push(cron.schedule(spec.cron, () => void this.tick(), { timezone: spec.timezone, name: spec.name, noOverlap: true }));
    }
  }

  /** Stops timers and waits for running jobs. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.loop) clearInterval(this.loop);
    if (this.wake) clearTimeout(this.wake);
    for (const t of this.cronTasks) await t.stop();
    await this.enqueueing;
    await Promise.all([...this.inflight]);
  }

  /** Jobs that failed for good, for health and the console. */
  failedJobs(): JobInfo[] {
    return this.jobs.filter((j) => j.status === 'failed').map(info);
  }
}
