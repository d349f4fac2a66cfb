// What travels inside Slack's small string slots — a button's `value` (2 000 chars), an
// option's `value` (150), a modal's `private_metadata` (3 000): a tagged string
// `<kind>:<data>`. When it does not fit, the slot holds `r:<hash>` and the full string goes to
// the overflow map, which the adapter stores durably before sending (render stays pure).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Form } from '../../core/card.js';

/** c: a command to run · f: a form (JSON) to open · v: a form answer · m: modal metadata (JSON). */
export type SlotKind = 'c' | 'f' | 'v' | 'm';

/** Strings too long for their slot, by hash; persist before the message is sent. */
export type Overflow = Record<string, string>;

export function encodeSlot(kind: SlotKind, data: string, max: number, overflow: Overflow): string {
  const full = `${kind}:${data}`;
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 32);
  overflow[hash] = full;
  return `r:${hash}`;
}

/** Reads a slot; `lookup` resolves `r:` references. Undefined for anything we did not write. */
export function decodeSlot(value: string | undefined, lookup: (hash: string) => string | undefined): { kind: SlotKind; data: string } | undefined {
  if (!value) return undefined;
  let full: string | undefined = value;
  if (value.startsWith('r:')) full = lookup(value.slice(2));
  const m = full ? /^([cfvm]):([\s\S]*)$/.exec(full) : null;
  return m ? { kind: m[1] as SlotKind, data: m[2] } : undefined;
}

const option = z.object({ label: z.string(), value: z.string() });
const FormInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), id: z.string(), label: z.string(), placeholder: z.string().optional(), multiline: z.boolean().optional(), optional: z.boolean().optional(), initial: z.string().optional(), maxLength: z.number().optional() }),
  z.object({ type: z.literal('select'), id: z.string(), label: z.string(), options: z.array(option), optional: z.boolean().optional(), initial: z.string().optional() }),
  z.object({ type: z.literal('date'), id: z.string(), label: z.string(), optional: z.boolean().optional(), initial: z.string().optional() }),
  z.object({ type: z.literal('datetime'), id: z.string(), label: z.string(), optional: z.boolean().optional(), initial: z.string().optional() }),
]);

/** A form as it travels in a button value (validated on the way back in). */
export const FormSchema = z.object({ title: z.string(), submitLabel: z.string().optional(), command: z.string(), inputs: z.array(FormInputSchema) });

/** JSON text checked against a schema; undefined for anything else. */
function parseJson<T>(schema: z.ZodType<T>, json: string): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(json));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export const parseForm = (json: string): Form | undefined => parseJson(FormSchema, json);

/** Where a modal came from, so its answer goes back there. */
export const ModalMetaSchema = z.object({
  /** The form's command template. */
  c: z.string(),
  /** The channel the form was opened from (for the reply). */
  ch: z.string().optional(),
  /** The thread, if any. */
  th: z.string().optional(),
});
export type ModalMeta = z.infer<typeof ModalMetaSchema>;

export const parseModalMeta = (json: string): ModalMeta | undefined => parseJson(ModalMetaSchema, json);
