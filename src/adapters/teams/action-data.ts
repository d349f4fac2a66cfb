// What a Switchboard button carries in an Adaptive Card's `data` and how it comes back. A click
// does what typing does, so the data is the command itself (permissions are checked in the
// core, so a tampered payload can do nothing its sender could not type). Input values of a form
// are merged into the same object by Teams, under `in_<id>` keys.
import { z } from 'zod';

/** The key that marks an action as ours (Teams also sends data of other apps' cards). */
export const ACTION_KEY = 'switchboard';
/** Prefix of input ids, so an input can never overwrite one of our data keys. */
export const INPUT_PREFIX = 'in_';
/** Suffix of the time half of a date-time input (Adaptive Cards have no date-time input). */
export const TIME_SUFFIX = '__time';

const text = z.string().min(1).max(4000);

export const ActionDataSchema = z.discriminatedUnion(ACTION_KEY, [
  z.looseObject({ [ACTION_KEY]: z.literal('cmd'), command: text }),
  z.looseObject({ [ACTION_KEY]: z.literal('form'), template: text, replace: z.boolean().optional() }),
  z.looseObject({ [ACTION_KEY]: z.literal('select'), template: text, input: z.string().min(1).max(100) }),
]);
export type ActionData = z.infer<typeof ActionDataSchema>;

export const commandData = (command: string) => ({ [ACTION_KEY]: 'cmd' as const, command });
/** `replace`: the form is a message of its own, so its answer takes its place once submitted. */
export const formData = (template: string, replace: boolean) => ({ [ACTION_KEY]: 'form' as const, template, ...(replace ? { replace } : {}) });
export const selectData = (template: string, input: string) => ({ [ACTION_KEY]: 'select' as const, template, input });

/** What a click or a submit asks for, once read. */
export type CardAction = { kind: 'command'; command: string } | { kind: 'form'; template: string; values: Record<string, string>; replace: boolean };

/** The answers of a form: `in_<id>` keys (date-time halves joined), trimmed, empty ones dropped. */
export function inputValues(data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(INPUT_PREFIX) || key.endsWith(TIME_SUFFIX) || typeof raw !== 'string') continue;
    const id = key.slice(INPUT_PREFIX.length);
    const time = data[key + TIME_SUFFIX];
    const value = typeof time === 'string' && time.trim() && raw.trim() ? `${raw.trim()}T${time.trim()}` : raw.trim();
    if (value) values[id] = value.slice(0, 4000);
  }
  return values;
}

/** A select's chosen value goes into its command bare when it is one word, else quoted. */
const asWord = (v: string): string => (/^[\w.:@#/+-]{1,100}$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

/** Reads a card's data; undefined when it is not one of ours or is malformed. */
export function readAction(data: unknown): CardAction | undefined {
  const parsed = ActionDataSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  if (d[ACTION_KEY] === 'cmd') return { kind: 'command', command: d.command };
  const values = inputValues(d);
  if (d[ACTION_KEY] === 'form') return { kind: 'form', template: d.template, values, replace: d.replace === true };
  const chosen = values[d.input.slice(INPUT_PREFIX.length)];
  if (!chosen) return undefined;
  return { kind: 'command', command: d.template.replace(/\{value\}/g, asWord(chosen)) };
}
