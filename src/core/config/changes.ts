// Change approval: approver groups, quorum per risk, freeze windows, standard templates.
import { z } from 'zod';
import { ChannelSpecSchema } from '../types.js';
import { durationSchema, idSchema, localDateTimeSchema, riskSchema, zoneSchema } from './primitives.js';

export const approverGroupSchema = z
  .object({
    id: idSchema,
    name: z.string().optional(),
    members: z.array(idSchema).min(1, { error: 'expected at least one member' }),
    channel: ChannelSpecSchema.optional(),
  })
  .strict();

const quorumSchema = z.object({ group: idSchema, count: z.number().int().min(1).max(20).default(1) }).strict();

export const freezeWindowSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    start: localDateTimeSchema,
    end: localDateTimeSchema,
    timezone: zoneSchema.optional(),
    /** Services it covers; all when omitted. */
    services: z.array(idSchema).optional(),
  })
  .strict();
export type FreezeWindowConfig = z.infer<typeof freezeWindowSchema>;

export const changeTemplateSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1),
    risk: riskSchema.default('low'),
    service: idSchema.optional(),
    rollback: z.string().optional(),
    description: z.string().optional(),
  })
  .strict();

export const changesSchema = z
  .object({
    /** Where change cards go when the approver group names no channel. */
    channel: ChannelSpecSchema.optional(),
    approver_groups: z.array(approverGroupSchema).default([]),
    approvals: z
      .object({ low: quorumSchema, medium: quorumSchema, high: quorumSchema, emergency: quorumSchema.optional() })
      .strict()
      .optional(),
    freeze_windows: z.array(freezeWindowSchema).default([]),
    templates: z.array(changeTemplateSchema).default([]),
    /** Remind approvers this long before the window of a still-pending change. */
    remind_before: durationSchema.prefault('1h'),
  })
  .strict();
export type ChangesConfig = z.infer<typeof changesSchema>;
