// The change skill's durable timers: a reminder to approvers `remind_before` the window of a
// still-pending change, and the lapse of a change whose window ends before it was approved or
// started. Keyed per change, so rescheduling replaces and a decision cancels.
import { z } from 'zod';
import type { Scheduler } from '../../core/ports.js';
import type { Change } from './model.js';

export const REMIND_JOB = 'change.remind';
export const LAPSE_JOB = 'change.lapse';

const PayloadSchema = z.object({ id: z.string() });

const keyOf = { remind: (id: string) => `change-remind:${id}`, lapse: (id: string) => `change-lapse:${id}` };

/** Schedules the reminder (when it is still ahead) and the lapse of a new change. */
export async function scheduleChangeJobs(scheduler: Scheduler, c: Change, remindBeforeMs: number, now: Date): Promise<void> {
  const remindAt = Date.parse(c.start) - remindBeforeMs;
  // A change requested inside its reminder lead time was just posted to the approvers: no second ping.
  const jobs: Array<Promise<unknown>> = [];
  if (c.state === 'pending' && remindAt > now.getTime()) {
    jobs.push(scheduler.schedule({ kind: REMIND_JOB, key: keyOf.remind(c.id), due: new Date(remindAt), payload: { id: c.id } }));
  }
  if (c.state === 'pending' || c.state === 'approved') {
    jobs.push(scheduler.schedule({ kind: LAPSE_JOB, key: keyOf.lapse(c.id), due: new Date(c.end), payload: { id: c.id } }));
  }
  await Promise.all(jobs);
}

/** Cancels the change's pending jobs of these kinds (a handler would find nothing to do anyway). */
export async function cancelChangeJobs(scheduler: Scheduler, c: Change, which: Array<keyof typeof keyOf>): Promise<void> {
  await Promise.all(which.map((w) => scheduler.cancel(keyOf[w](c.id))));
}

/** Registers the handlers; each checks the state it would change, so a rerun does nothing twice. */
export function handleChangeJobs(scheduler: Scheduler, run: { remind(id: string): Promise<void>; lapse(id: string): Promise<void> }): void {
  scheduler.handle(REMIND_JOB, async (job) => run.remind(PayloadSchema.parse(job.payload).id));
  scheduler.handle(LAPSE_JOB, async (job) => run.lapse(PayloadSchema.parse(job.payload).id));
}
