// The cards a member gets by direct message: the prompt (and the reminder) with an Answer
// button that opens a form where the platform has forms, the typed command where it has not,
// and the same message edited in place once answered or marked away.
import { actions, button, card, context, escapeMarkup, formButton, text, type Block, type Form, type OutMessage } from '../../core/card.js';
import { quote } from '../../core/command.js';
import type { StandupConfig } from '../../core/config/index.js';
import { dayLabel } from './calendar.js';
import { BLOCKERS, clip, MAX_ANSWER, type Entry } from './model.js';

/** Discord's limit for a form input's label. */
const LABEL_MAX = 45;

/** What identifies the standup in a command: only needed for people in several standups. */
const teamOption = (s: StandupConfig, multi: boolean): string => (multi ? ` team:${s.id}` : '');

/** The form's command template: `standup yesterday:{yesterday} today:{today} blockers:{blockers}`. */
export function answerTemplate(s: StandupConfig, multi: boolean): string {
  return `standup${teamOption(s, multi)} ${s.questions.map((q) => `${q.id}:{${q.id}}`).join(' ')}`;
}

/** The answer form, prefilled (the "yesterday" suggestion, or the answers being edited). */
export function answerForm(s: StandupConfig, multi: boolean, initial: Record<string, string>): Form {
  return {
    title: 'Daily standup',
    submitLabel: 'Send',
    command: answerTemplate(s, multi),
    inputs: s.questions.map((q) => ({
      type: 'text' as const,
      id: q.id,
      label: clip(q.text, LABEL_MAX),
      multiline: true,
      maxLength: MAX_ANSWER,
      optional: q.id === BLOCKERS,
      ...(q.id === BLOCKERS ? { placeholder: 'none' } : {}),
      ...(initial[q.id] ? { initial: clip(initial[q.id], MAX_ANSWER) } : {}),
    })),
  };
}

/** The command to type where there are no forms, with the suggestion filled in. */
export function typedAnswer(s: StandupConfig, multi: boolean, initial: Record<string, string>): string {
  const value = (id: string) => (initial[id] ? quote(initial[id].replace(/`/g, "'")) : id === BLOCKERS ? 'none' : '"…"');
  return `standup${teamOption(s, multi)} ${s.questions.map((q) => `${q.id}:${value(q.id)}`).join(' ')}`;
}

export interface PromptParts {
  standup: StandupConfig;
  teamName: string;
  day: string;
  /** When the summary is due, in the member's zone. */
  dueLabel: string;
  /** The member takes part in several standups. */
  multi: boolean;
  /** The "yesterday" suggestion from Switchboard, if any. */
  suggestion?: string;
}

function answerButtons(p: PromptParts, initial: Record<string, string>, label: string): Block[] {
  const away = `standup skip${teamOption(p.standup, p.multi)}`;
  return [
    actions(formButton(label, answerForm(p.standup, p.multi, initial), 'primary'), button('Away today', away)),
    context(`No form here? Type \`${typedAnswer(p.standup, p.multi, initial)}\``),
  ];
}

function promptBlocks(p: PromptParts, lead: string): Block[] {
  const initial: Record<string, string> = p.suggestion ? { yesterday: p.suggestion } : {};
  const blocks: Block[] = [text(lead), text(p.standup.questions.map((q) => `• ${escapeMarkup(q.text)}`).join('\n'))];
  if (p.suggestion) blocks.push(context(`From Switchboard: ${escapeMarkup(p.suggestion)}`));
  return [...blocks, ...answerButtons(p, p.standup.questions.some((q) => q.id === 'yesterday') ? initial : {}, 'Answer')];
}

/** The prompt DM. */
export function promptMessage(p: PromptParts): OutMessage {
  const lead = `Time for the ${escapeMarkup(p.teamName)} standup. Answer before the summary, due ${p.dueLabel}.`;
  return { card: card(`📝 Standup · ${dayLabel(p.day)}`, promptBlocks(p, lead), 'info') };
}

/** The reminder DM to those who have not answered. */
export function reminderMessage(p: PromptParts): OutMessage {
  const lead = `You have not answered the ${escapeMarkup(p.teamName)} standup yet; the summary is due ${p.dueLabel}.`;
  return { card: card(`⏰ Standup reminder · ${dayLabel(p.day)}`, promptBlocks(p, lead), 'warning') };
}

/** The prompt, edited once answered: the answers and an Edit button until the summary. */
export function answeredMessage(p: PromptParts, e: Entry): OutMessage {
  const lines = p.standup.questions.filter((q) => e.answers[q.id]).map((q) => `_${escapeMarkup(q.text)}_\n${escapeMarkup(e.answers[q.id])}`);
  const blocks: Block[] = [text(lines.join('\n')), context(`You can edit it until the summary, due ${p.dueLabel}; after that an answer counts for the next standup.`)];
  return { card: card(`✅ Standup answered · ${dayLabel(p.day)}`, [...blocks, ...answerButtons(p, e.answers, 'Edit')], 'success') };
}

/** The prompt, edited once the member marked the day away. */
export function awayMessage(p: PromptParts): OutMessage {
  return { card: card(`🏖️ Away · ${dayLabel(p.day)}`, [text('Marked away: no reminder, and the summary lists you as away. Back after all? Answer before the summary.'), ...answerButtons(p, {}, 'Answer')], 'neutral') };
}
