// Handoff announcements as durable jobs: one pending job per schedule (key `handoff:<id>`) at
// its next shift change; when it fires it checks the handoff still stands (overrides or a
// config edit may have moved it), tells the team channel and DMs the incoming person, then
// schedules the next one — so the number of future jobs stays one per schedule.
import { mention } from '../../core/card.js';
import type { Collection, JobInfo } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { formatTime } from '../../core/time.js';
import type { Handoff, Roster } from './roster.js';

export const HANDOFF_JOB = 'oncall.handoff';
const DAY = 86_400_000;
/** A handoff missed by more than this while the bot was down is not announced late. */
export const HANDOFF_STALE_MS = 60 * 60_000;
const SEARCH_DAYS = [7, 35, 120, 400];
const key = (scheduleId: string) => `handoff:${scheduleId}`;

interface Payload {
  scheduleId: string;
  /** ISO time of the handoff; absent for a "look again later" job. */
  at?: string;
  to?: string;
}

type Deps = Pick<SkillDeps, 'chat' | 'clock' | 'scheduler' | 'people' | 'log'>;

export class HandoffAnnouncer {
  constructor(
    private readonly deps: Deps,
    private readonly roster: Roster,
    private readonly claims: Collection<{ id: string; at: string }>,
  ) {
    deps.scheduler.handle(HANDOFF_JOB, (job) => this.fire(job));
  }

  /** The first handoff strictly after `after`, searching up to about a year ahead. */
  next(scheduleId: string, after: number): Handoff | undefined {
    for (const days of SEARCH_DAYS) {
      const found = this.roster.handoffs(after + 1, after + days * DAY, scheduleId)[0];
      if (found) return found;
    }
    return undefined;
  }

  /** Points the schedule's job at its next handoff (a job already overdue is left to run). */
  async arm(scheduleId: string): Promise<void> {
    const pending = this.deps.scheduler.pending(key(scheduleId));
    const now = this.deps.clock.now().getTime();
    if (pending && pending.due.getTime() <= now) return;
    await this.scheduleAfter(scheduleId, now);
  }

  private async scheduleAfter(scheduleId: string, after: number): Promise<void> {
    const next = this.next(scheduleId, after);
    const payload: Payload = next ? { scheduleId, at: next.at.toISOString(), to: next.to } : { scheduleId };
    const due = next ? next.at : new Date(after + 30 * DAY);
    const pending = this.deps.scheduler.pending(key(scheduleId));
    if (pending && pending.due.getTime() === due.getTime() && (pending.payload as Payload | null)?.to === payload.to) return;
    await this.deps.scheduler.schedule({ kind: HANDOFF_JOB, key: key(scheduleId), due, payload });
  }

  private async fire(job: JobInfo): Promise<void> {
    const p = job.payload as Payload | null;
    if (!p?.scheduleId || !this.roster.get(p.scheduleId)) return;
    const now = this.deps.clock.now().getTime();
    if (p.at && p.to) {
      const at = Date.parse(p.at);
      const current = this.roster.handoffs(at, at + 1, p.scheduleId)[0];
      const claimId = `${p.scheduleId}@${p.at}`;
      if (current && current.to === p.to && now - at <= HANDOFF_STALE_MS && !this.claims.get(claimId)) {
        await this.announce(current);
        await this.claims.insert({ id: claimId, at: p.at }).catch(() => undefined);
      }
      await this.scheduleAfter(p.scheduleId, Math.max(at, now - HANDOFF_STALE_MS));
      return;
    }
    await this.scheduleAfter(p.scheduleId, now);
  }

  private async announce(h: Handoff): Promise<void> {
    const rotation = this.roster.get(h.scheduleId)!;
    const next = this.roster.around(h.scheduleId, h.until.getTime()).current;
    const zone = rotation.zone;
    const until = `until ${formatTime(h.until, zone)}`;
    const after = h.from ? ` from ${mention(h.from)}` : '';
    const then = next && next.personId !== h.to ? ` Next: ${mention(next.personId)}.` : '';
    if (rotation.team) {
      const channels = this.deps.chat.teamChannel(rotation.team, 'main');
      await this.deps.chat.postAll(channels, { text: `🔄 **${rotation.name}**: ${mention(h.to)} takes over${after}, on call ${until}.${then}` });
    }
    const person = this.deps.people.get(h.to);
    const personZone = this.deps.people.zoneOf(person);
    await this.deps.chat.dmPerson(h.to, {
      text: `📟 You are now on call for **${rotation.name}** until ${formatTime(h.until, personZone)}. Pages reach you here by DM; acknowledge with the button or \`page ack <id>\`. \`oncall schedule ${h.scheduleId}\` shows the coming shifts.`,
    });
  }
}
