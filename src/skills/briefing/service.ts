// Posting briefings: where each goes, composing it now, and the scheduled run (once per
// occurrence; a missed one still posts on start within its own day, never twice).
import type { OutMessage } from '../../core/card.js';
import { BRIEFING_SECTIONS, type BriefingConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { Collection } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { dayKey } from '../../core/time.js';
import type { Actor, ChannelRef, MessageRef } from '../../core/types.js';
import { latestOccurrence } from '../../core/cron.js';
import { briefingCard, buildSections } from './compose.js';
import { runId, type Run } from './model.js';
import { briefingContext } from './sections/index.js';

/** What `briefing` composes when no briefing is configured: every section, the whole organisation. */
const AD_HOC: Omit<BriefingConfig, 'id' | 'cron'> = { teams: [], channels: [], sections: [...BRIEFING_SECTIONS] };

const sameChannel = (a: ChannelRef, b: ChannelRef) => a.platform === b.platform && a.id === b.id && (a.threadId ?? '') === (b.threadId ?? '');

export class BriefingService {
  private readonly posted;

  constructor(
    private readonly deps: SkillDeps,
    private readonly runs: Collection<Run>,
  ) {
    this.posted = deps.metrics.counter('switchboard_briefings_posted_total', 'Briefings posted, by briefing and trigger', ['briefing', 'trigger']);
  }

  all(): BriefingConfig[] {
    return this.deps.config.briefings;
  }

  zone(b: Pick<BriefingConfig, 'timezone'>): string {
    return b.timezone ?? this.deps.config.timezone;
  }

  /** The briefing `briefing [id]` means: named, else the first for one of the speaker's teams, else the first. */
  pick(id: string | undefined, personId: string | undefined): BriefingConfig | undefined {
    const all = this.all();
    if (id) {
      const b = all.find((x) => x.id === id.toLowerCase());
      if (!b) throw new UserError(`There is no briefing "${id.slice(0, 40)}". Briefings: ${all.map((x) => x.id).join(', ') || 'none configured'}.`);
      return b;
    }
    const mine = personId ? this.deps.people.teamsOf(personId) : [];
    return all.find((b) => b.teams.some((t) => mine.includes(t))) ?? all[0];
  }

  /** The briefing's channels on the running platforms: its teams' main channels and its own. */
  targets(b: BriefingConfig): ChannelRef[] {
    const out: ChannelRef[] = [];
    const found = [...b.teams.flatMap((t) => this.deps.chat.teamChannel(t, 'main')), ...b.channels.flatMap((c) => this.deps.chat.resolve(c, '#briefing'))];
    for (const c of found) if (!out.some((x) => sameChannel(x, c))) out.push(c);
    return out;
  }

  /** The briefing as of now. */
  compose(b: (Omit<BriefingConfig, 'id' | 'cron'> & { cron?: string }) | undefined, now: Date): OutMessage {
    const cfg = b ?? { ...AD_HOC, timezone: this.deps.config.timezone };
    const zone = this.zone(cfg);
    // The previous briefing of this schedule (a minute back, so a scheduled run finds yesterday's).
    const since = cfg.cron ? latestOccurrence(cfg.cron, zone, new Date(now.getTime() - 60_000)) : undefined;
    const ctx = briefingContext(this.deps.config, zone, cfg.teams, now, (id) => this.deps.people.nameOf(id), since);
    const sections = buildSections(cfg.sections, this.deps.queries, ctx);
    return { card: briefingCard(`${this.deps.config.organisation} briefing`, sections, ctx) };
  }

  /** Posts a briefing now to its channels, except `skip` (where it was asked for, which gets the reply). */
  async postNow(b: BriefingConfig, msg: OutMessage, skip?: ChannelRef): Promise<ChannelRef[]> {
    const to = this.targets(b).filter((c) => !skip || !sameChannel(c, skip));
    await this.deps.chat.postAll(to, msg);
    this.posted.inc({ briefing: b.id, trigger: 'command' });
    return to;
  }

  /** Records who asked for a briefing and how many channels it went to. */
  async audit(actor: Actor, briefingId: string, channels: number): Promise<void> {
    await this.deps.audit.record(actor, 'briefing.post', briefingId, { channels });
  }

  /** The scheduled run of one occurrence: within its own day, once. */
  async scheduled(b: BriefingConfig, occurrence: Date): Promise<void> {
    const now = this.deps.clock.now();
    const zone = this.zone(b);
    if (dayKey(now, zone) !== dayKey(occurrence, zone)) {
      this.deps.log.info({ briefing: b.id, occurrence: occurrence.toISOString() }, 'briefing missed on a day that is over; not posted');
      return;
    }
    const id = runId(b.id, occurrence);
    if (this.runs.get(id)) return;
    // Claimed before it is posted: a crash in between loses this briefing rather than doubling it.
    await this.runs.insert({ id, briefingId: b.id, occurrence: occurrence.toISOString(), postedAt: now.toISOString(), refs: [] });
    const refs: MessageRef[] = await this.deps.chat.postAll(this.targets(b), this.compose(b, now));
    if (refs.length > 0) await this.runs.update(id, (r) => ({ ...r, refs }));
    this.posted.inc({ briefing: b.id, trigger: 'schedule' });
  }
}
