// Status page components, monitors, and outbound integrations.
import { z } from 'zod';
import { ChannelSpecSchema } from '../types.js';
import { componentStatusSchema, durationSchema, got, idSchema, urlSchema } from './primitives.js';

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

export const statusSchema = z
  .object({
    title: z.string().default('System status'),
    groups: z.array(z.object({ id: idSchema, name: z.string().min(1) }).strict()).default([]),
    components: z.array(componentSchema).default([]),
    monitors: z.array(monitorSchema).default([]),
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
