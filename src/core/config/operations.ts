// Services, incidents, schedules and escalation policies: what runs, who carries the pager.
import { z } from 'zod';
import { formatDuration } from '../time.js';
import { got, dateSchema, durationSchema, hhmmSchema, idSchema, severitySchema, urlSchema, weekdaySchema, zoneSchema } from './primitives.js';

export const serviceSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    team: idSchema,
    escalation_policy: idSchema.optional(),
    status_component: idSchema.optional(),
    description: z.string().optional(),
    /** Shorthand for a status monitor of this service's component. */
    health_check: z
      .object({
        url: urlSchema,
        interval: durationSchema.prefault('60s'),
        timeout: durationSchema.prefault('10s'),
        expected_status: z.number().int().min(100).max(599).default(200),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ServiceConfig = z.infer<typeof serviceSchema>;

const severityDef = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** Remind the incident channel when no update came for this long; `none` turns it off. */
    update_interval: z.union([z.literal('none'), durationSchema]).optional(),
  })
  .strict();

export const DEFAULT_SEVERITIES = {
  sev1: { name: 'Critical', description: 'Complete outage or data loss; all hands.', update_interval: 30 * 60_000 },
  sev2: { name: 'Major', description: 'Major feature unavailable for many customers.', update_interval: 60 * 60_000 },
  sev3: { name: 'Minor', description: 'Partial degradation with a workaround.', update_interval: 4 * 3_600_000 },
  sev4: { name: 'Low', description: 'Cosmetic or internal only.', update_interval: 'none' as const },
};

/** Response SLA of one severity: time to acknowledge and to resolve, from declaration. */
const slaTargetSchema = z
  .object({
    ack: durationSchema.optional(),
    resolve: durationSchema.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.ack === undefined && t.resolve === undefined) ctx.addIssue({ code: 'custom', message: 'expected ack and/or resolve, e.g. { ack: 5m, resolve: 4h }' });
    if (t.ack !== undefined && t.resolve !== undefined && t.resolve < t.ack) {
      ctx.addIssue({ code: 'custom', path: ['resolve'], message: `resolve (${formatDuration(t.resolve)}) is shorter than ack (${formatDuration(t.ack)}): an incident is acknowledged before it is resolved` });
    }
  });
export type SlaTargetConfig = z.infer<typeof slaTargetSchema>;

export const incidentsSchema = z
  .object({
    severities: z.partialRecord(severitySchema, severityDef).default({}),
    /** Response SLA per severity (`sev1: { ack: 5m, resolve: 4h }`); severities left out have none. */
    sla: z.partialRecord(severitySchema, slaTargetSchema).default({}),
    /** Team whose incident channel gets announcements when the service names none. */
    default_team: idSchema.optional(),
    /** Prefix of incident channel names (`inc-42-db-down`). */
    channel_prefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,9}$/, { error: (i) => `expected a short lowercase prefix, got ${got(i.input)}` })
      .default('inc'),
  })
  .strict()
  .default({ severities: {}, sla: {}, channel_prefix: 'inc' });

export const restrictionSchema = z
  .object({
    days: z.array(weekdaySchema).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
    from: hhmmSchema,
    to: hhmmSchema,
  })
  .strict();

const shiftSchema = z
  .string({ error: (i) => `expected a shift length like 12h, 1d or 1w, got ${got(i.input)}` })
  .pipe(durationSchema)
  .refine((ms) => ms >= 3_600_000, { error: 'expected a shift of at least 1h' });

export const layerSchema = z
  .object({
    name: z.string().optional(),
    members: z.array(idSchema).min(1, { error: 'expected at least one member' }),
    shift: shiftSchema,
    handoff: hhmmSchema.default('09:00'),
    start: dateSchema,
    timezone: zoneSchema.optional(),
    restrictions: z.array(restrictionSchema).optional(),
  })
  .strict();
export type LayerConfig = z.infer<typeof layerSchema>;

export const scheduleSchema = z
  .object({
    id: idSchema,
    name: z.string().optional(),
    team: idSchema.optional(),
    timezone: zoneSchema.optional(),
    /** A single-layer rotation may be written inline… */
    members: z.array(idSchema).min(1).optional(),
    shift: shiftSchema.optional(),
    handoff: hhmmSchema.optional(),
    start: dateSchema.optional(),
    restrictions: z.array(restrictionSchema).optional(),
    /** …or as layers; a higher layer (later in the list) wins where it has someone. */
    layers: z.array(layerSchema).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const inline = s.members !== undefined || s.shift !== undefined || s.start !== undefined;
    if (inline && s.layers) ctx.addIssue({ code: 'custom', message: 'write either members/shift/start or layers, not both' });
    if (!inline && !s.layers) ctx.addIssue({ code: 'custom', message: 'expected members, shift and start (or layers)' });
    if (inline) {
      for (const k of ['members', 'shift', 'start'] as const)
        if (s[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `expected ${k} for an inline rotation` });
    }
  })
  .transform((s) => ({
    id: s.id,
    name: s.name ?? s.id,
    team: s.team,
    timezone: s.timezone,
    /** Written as an inline rotation (for error paths). */
    inline: s.layers === undefined,
    layers:
      s.layers ??
      [{ name: 'main', members: s.members!, shift: s.shift!, handoff: s.handoff ?? '09:00', start: s.start!, timezone: undefined, restrictions: s.restrictions }],
  }));
export type ScheduleConfig = z.infer<typeof scheduleSchema>;

/** `schedule:<id>` or `person:<id>`. */
export const targetSchema = z
  .string()
  .regex(/^(schedule|person):[a-z0-9][a-z0-9_-]*$/, { error: (i) => `expected schedule:<id> or person:<id>, got ${got(i.input)}` })
  .transform((s) => {
    const [kind, id] = s.split(':') as ['schedule' | 'person', string];
    return { kind, id };
  });

export const escalationPolicySchema = z
  .object({
    id: idSchema,
    name: z.string().optional(),
    levels: z
      .array(
        z
          .object({
            targets: z.array(targetSchema).min(1, { error: 'expected at least one target' }),
            /** Move to the next level when unacknowledged this long. */
            after: durationSchema.prefault('15m'),
          })
          .strict(),
      )
      .min(1, { error: 'expected at least one level' }),
    /** How many times the whole policy repeats after the last level. */
    repeat: z.number().int().min(0).max(10).default(0),
    /** Outbound integrations (ids under `integrations`) notified on every page of this policy. */
    integrations: z.array(idSchema).default([]),
  })
  .strict();
export type EscalationPolicyConfig = z.infer<typeof escalationPolicySchema>;
