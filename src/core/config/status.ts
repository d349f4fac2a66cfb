// Status page components, monitors, heartbeats, and outbound integrations.
import { z } from 'zod';
import { ChannelSpecSchema } from '../types.js';
import { componentStatusSchema, cronSchema, durationSchema, got, idSchema, urlSchema, zoneSchema } from './primitives.js';

export const componentSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    group: idSchema.optional(),
    description: z.string().optional(),
  })
  .strict();

/** An http(s) URL, or a path (`/healthz`) checked on the bot's own server (its PUBLIC_URL). */
const monitorUrlSchema = z
  .string({ error: (i) => `expected a URL, got ${got(i.input)}` })
  .refine((s) => /^https?:\/\/[^\s]+$/.test(s) || /^\/[^\s]*$/.test(s), { error: (i) => `expected an http(s) URL or a path like /healthz, got ${got(i.input)}` });

export const monitorSchema = z
  .object({
    id: idSchema,
    component: idSchema,
    url: monitorUrlSchema,
    method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
    interval: durationSchema.prefault('60s'),
    timeout: durationSchema.prefault('10s'),
    expected_status: z.union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)]).default(200),
    body_match: z.string().optional(),
    failures_before_change: z.number().int().min(1).max(100).default(3),
    successes_before_recovery: z.number().int().min(1).max(100).default(1),
    failure_status: componentStatusSchema.default('major_outage'),
    /** Page the component's service's escalation policy when it fails. */
    page: z.boolean().default(false),
  })
  .strict();
export type MonitorConfig = z.infer<typeof monitorSchema>;

/**
 * A heartbeat's token: a long random secret that goes into the URL path. Problems never echo
 * the value (it is a secret); they say its length or what kind of character is wrong.
 */
const heartbeatTokenSchema = z
  .string({ error: 'expected the token as a string: write ${ENV_NAME} and set a long random secret in the environment' })
  .superRefine((s, ctx) => {
    const hint = 'e.g. `openssl rand -hex 32`';
    if (s.length < 32) ctx.addIssue({ code: 'custom', message: `expected a long random secret of at least 32 characters (${hint}), got ${s.length} characters` });
    else if (s.length > 128) ctx.addIssue({ code: 'custom', message: `expected at most 128 characters, got ${s.length}` });
    else if (!/^[A-Za-z0-9_-]+$/.test(s)) ctx.addIssue({ code: 'custom', message: `expected only letters, digits, - and _ (it goes into the URL path; ${hint})` });
  });

/** Statuses a failing job may put its component in (it never sets operational or maintenance). */
const HEARTBEAT_FAILURE_STATUSES = ['degraded_performance', 'partial_outage', 'major_outage'] as const;

/**
 * A scheduled job (backup, ETL, certificate renewal) that reports in with
 * `POST /heartbeat/<token>`. `schedule` says when each run should have reported (cron in
 * `timezone`); a run may come up to `grace` later before it counts as missed.
 */
export const heartbeatSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).optional(),
    token: heartbeatTokenSchema,
    schedule: cronSchema,
    timezone: zoneSchema.optional(),
    grace: durationSchema.prefault('30m').refine((ms) => ms >= 60_000, { error: 'expected a grace of at least 1m' }),
    /** The status component a missed or failed run marks. */
    component: idSchema.optional(),
    /** The service whose escalation policy `page: true` pages (default: the service that moves `component`). */
    service: idSchema.optional(),
    failure_status: z
      .enum(HEARTBEAT_FAILURE_STATUSES, { error: (i) => `expected one of ${HEARTBEAT_FAILURE_STATUSES.join(', ')}, got ${got(i.input)}` })
      .default('degraded_performance'),
    /** Page the service's escalation policy when a run is missed or fails. */
    page: z.boolean().default(false),
  })
  .strict();
export type HeartbeatConfig = z.infer<typeof heartbeatSchema>;

export const statusSchema = z
  .object({
    title: z.string().default('System status'),
    groups: z.array(z.object({ id: idSchema, name: z.string().min(1) }).strict()).default([]),
    components: z.array(componentSchema).default([]),
    monitors: z.array(monitorSchema).default([]),
    /** Scheduled jobs that report in over HTTP (see heartbeatSchema). */
    heartbeats: z.array(heartbeatSchema).default([]),
    /** Channels told about every status change, in addition to `status subscribe`. */
    subscribers: z.array(ChannelSpecSchema).default([]),
  })
  .strict();
export type StatusConfig = z.infer<typeof statusSchema>;

const secretString = (what: string) => z.string({ error: (i) => `expected the ${what} (write \${ENV_NAME} to read it from the environment), got ${got(i.input)}` });

export const integrationsSchema = z
  .object({
    pagerduty: z
      .array(z.object({ id: idSchema, routing_key: secretString('routing key'), url: urlSchema.default('https://events.pagerduty.com/v2/enqueue') }).strict())
      .default([]),
    opsgenie: z.array(z.object({ id: idSchema, api_key: secretString('API key'), url: urlSchema.default('https://api.opsgenie.com') }).strict()).default([]),
    webhooks: z.array(z.object({ id: idSchema, url: urlSchema, secret: secretString('HMAC secret') }).strict()).default([]),
  })
  .strict()
  .default({ pagerduty: [], opsgenie: [], webhooks: [] });
export type IntegrationsConfig = z.infer<typeof integrationsSchema>;
