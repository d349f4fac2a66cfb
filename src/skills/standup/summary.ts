// A day's standup summary as data (who answered what, blockers, who was away, who did not
// answer) and as the card posted to the team channel. The same model renders the HTML page.
import { card, context, divider, escapeMarkup, text, type Block, type Card } from '../../core/card.js';
import type { StandupConfig } from '../../core/config/index.js';
import { dayLabel } from './calendar.js';
import { BLOCKERS, blockerOf, clip, isBlocker, type Entry } from './model.js';

export interface SummaryAnswer {
  question: string;
  text: string;
  blocker: boolean;
}

export interface SummaryModel {
  standupId: string;
  teamName: string;
  day: string;
  answered: Array<{ personId: string; name: string; answers: SummaryAnswer[] }>;
  blockers: Array<{ personId: string; name: string; text: string }>;
  away: string[];
  /** Names of members who did not answer — names only, so nobody is pinged. */
  missing: string[];
  members: number;
}

export interface SummaryInput {
  standup: StandupConfig;
  teamName: string;
  day: string;
  /** Members in config order, with their entry of the day if any. */
  members: Array<{ personId: string; name: string; entry?: Entry }>;
}

export function summaryModel(input: SummaryInput): SummaryModel {
  const { standup, day } = input;
  const m: SummaryModel = { standupId: standup.id, teamName: input.teamName, day, answered: [], blockers: [], away: [], missing: [], members: input.members.length };
  for (const { personId, name, entry } of input.members) {
    if (entry?.status === 'skipped') m.away.push(name);
    else if (entry?.status !== 'answered') m.missing.push(name);
    else {
      const answers = standup.questions
        .filter((q) => entry.answers[q.id] !== undefined)
        .map((q) => ({ question: q.text, text: entry.answers[q.id], blocker: q.id === BLOCKERS && isBlocker(entry.answers[q.id]) }));
      m.answered.push({ personId, name, answers });
      const b = blockerOf(entry);
      if (b) m.blockers.push({ personId, name, text: b });
    }
  }
  return m;
}

/**
 * The longest answer the card shows in full (the page has all of it): a card with a dozen
 * people stays within what Slack sections and Discord embeds accept.
 */
export const CARD_ANSWER_MAX = 500;

export interface SummaryCardOptions {
  /** Whether the summary time has come (else it says "so far"). */
  final: boolean;
  /** When the summary is (or was) due, as the reader reads it. */
  dueLabel: string;
  /** The page of earlier summaries. */
  historyUrl: string;
}

/** The summary card: blockers first and highlighted, then each person's answers, then who was away or silent. */
export function summaryCard(m: SummaryModel, opts: SummaryCardOptions): Card {
  const blocks: Block[] = [];
  if (m.blockers.length > 0) {
    blocks.push(text(['🚧 **Blockers**', ...m.blockers.map((b) => `• **${escapeMarkup(b.name)}**: ${escapeMarkup(clip(b.text, CARD_ANSWER_MAX))}`)].join('\n')));
    blocks.push(divider());
  }
  for (const a of m.answered) {
    const lines = a.answers.map((x) => `_${escapeMarkup(x.question)}_\n${x.blocker ? '🚧 ' : ''}${escapeMarkup(clip(x.text, CARD_ANSWER_MAX))}`);
    blocks.push(text([`**${escapeMarkup(a.name)}**`, ...lines].join('\n')));
  }
  if (m.answered.length === 0) blocks.push(text(opts.final ? 'Nobody answered this standup.' : 'No answers yet.'));
  if (m.away.length > 0) blocks.push(context(`🏖️ Away: ${m.away.map(escapeMarkup).join(', ')}`));
  if (m.missing.length > 0) blocks.push(context(`🔕 No answer${opts.final ? '' : ' yet'}: ${m.missing.map(escapeMarkup).join(', ')}`));
  const count = `${m.answered.length} of ${m.members} answered${opts.final ? '' : ` so far — the summary is due ${opts.dueLabel}`}`;
  blocks.push(context(`${count} · [Earlier summaries](${opts.historyUrl})`));
  return card(`🗓️ ${m.teamName} standup · ${dayLabel(m.day)}`, blocks, m.blockers.length > 0 ? 'warning' : 'success');
}
