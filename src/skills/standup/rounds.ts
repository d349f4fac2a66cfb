// The standup's scheduled rounds: prompts (one recurring job per standup and member zone),
// the reminder and the summary (in the team's zone). Each occurrence runs once (the scheduler's
// durable occurrence ids); one missed while the bot was down still runs on start, but only
// within its own day and before its summary. Every send is claimed in the store first, so a
// retried handler never prompts, reminds or summarises twice.
import type { StandupConfig } from '../../core/config/index.js';
import type { MessageRef } from '../../core/types.js';
import { dayKey } from '../../core/time.js';
import { entriesBetween } from './activity.js';
import { activitySince, promptCron, reminderCron, summaryAt, summaryCron } from './calendar.js';
import { promptMessage, reminderMessage } from './cards.js';
import { blankEntry, entryId, summaryId, type Entry } from './model.js';
import type { StandupService } from './service.js';

/** Catch-up window of a missed occurrence; the handlers narrow it to the occurrence's own day. */
const CATCH_UP_MS = 24 * 3_600_000;

export class StandupRounds {
  private readonly sent;

  constructor(private readonly svc: StandupService) {
    this.sent = svc.deps.metrics.counter('switchboard_standup_messages_total', 'Standup prompts, reminders and summaries sent', ['standup', 'kind']);
  }

  private get deps() {
    return this.svc.deps;
  }

  /** Registers the recurring jobs of every configured standup (before the scheduler starts). */
  register(): void {
    const { scheduler } = this.deps;
    for (const s of this.svc.roster.all()) {
      for (const [zone, members] of this.svc.roster.promptZones(s)) {
        scheduler.recurring({ name: `standup-prompt:${s.id}:${zone}`, cron: promptCron(s), timezone: zone, catchUpMs: CATCH_UP_MS, run: (o) => this.prompt(s, zone, members, o) });
      }
      const zone = this.svc.roster.zone(s);
      scheduler.recurring({ name: `standup-reminder:${s.id}`, cron: reminderCron(s), timezone: zone, catchUpMs: CATCH_UP_MS, run: (o) => this.remind(s, o) });
      scheduler.recurring({ name: `standup-summary:${s.id}`, cron: summaryCron(s), timezone: zone, catchUpMs: CATCH_UP_MS, run: (o) => this.summarize(s, o) });
    }
  }

  /** An occurrence is still worth acting on: its local day is not over and its summary not due. */
  private current(s: StandupConfig, zone: string, occurrence: Date, day: string): boolean {
    const now = this.deps.clock.now();
    if (dayKey(now, zone) !== dayKey(occurrence, zone)) return false;
    return now.getTime() < summaryAt(s, this.svc.roster.zone(s), day).getTime();
  }

  /** Claims a member's entry for a send; false when it was already done or is not wanted. */
  private async claim(s: StandupConfig, day: string, personId: string, want: (e: Entry) => boolean, mark: (e: Entry, at: string) => Entry): Promise<boolean> {
    const now = this.deps.clock.now();
    let claimed = false;
    await this.svc.entries.upsert(entryId(s.id, day, personId), (cur) => {
      const e = cur ?? blankEntry(s.id, day, personId, now);
      if (!want(e)) return e;
      claimed = true;
      return mark(e, now.toISOString());
    });
    return claimed;
  }

  private async addRefs(id: string, refs: MessageRef[]): Promise<void> {
    if (refs.length > 0) await this.svc.entries.update(id, (e) => ({ ...e, promptRefs: [...e.promptRefs, ...refs] }));
  }

  /** Prompts the members of one zone who have neither answered nor gone away. */
  async prompt(s: StandupConfig, zone: string, members: string[], occurrence: Date): Promise<void> {
    const day = this.svc.roster.dayAt(s, occurrence);
    if (!this.current(s, zone, occurrence, day)) return;
    const now = this.deps.clock.now();
    const from = activitySince(s, zone, occurrence);
    const entries = entriesBetween(this.deps.audit.entries(), from, now);
    // Members are independent: their claims share the store's group commits.
    await Promise.all(
      members.map(async (personId) => {
        const fresh = (e: Entry) => e.status === 'pending' && !e.promptedAt;
        if (!(await this.claim(s, day, personId, fresh, (e, at) => ({ ...e, promptedAt: at, updatedAt: at })))) return;
        const suggestion = this.svc.suggestion(s, personId, now, entries);
        const refs = await this.deps.chat.dmPerson(personId, promptMessage(this.svc.promptParts(s, day, personId, suggestion)));
        await this.addRefs(entryId(s.id, day, personId), refs);
        this.sent.inc({ standup: s.id, kind: 'prompt' });
      }),
    );
  }

  /** Reminds those prompted for the day who have not answered (nor gone away). */
  async remind(s: StandupConfig, occurrence: Date): Promise<void> {
    const day = this.svc.roster.dayAt(s, occurrence);
    if (!this.current(s, this.svc.roster.zone(s), occurrence, day)) return;
    await Promise.all(
      this.svc.roster.members(s).map(async (personId) => {
        const due = (e: Entry) => e.status === 'pending' && !!e.promptedAt && e.promptedAt < occurrence.toISOString() && !e.remindedAt;
        if (!(await this.claim(s, day, personId, due, (e, at) => ({ ...e, remindedAt: at, updatedAt: at })))) return;
        const refs = await this.deps.chat.dmPerson(personId, reminderMessage(this.svc.promptParts(s, day, personId)));
        await this.addRefs(entryId(s.id, day, personId), refs);
        this.sent.inc({ standup: s.id, kind: 'reminder' });
      }),
    );
  }

  /** Posts the day's summary to the team's channel, once. */
  async summarize(s: StandupConfig, occurrence: Date): Promise<void> {
    const zone = this.svc.roster.zone(s);
    const day = dayKey(occurrence, zone);
    const now = this.deps.clock.now();
    if (dayKey(now, zone) !== day) return;
    const id = summaryId(s.id, day);
    if (this.svc.summaries.get(id)) return;
    await this.svc.summaries.insert({ id, standupId: s.id, day, postedAt: now.toISOString(), refs: [] });
    const channels = s.channel ? this.deps.chat.resolve(s.channel, `#${s.team}-standup`) : this.deps.chat.teamChannel(s.team, 'standup');
    const refs = await this.deps.chat.postAll(channels, this.svc.summaryMessage(s, day, now));
    if (refs.length > 0) await this.svc.summaries.update(id, (r) => ({ ...r, refs }));
    this.sent.inc({ standup: s.id, kind: 'summary' });
  }
}
