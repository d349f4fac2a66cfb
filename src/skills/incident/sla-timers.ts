// Response-SLA timers: one durable job per incident and clock (key `incident-sla:<id>:<kind>`),
// due when the clock runs out, cancelled once it is met. When one fires and the clock is
// breached, the breach is stored once (with its timeline entry), then posted to the incident
// channel and the team's incidents channel, and counted on /metrics. A re-run finds the
// breach recorded and posts nothing; a restart re-arms what a crash may have lost.
import { actions, button, card, formButton, mention, text, type OutMessage } from '../../core/card.js';
import type { CounterMetric, Collection, JobInfo } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { formatDuration } from '../../core/time.js';
import { updateForm } from './forms.js';
import { SLA_KINDS, type Incident, type SlaKind } from './model.js';
import { recordBreach, SLA_WORDS, slaOutcome } from './sla.js';
import type { IncidentSpaces } from './spaces.js';

export const SLA_JOB = 'incident.sla';
export const slaKey = (id: string, kind: SlaKind): string => `incident-sla:${id}:${kind}`;

export class SlaTimers {
  private readonly breaches: CounterMetric;

  constructor(
    private readonly deps: SkillDeps,
    private readonly col: Collection<Incident>,
    private readonly spaces: IncidentSpaces,
  ) {
    this.breaches = deps.metrics.counter('switchboard_sla_breaches_total', 'Response SLA breaches, by severity and kind (ack, resolve)', ['severity', 'kind']);
  }

  /** Schedules each running clock at its due time and cancels the rest (met, breached, none). */
  async arm(inc: Incident, keepExisting = false): Promise<void> {
    const now = this.deps.clock.now();
    for (const kind of SLA_KINDS) {
      const clock = inc.sla?.[kind];
      const running = clock && !clock.breachedAt && inc.status !== 'resolved' && slaOutcome(inc, kind, now) !== 'met';
      if (running) await this.deps.scheduler.schedule({ kind: SLA_JOB, key: slaKey(inc.id, kind), due: new Date(clock.dueAt), payload: { incidentId: inc.id, kind }, keepExisting });
      else await this.deps.scheduler.cancel(slaKey(inc.id, kind));
    }
  }

  /** At start: every open incident's running clocks have a job (a crash between write and schedule loses none). */
  async heal(): Promise<void> {
    for (const inc of this.col.filter((i) => i.status !== 'resolved' && !!i.sla)) await this.arm(inc, true);
  }

  /** The job: idempotent — the breach is stored once, and only the run that stored it posts. */
  async run(job: JobInfo): Promise<void> {
    const p = (job.payload ?? {}) as { incidentId?: unknown; kind?: unknown };
    const id = String(p.incidentId ?? '');
    const kind = SLA_KINDS.find((k) => k === p.kind);
    const cur = this.col.get(id);
    if (!cur || !kind) return;
    const now = this.deps.clock.now();
    const clock = cur.sla?.[kind];
    // Rescheduled by a severity change while it waited: run at the new due time instead.
    if (clock && !clock.breachedAt && now.getTime() < Date.parse(clock.dueAt)) return void (await this.arm(cur));
    if (recordBreach(cur, kind, now) === cur) return;
    const marked = { stored: false };
    const inc = await this.col.update(id, (i) => {
      const next = recordBreach(i, kind, now);
      marked.stored = next !== i;
      return next;
    });
    if (!marked.stored) return;
    this.breaches.inc({ severity: inc.severity, kind });
    const msg = this.message(inc, kind, now);
    await this.spaces.toIncident(inc, msg);
    await this.spaces.toAnnouncements(inc, msg);
    await this.spaces.refresh(inc.id);
  }

  private message(inc: Incident, kind: SlaKind, now: Date): OutMessage {
    const clock = inc.sla![kind]!;
    const target = formatDuration(Date.parse(clock.dueAt) - Date.parse(inc.declaredAt));
    const open = formatDuration(now.getTime() - Date.parse(inc.declaredAt));
    const who = inc.roles.commander ? `${mention(inc.roles.commander)} (commander): ` : '';
    const words = SLA_WORDS[kind];
    const next =
      kind === 'ack'
        ? actions(button('Take command', `incident assign ${inc.id} commander me`, { style: 'primary' }), formButton('Update', updateForm(inc)))
        : actions(formButton('Update', updateForm(inc), 'primary'), button('Show', `incident show ${inc.id}`));
    return {
      card: card(`⏰ ${inc.id} breached its ${words.noun} SLA`, [text(`${who}${inc.severity} incidents are to be ${words.verb} within **${target}**; ${inc.id} has been open for ${open} and is not ${words.verb}.`), next], 'danger'),
      text: `${inc.id} breached its ${words.noun} SLA (${target})`,
    };
  }
}
