// The standup's records and their pure transitions. One entry per standup, day and person
// holds the prompt sent, the reminder, and the answers or the absence; one summary record per
// standup and day says it was posted (so it is posted once, even across restarts).
import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { MessageRefSchema, PlatformIdSchema, type PlatformId } from '../../core/types.js';

/** The longest answer to one question (a long one still fits a Slack section). */
export const MAX_ANSWER = 1500;

/** The question whose answers are highlighted as blockers. */
export const BLOCKERS = 'blockers';

export const EntrySchema = z.object({
  /** `<standup>:<day>:<person>`. */
  id: z.string(),
  standupId: z.string(),
  /** The standup day, YYYY-MM-DD in the team's zone. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  personId: z.string(),
  status: z.enum(['pending', 'answered', 'skipped']),
  /** Answers keyed by question id. */
  answers: z.record(z.string(), z.string()),
  promptedAt: z.string().optional(),
  /** The prompt DMs, edited in place once answered. */
  promptRefs: z.array(MessageRefSchema),
  remindedAt: z.string().optional(),
  answeredAt: z.string().optional(),
  /** How many times the answer was replaced before the summary. */
  edits: z.number().int().min(0),
  via: PlatformIdSchema.optional(),
  updatedAt: z.string(),
});
export type Entry = z.infer<typeof EntrySchema>;

export const SummarySchema = z.object({
  /** `<standup>:<day>`. */
  id: z.string(),
  standupId: z.string(),
  day: z.string(),
  postedAt: z.string(),
  refs: z.array(MessageRefSchema),
});
export type SummaryRecord = z.infer<typeof SummarySchema>;

export const entryId = (standupId: string, day: string, personId: string): string => `${standupId}:${day}:${personId}`;
export const summaryId = (standupId: string, day: string): string => `${standupId}:${day}`;

/** A fresh entry for a person and day, before anything happened. */
export function blankEntry(standupId: string, day: string, personId: string, now: Date): Entry {
  return { id: entryId(standupId, day, personId), standupId, day, personId, status: 'pending', answers: {}, promptRefs: [], edits: 0, updatedAt: now.toISOString() };
}

export interface AnswerInput {
  answers: Record<string, string>;
  /** A form is a whole answer (replaces all); typed options patch the questions they name. */
  replace: boolean;
  via: PlatformId;
  now: Date;
}

/** A text cut to `n` characters with an ellipsis (for form labels and cards). */
export const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Cleans one answer: trimmed, never empty, never longer than MAX_ANSWER. */
export function cleanAnswer(questionId: string, text: string): string {
  const t = text.trim();
  if (t.length > MAX_ANSWER) throw new UserError(`Your answer to ${questionId}: is ${t.length} characters long; the limit is ${MAX_ANSWER}.`);
  return t;
}

/** Stores an answer; replaces an earlier one (and an absence) for the same day. */
export function answer(cur: Entry, input: AnswerInput): Entry {
  const given = Object.fromEntries(Object.entries(input.answers).filter(([, v]) => v.trim() !== ''));
  const answers = input.replace || cur.status !== 'answered' ? given : { ...cur.answers, ...given };
  if (Object.keys(answers).length === 0) throw new UserError('That answer is empty: answer at least one question.');
  const at = input.now.toISOString();
  return {
    ...cur,
    status: 'answered',
    answers,
    answeredAt: at,
    edits: cur.status === 'answered' ? cur.edits + 1 : cur.edits,
    via: input.via,
    updatedAt: at,
  };
}

/** Marks the person away for the day; an answer already given is dropped. */
export function skip(cur: Entry, now: Date): Entry {
  return { ...cur, status: 'skipped', answers: {}, answeredAt: undefined, updatedAt: now.toISOString() };
}

const NO_BLOCKER = /^(?:none|no|nope|nothing|nil|n\/?a|-+|—|–|no blockers?|not? blocked|all good|nothing blocking( me)?)[.!]?$/i;

/** Whether a blockers answer names a real blocker ("none", "no", "-" do not). */
export const isBlocker = (text: string): boolean => text.trim() !== '' && !NO_BLOCKER.test(text.trim());

/** The entry's blocker, when it reported one. */
export function blockerOf(e: Entry): string | undefined {
  const b = e.status === 'answered' ? e.answers[BLOCKERS] : undefined;
  return b !== undefined && isBlocker(b) ? b : undefined;
}
