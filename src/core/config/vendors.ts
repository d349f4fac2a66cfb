// Vendors: the outside companies behind a service (cloud, payment processor, ISP) and how to
// reach their support when an incident needs them. Linked to services by id.
import { z } from 'zod';
import { durationSchema, got, idSchema, urlSchema } from './primitives.js';

/** A phone number as people write it; YAML would read an unquoted one as a (lossy) number. */
const phoneSchema = z
  .string({
    error: (i) => (typeof i.input === 'number' ? `expected the phone number in quotes ("+1 800 555 0100"), got ${i.input}` : `expected a phone number, got ${got(i.input)}`),
  })
  .refine((s) => /^\+?[0-9][0-9 ()./-]{3,30}$/.test(s.trim()) && (s.match(/\d/g)?.length ?? 0) >= 5, {
    error: (i) => `expected a phone number like "+1 800 555 0100", got ${got(i.input)}`,
  });

/** The vendor's own promise: free text (`"P1: 30 min response, 24/7"`), or response/resolve times with notes. */
const vendorSlaSchema = z.union([
  z
    .string()
    .min(1)
    .transform((notes) => ({ notes, response: undefined as number | undefined, resolve: undefined as number | undefined })),
  z
    .object({
      response: durationSchema.optional(),
      resolve: durationSchema.optional(),
      notes: z.string().min(1).optional(),
    })
    .strict(),
]);
export type VendorSlaConfig = z.infer<typeof vendorSlaSchema>;

export const vendorSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    /** Services (ids under `services`) this vendor stands behind. */
    services: z.array(idSchema).default([]),
    support_url: urlSchema.optional(),
    phone: phoneSchema.optional(),
    email: z.email({ error: (i) => `expected an email address, got ${got(i.input)}` }).optional(),
    contract_id: z.string().min(1).optional(),
    /** When their support answers, as they word it: `24/7`, `Mon–Fri 08:00–18:00 CET`. */
    support_hours: z.string().min(1).optional(),
    sla: vendorSlaSchema.optional(),
    notes: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.support_url && !v.phone && !v.email) ctx.addIssue({ code: 'custom', message: 'expected at least one way to reach support: support_url, phone or email' });
  });
export type VendorConfig = z.infer<typeof vendorSchema>;
