// Standups and the morning briefing: the team's daily rhythm.
import { z } from 'zod';
import { ChannelSpecSchema } from '../types.js';
import { cronSchema, durationSchema, got, hhmmSchema, idSchema, weekdaySchema, zoneSchema } from './primitives.js';

export const DEFAULT_QUESTIONS = [
  { id: 'yesterday', text: 'What did you do yesterday?' },
  { id: 'today', text: 'What will you do today?' },
  { id: 'blockers', text: 'Anything blocking you?' },
];

/** Options of the `standup` command that a question id may not take. */
export const STANDUP_RESERVED_KEYS = ['team'];

/** A question id is also the answer's option key (`blockers:"…"`), so it must read as one. */
const questionIdSchema = z
  .string({ error: (i) => `expected a question id, got ${got(i.input)}` })
  .regex(/^[a-z][a-z0-9_-]{0,30}$/, { error: (i) => `expected a question id (a lowercase letter, then letters, digits, - or _; at most 31), got ${got(i.input)}` })
  .refine((s) => !STANDUP_RESERVED_KEYS.includes(s), { error: (i) => `the question id ${got(i.input)} is reserved by the standup command` });

const HOURS_12 = 12 * 3_600_000;

export const standupSchema = z
  .object({
    id: idSchema,
    team: idSchema,
    /** Where the summary goes; the team's `standup` (else `main`) channel when omitted. */
    channel: ChannelSpecSchema.optional(),
    days: z.array(weekdaySchema).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    /** Local time in each member's own zone. */
    prompt: hhmmSchema,
    /** Local time in the team's zone. */
    summary: hhmmSchema,
    reminder_before: durationSchema.refine((ms) => ms <= HOURS_12, { error: 'expected at most 12h before the summary' }).prefault('30m'),
    /** At most 5: a Discord modal holds five inputs. */
    questions: z
      .array(z.object({ id: questionIdSchema, text: z.string().min(1).max(200) }).strict())
      .min(1)
      .max(5, { error: 'expected at most 5 questions (a Discord form holds five)' })
      .default(DEFAULT_QUESTIONS)
      .check((ctx) => {
        const seen = new Set<string>();
        ctx.value.forEach((q, i) => {
          if (seen.has(q.id)) ctx.issues.push({ code: 'custom', path: [i, 'id'], message: `duplicate question id "${q.id}"`, input: q.id });
          seen.add(q.id);
        });
      }),
  })
  .strict();
export type StandupConfig = z.infer<typeof standupSchema>;

/** `overnight` (scheduled jobs' heartbeats) moves to the top whenever a job failed or was missed. */
export const BRIEFING_SECTIONS = ['overnight', 'status', 'incidents', 'resolved', 'oncall', 'changes', 'monitors', 'standups'] as const;

export const briefingSchema = z
  .object({
    id: idSchema,
    cron: cronSchema,
    timezone: zoneSchema.optional(),
    /** Post to these teams' main channels… */
    teams: z.array(idSchema).default([]),
    /** …and to these channels. */
    channels: z.array(ChannelSpecSchema).default([]),
    sections: z.array(z.enum(BRIEFING_SECTIONS)).default([...BRIEFING_SECTIONS]),
  })
  .strict();
export type BriefingConfig = z.infer<typeof briefingSchema>;
