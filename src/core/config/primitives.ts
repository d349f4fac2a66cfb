// Shared zod building blocks of the config, each with the message an operator should read
// (`expected HH:MM, got "9am"`).
import { z } from 'zod';
import { cronProblem } from '../cron.js';
import { isValidZone, parseDuration, parseHHMM, WEEKDAYS } from '../time.js';

const got = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '…' : s;
};

export const idSchema = z.string({ error: (i) => `expected an id, got ${got(i.input)}` }).regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
  error: (i) => `expected a lowercase id (letters, digits, - and _), got ${got(i.input)}`,
});

export const zoneSchema = z.string().refine(isValidZone, { error: (i) => `expected an IANA time zone like Europe/Berlin, got ${got(i.input)}` });

export const hhmmSchema = z
  .string({ error: (i) => `expected HH:MM, got ${got(i.input)}` })
  .refine((s) => parseHHMM(s) !== undefined && /^\d{2}:\d{2}$/.test(s), { error: (i) => `expected HH:MM, got ${got(i.input)}` });

/** A duration like 30m, 4h, 2d, 1w, 1h30m; parsed to milliseconds. */
export const durationSchema = z
  .string({ error: (i) => `expected a duration like 30m, 4h, 2d or 1w, got ${got(i.input)}` })
  .transform((s, ctx) => {
    const ms = parseDuration(s);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like 30m, 4h, 2d or 1w, got ${got(s)}` });
      return z.NEVER;
    }
    return ms;
  });

export const dateSchema = z
  .string({ error: (i) => `expected a date YYYY-MM-DD, got ${got(i.input)}` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (i) => `expected a date YYYY-MM-DD, got ${got(i.input)}` });

/** Local date-time without offset (read in the section's zone): 2026-12-20T00:00. */
export const localDateTimeSchema = z
  .string({ error: (i) => `expected a local date-time YYYY-MM-DDTHH:MM, got ${got(i.input)}` })
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/, { error: (i) => `expected a local date-time YYYY-MM-DDTHH:MM, got ${got(i.input)}` });

export const cronSchema = z.string({ error: (i) => `expected a cron expression, got ${got(i.input)}` }).superRefine((s, ctx) => {
  const p = cronProblem(s);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});

export const weekdaySchema = z.enum(WEEKDAYS, { error: (i) => `expected a weekday (mon…sun), got ${got(i.input)}` });

export const urlSchema = z
  .string({ error: (i) => `expected a URL, got ${got(i.input)}` })
  .refine((s) => /^https?:\/\/[^\s]+$/.test(s), { error: (i) => `expected an http(s) URL, got ${got(i.input)}` });

/** Ids stored as strings even when YAML would read digits as a (lossy) number. */
export const platformIdString = (what: string) =>
  z.string({
    error: (i) =>
      typeof i.input === 'number' ? `expected a quoted string for the ${what} (write it in quotes: large numbers lose digits), got ${i.input}` : `expected the ${what} as a string, got ${got(i.input)}`,
  });

export const severitySchema = z.enum(['sev1', 'sev2', 'sev3', 'sev4'], { error: (i) => `expected sev1, sev2, sev3 or sev4, got ${got(i.input)}` });
export type Severity = z.infer<typeof severitySchema>;
export const SEVERITIES = severitySchema.options;

export const riskSchema = z.enum(['low', 'medium', 'high'], { error: (i) => `expected low, medium or high, got ${got(i.input)}` });
export type Risk = z.infer<typeof riskSchema>;

export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export const componentStatusSchema = z.enum(COMPONENT_STATUSES, { error: (i) => `expected one of ${COMPONENT_STATUSES.join(', ')}, got ${got(i.input)}` });
export type ComponentStatus = z.infer<typeof componentStatusSchema>;

export { got };
