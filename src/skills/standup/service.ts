// The standup's use cases over the store: answering (and editing until the summary), being
// away, and building a day's summary. Each stores first, then edits the prompt DM in place.
import type { OutMessage } from '../../core/card.js';
import type { StandupConfig } from '../../core/config/index.js';
import type { Collection } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { formatTime } from '../../core/time.js';
import type { Actor } from '../../core/types.js';
import type { AuditEntry } from '../../core/audit.js';
import { activityOf, describeActivity, entriesBetween } from './activity.js';
import { activitySince, nextStandupDays, summaryAt } from './calendar.js';
import { answeredMessage, awayMessage, type PromptParts } from './cards.js';
import { answer, blankEntry, entryId, skip, summaryId, type Entry, type SummaryRecord } from './model.js';
import type { Roster } from './roster.js';
import { summaryCard, summaryModel, type SummaryModel } from './summary.js';

export class StandupService {
  constructor(
    readonly deps: SkillDeps,
    readonly roster: Roster,
    readonly entries: Collection<Entry>,
    readonly summaries: Collection<SummaryRecord>,
  ) {}

  /** When a day's summary is due, as someone in `zone` reads it. */
  dueLabel(s: StandupConfig, day: string, zone: string): string {
    return formatTime(summaryAt(s, this.roster.zone(s), day), zone);
  }

  /** The parts of a member's DM cards. */
  promptParts(s: StandupConfig, day: string, personId: string, suggestion?: string): PromptParts {
    const zone = this.deps.people.zoneOf(this.deps.people.get(personId));
    return { standup: s, teamName: this.roster.teamName(s), day, dueLabel: this.dueLabel(s, day, zone), multi: this.roster.of(personId).length > 1, suggestion };
  }

  /** The "yesterday" suggestion: what the person did in Switchboard since their last standup day began. */
  suggestion(s: StandupConfig, personId: string, now: Date, audit: AuditEntry[] = this.deps.audit.entries()): string | undefined {
    const from = activitySince(s, this.deps.people.zoneOf(this.deps.people.get(personId)), now);
    const facts = activityOf({ entries: entriesBetween(audit, from, now), queries: this.deps.queries }, personId, from, now);
    return describeActivity(facts) || undefined;
  }

  entry(s: StandupConfig, day: string, personId: string): Entry | undefined {
    return this.entries.get(entryId(s.id, day, personId));
  }

  /** Stores an answer for the current standup day (replacing an earlier one) and updates the prompt DM. */
  async answer(actor: Actor, personId: string, s: StandupConfig, answers: Record<string, string>, replace: boolean): Promise<Entry> {
    const now = this.deps.clock.now();
    const day = this.roster.dayAt(s, now);
    const id = entryId(s.id, day, personId);
    const e = await this.entries.upsert(id, (cur) => answer(cur ?? blankEntry(s.id, day, personId, now), { answers, replace, via: actor.platform, now }));
    await this.deps.audit.record(actor, 'standup.answer', id, { day, edit: e.edits > 0, questions: Object.keys(answers) });
    await this.refreshPrompt(e, answeredMessage(this.promptParts(s, day, personId), e));
    return e;
  }

  /** Marks the person away for the next `days` standup days, from the current one. */
  async skip(actor: Actor, personId: string, s: StandupConfig, days: number): Promise<Entry[]> {
    const now = this.deps.clock.now();
    const out: Entry[] = [];
    for (const day of nextStandupDays(s, this.roster.dayAt(s, now), days)) {
      out.push(await this.entries.upsert(entryId(s.id, day, personId), (cur) => skip(cur ?? blankEntry(s.id, day, personId, now), now)));
    }
    await this.deps.audit.record(actor, 'standup.skip', `${s.id}:${personId}`, { days: out.map((e) => e.day) });
    await this.refreshPrompt(out[0], awayMessage(this.promptParts(s, out[0].day, personId)));
    return out;
  }

  private async refreshPrompt(e: Entry, msg: OutMessage): Promise<void> {
    if (e.promptRefs.length > 0) await this.deps.chat.update(e.promptRefs, msg);
  }

  /** The summary of a day, from the entries as stored now. */
  model(s: StandupConfig, day: string): SummaryModel {
    const members = this.roster.members(s).map((personId) => ({ personId, name: this.deps.people.nameOf(personId), entry: this.entry(s, day, personId) }));
    return summaryModel({ standup: s, teamName: this.roster.teamName(s), day, members });
  }

  historyUrl(s: StandupConfig): string {
    return `${this.deps.publicUrl}/standups/${encodeURIComponent(s.id)}`;
  }

  /** The summary card of a day, final once its summary time has come. */
  summaryMessage(s: StandupConfig, day: string, now: Date): OutMessage {
    const due = summaryAt(s, this.roster.zone(s), day);
    const final = now.getTime() >= due.getTime() || this.summaries.get(summaryId(s.id, day)) !== undefined;
    return { card: summaryCard(this.model(s, day), { final, dueLabel: formatTime(due, this.roster.zone(s)), historyUrl: this.historyUrl(s) }) };
  }

  /** Days whose summary was posted, newest first. */
  postedDays(s: StandupConfig, limit: number): string[] {
    return this.summaries
      .filter((r) => r.standupId === s.id)
      .map((r) => r.day)
      .sort()
      .reverse()
      .slice(0, limit);
  }
}
