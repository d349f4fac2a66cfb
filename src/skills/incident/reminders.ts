// Update reminders: when an open incident got no status update for its severity's interval
// (config; sev4 none by default), its channels are reminded, and again every interval until
// an update comes. One durable scheduler job per incident (key `incident-reminder:<id>`):
// rescheduled on every update or severity change, cancelled on resolve, kept across restarts.
import { actions, card, formButton, mention, text } from '../../core/card.js';
import type { Collection, JobInfo } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { formatDuration } from '../../core/time.js';
import { updateForm } from './forms.js';
import type { Incident } from './model.js';
import type { IncidentSpaces } from './spaces.js';

export const REMINDER_JOB = 'incident.reminder';
export const reminderKey = (id: string): string => `incident-reminder:${id}`;

/** The first due time after `now` on the grid lastUpdate + k·interval (k ≥ 1). */
export function nextReminder(lastUpdateAt: string, intervalMs: number, now: Date): Date {
  const start = Date.parse(lastUpdateAt);
  const k = Math.max(1, Math.floor((now.getTime() - start) / intervalMs) + 1);
  return new Date(start + k * intervalMs);
}

export class Reminders {
  constructor(
    private readonly deps: SkillDeps,
    private readonly col: Collection<Incident>,
    private readonly spaces: IncidentSpaces,
  ) {}

  private interval(inc: Incident): number | undefined {
    return this.spaces.severities[inc.severity].updateIntervalMs;
  }

  /** (Re)schedules the incident's reminder from its last update, or cancels it. */
  async schedule(inc: Incident): Promise<void> {
    const every = this.interval(inc);
    if (inc.status === 'resolved' || every === undefined) {
      await this.deps.scheduler.cancel(reminderKey(inc.id));
      return;
    }
    const due = new Date(Date.parse(inc.lastUpdateAt) + every);
    await this.deps.scheduler.schedule({ kind: REMINDER_JOB, key: reminderKey(inc.id), due, payload: { incidentId: inc.id } });
  }

  async cancel(id: string): Promise<void> {
    await this.deps.scheduler.cancel(reminderKey(id));
  }

  /** The job: idempotent (a re-run for the same due time posts nothing twice). */
  async run(job: JobInfo): Promise<void> {
    const id = String((job.payload as { incidentId?: unknown } | null)?.incidentId ?? '');
    const inc = this.col.get(id);
    const every = inc ? this.interval(inc) : undefined;
    if (!inc || inc.status === 'resolved' || every === undefined) return;
    const now = this.deps.clock.now();
    const dueIso = job.due.toISOString();
    const quietFor = now.getTime() - Date.parse(inc.lastUpdateAt);
    if (quietFor >= every && inc.remindedFor !== dueIso) {
      await this.col.update(id, (i) => ({ ...i, remindedFor: dueIso }));
      await this.spaces.toIncident(inc, this.message(inc, quietFor, every));
    }
    const next = nextReminder(inc.lastUpdateAt, every, now);
    await this.deps.scheduler.schedule({ kind: REMINDER_JOB, key: reminderKey(id), due: next, payload: { incidentId: id } });
  }

  private message(inc: Incident, quietMs: number, everyMs: number) {
    const who = inc.roles.commander ? `${mention(inc.roles.commander)} (commander): ` : '';
    return {
      card: card(`⏰ ${inc.id} needs a status update`, [
        text(`${who}no update for **${formatDuration(quietMs)}**. ${inc.severity} incidents get one at least every ${formatDuration(everyMs)}.`),
        text(`Post one: \`incident update ${inc.id} <investigating|identified|monitoring> <text…>\``),
        actions(formButton('Update', updateForm(inc), 'primary')),
      ], 'warning'),
    };
  }
}
