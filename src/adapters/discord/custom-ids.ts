// What a Discord component carries in its `custom_id` (at most 100 characters): the command
// itself when it fits (`x:page ack PAGE-7`), else `c:<id>` naming an action stored durably
// (long commands, forms, confirmations). Ids of stored actions are a hash of the action, so
// rendering stays pure and the same card always packs to the same ids.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const CUSTOM_ID_MAX = 100;

const textInput = z.object({
  type: z.literal('text'),
  id: z.string(),
  label: z.string(),
  placeholder: z.string().optional(),
  multiline: z.boolean().optional(),
  optional: z.boolean().optional(),
  initial: z.string().optional(),
  maxLength: z.number().int().optional(),
});
const selectInput = z.object({
  type: z.literal('select'),
  id: z.string(),
  label: z.string(),
  options: z.array(z.object({ label: z.string(), value: z.string() })),
  optional: z.boolean().optional(),
  initial: z.string().optional(),
});
const dateInput = z.object({ type: z.enum(['date', 'datetime']), id: z.string(), label: z.string(), optional: z.boolean().optional(), initial: z.string().optional() });

export const FormSchema = z.object({
  title: z.string(),
  submitLabel: z.string().optional(),
  command: z.string(),
  inputs: z.array(z.union([textInput, selectInput, dateInput])),
});

export const ActionSchema = z.discriminatedUnion('kind', [
  /** A button: run this command as the clicker. */
  z.object({ kind: z.literal('command'), command: z.string() }),
  /** A select: run this command with `{value}` replaced by the chosen value. */
  z.object({ kind: z.literal('select'), command: z.string() }),
  /** A button that opens this form (a modal); also what a modal's own custom_id names. */
  z.object({ kind: z.literal('form'), form: FormSchema }),
  /** A button that asks first (Discord buttons have no confirm dialog of their own). */
  z.object({
    kind: z.literal('confirm'),
    command: z.string(),
    confirm: z.object({ title: z.string(), text: z.string(), confirm: z.string(), deny: z.string() }),
  }),
]);
export type Action = z.infer<typeof ActionSchema>;

/** An action that must be stored before the message that carries it is sent. */
export interface StoredAction {
  id: string;
  action: Action;
}

/** The stable short id of an action. */
export function actionId(action: Action): string {
  return createHash('sha256').update(JSON.stringify(action)).digest('base64url').slice(0, 20);
}

/** `x:` inline command, `v:` inline select template, `c:` stored action, `m:` modal, `n:` dismiss. */
export type Unpacked =
  | { type: 'inline'; action: Action }
  | { type: 'stored'; id: string }
  | { type: 'modal'; id: string }
  | { type: 'dismiss' }
  | { type: 'invalid' };

/**
 * Packs actions into custom ids that are unique within one message (Discord refuses a
 * message with two equal ids): a repeat gets a counter after its prefix letter (`x2:`).
 */
export class CustomIdPacker {
  readonly stored: StoredAction[] = [];
  private readonly used = new Set<string>();

  pack(action: Action): string {
    let prefix: string;
    let body: string;
    if (action.kind === 'command' && action.command.length + 2 <= CUSTOM_ID_MAX - 3) [prefix, body] = ['x', action.command];
    else if (action.kind === 'select' && action.command.length + 2 <= CUSTOM_ID_MAX - 3) [prefix, body] = ['v', action.command];
    else {
      const id = actionId(action);
      if (!this.stored.some((s) => s.id === id)) this.stored.push({ id, action });
      [prefix, body] = ['c', id];
    }
    let out = `${prefix}:${body}`;
    for (let n = 2; this.used.has(out); n++) out = `${prefix}${n}:${body}`;
    this.used.add(out);
    return out;
  }
}

export function unpackCustomId(customId: string): Unpacked {
  const m = /^([xvcmn])\d*:([\s\S]*)$/.exec(customId);
  if (!m) return { type: 'invalid' };
  const [, kind, body] = m;
  switch (kind) {
    case 'x':
      return body ? { type: 'inline', action: { kind: 'command', command: body } } : { type: 'invalid' };
    case 'v':
      return body ? { type: 'inline', action: { kind: 'select', command: body } } : { type: 'invalid' };
    case 'c':
      return { type: 'stored', id: body };
    case 'm':
      return { type: 'modal', id: body };
    default:
      return { type: 'dismiss' };
  }
}

/** The custom id of the modal that shows a stored form. */
export const modalCustomId = (formActionId: string): string => `m:${formActionId}`;
export const DISMISS_ID = 'n:';
