// Standups and the morning briefing: the team's daily rhythm.
import { z } from 'zod';
import { ChannelSpecSchema } from '../types.js';
import { cronSchema, durationSchema, hhmmSchema, idSchema, weekdaySchema, zoneSchema } from './primitives.js';

export const DEFAULT_QUESTIONS = [
  { id: 'yesterday', text: 'What did you do yesterday?' },
  { id: 'today', text: 'What will you do today?' },
  { id: 'blockers', text: 'Anything blocking you?' },
];

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
    reminder_before: durationSchema.prefault('30m'),
    questions: z
      .array(z.object({ id: idSchema, text: z.string().min(1) }).strict())
      .min(1)
      .default(DEFAULT_QUESTIONS),
  })
  .strict();
export type StandupConfig = z.infer<typeof standupSchema>;

export const BRIEFING_SECTIONS = ['status', 'incidents', 'resolved', 'oncall', 'changes', 'monitors', 'standups'] as const;

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
