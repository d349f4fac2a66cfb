// People, teams and permissions: who exists, on which platforms, and who may do what.
import { z } from 'zod';
import { ChannelSpecSchema } from '../types.js';
import { got, idSchema, platformIdString, zoneSchema } from './primitives.js';

export const personSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    timezone: zoneSchema.optional(),
    slack: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, { error: (i) => `expected a Slack user id like U012AB3CD, got ${got(i.input)}` })
      .optional(),
    discord: platformIdString('Discord user id')
      .regex(/^\d{5,25}$/, { error: (i) => `expected a Discord user id (digits, in quotes), got ${got(i.input)}` })
      .optional(),
    teams: z
      .string()
      .regex(/^\d+:.+/, { error: (i) => `expected a Teams user id like 29:1abc…, got ${got(i.input)}` })
      .optional(),
    teams_aad: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: (i) => `expected an Azure AD object id (a GUID), got ${got(i.input)}` })
      .optional(),
    email: z.email({ error: (i) => `expected an email address, got ${got(i.input)}` }).optional(),
  })
  .strict();
export type PersonConfig = z.infer<typeof personSchema>;

/** Channel purposes a team may name; `main` is the team channel, `incidents` gets announcements. */
export const CHANNEL_PURPOSES = ['main', 'incidents', 'changes', 'standup', 'status'] as const;

export const teamSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    timezone: zoneSchema.optional(),
    members: z.array(idSchema).default([]),
    channels: z.partialRecord(z.enum(CHANNEL_PURPOSES), ChannelSpecSchema).default({}),
  })
  .strict();
export type TeamConfig = z.infer<typeof teamSchema>;

/** `alice` (a person) or `team:platform` (every member of a team). */
export const principalSchema = z
  .string()
  .regex(/^(team:)?[a-z0-9][a-z0-9_-]*$/, { error: (i) => `expected a person id or team:<id>, got ${got(i.input)}` });

export const PERMISSIONS = ['changes', 'schedules', 'status', 'sev1'] as const;
export type Permission = (typeof PERMISSIONS)[number] | 'admin';

export const permissionsSchema = z
  .object({
    /** Admins hold every permission. */
    admins: z.array(idSchema).default([]),
    /** May approve changes (still only within their approver group). Default: approver group members. */
    changes: z.array(principalSchema).optional(),
    /** May override and edit schedules. Default: admins. */
    schedules: z.array(principalSchema).optional(),
    /** May set component status by hand. Default: admins. */
    status: z.array(principalSchema).optional(),
    /** May declare a sev1. Default: everyone in the config. */
    sev1: z.array(principalSchema).optional(),
  })
  .strict()
  .default({ admins: [] });
export type PermissionsConfig = z.infer<typeof permissionsSchema>;
