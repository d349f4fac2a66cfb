// The neutral card model: what a skill says, independent of any platform. Adapters render
// it to Block Kit, Discord embeds + components, or Adaptive Cards; `cardToText` (text.ts) is
// the plain fallback every platform also gets.
//
// Text in cards is plain text with a tiny markup that every renderer understands:
//   **bold**   _italic_   `code`   [label](https://url)
// plus sentinels made by `mention()` for intentional mentions of configured people.
// Renderers escape everything else, so user-supplied text can never ping a channel.

/** Colour/emphasis of a card. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export interface Field {
  label: string;
  value: string;
  /** Short fields may sit side by side. */
  short?: boolean;
}

export interface ConfirmDialog {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

/** A button runs `command` as if its presser had typed it, or opens `form`, or opens `url`. */
export interface Button {
  type: 'button';
  label: string;
  command?: string;
  form?: Form;
  url?: string;
  style?: 'primary' | 'danger' | 'default';
  confirm?: ConfirmDialog;
}

export interface SelectOption {
  label: string;
  value: string;
}

/** A select runs `command` with `{value}` replaced by the chosen option's value. */
export interface Select {
  type: 'select';
  placeholder: string;
  command: string;
  options: SelectOption[];
  initial?: string;
}

export type ActionElement = Button | Select;

export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Field[] }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'image'; url: string; alt: string }
  | { type: 'actions'; elements: ActionElement[] };

export interface Card {
  title?: string;
  tone?: Tone;
  blocks: Block[];
}

export type FormInput =
  | { type: 'text'; id: string; label: string; placeholder?: string; multiline?: boolean; optional?: boolean; initial?: string; maxLength?: number }
  | { type: 'select'; id: string; label: string; options: SelectOption[]; optional?: boolean; initial?: string }
  | { type: 'date'; id: string; label: string; optional?: boolean; initial?: string }
  | { type: 'datetime'; id: string; label: string; optional?: boolean; initial?: string };

/**
 * A form (Slack modal, Discord modal, Adaptive Card inputs). On submit, `command` is run
 * with each `{inputId}` replaced by the quoted answer (see `fillTemplate` in command.ts).
 */
export interface Form {
  title: string;
  submitLabel?: string;
  command: string;
  inputs: FormInput[];
}

/** A file to attach (a postmortem). */
export interface FileAttachment {
  filename: string;
  title: string;
  content: string;
  mimeType?: string;
}

/** What a skill sends anywhere: text, a card, a file, or a combination. */
export interface OutMessage {
  text?: string;
  card?: Card;
  file?: FileAttachment;
}

/** What a command returns to the person who ran it. */
export interface Reply extends OutMessage {
  /** Only the author sees it, where the platform allows. */
  ephemeral?: boolean;
  /** Open this form instead of (or before) answering, where the platform has forms. */
  form?: Form;
}

// ---- mentions ---------------------------------------------------------------------------

const MENTION_OPEN = '\uE000';
const MENTION_CLOSE = '\uE001';
const MENTION_RE = /\uE000person:([^\uE001]{1,100})\uE001/g;

/** An intentional mention of a configured person; renderers turn it into a platform mention. */
export function mention(personId: string): string {
  return `${MENTION_OPEN}person:${personId}${MENTION_CLOSE}`;
}

/** Replaces each mention sentinel with `render(personId)`. */
export function replaceMentions(text: string, render: (personId: string) => string): string {
  return text.replace(MENTION_RE, (_m, id: string) => render(id));
}

/** Strips the private-use sentinel characters from user input so it cannot forge a mention. */
export function stripSentinels(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

// ---- builders ---------------------------------------------------------------------------

export const card = (title: string | undefined, blocks: Block[], tone?: Tone): Card => ({ title, blocks, tone });
export const text = (t: string): Block => ({ type: 'text', text: t });
export const context = (t: string): Block => ({ type: 'context', text: t });
export const divider = (): Block => ({ type: 'divider' });
export const image = (url: string, alt: string): Block => ({ type: 'image', url, alt });
export const fields = (fs: Field[]): Block => ({ type: 'fields', fields: fs });
export const field = (label: string, value: string, short = true): Field => ({ label, value, short });
export const actions = (...elements: ActionElement[]): Block => ({ type: 'actions', elements });
export const button = (label: string, command: string, opts: Partial<Omit<Button, 'type' | 'label' | 'command'>> = {}): Button => ({
  type: 'button',
  label,
  command,
  ...opts,
});
export const formButton = (label: string, form: Form, style?: Button['style']): Button => ({ type: 'button', label, form, style });
export const linkButton = (label: string, url: string): Button => ({ type: 'button', label, url });
export const select = (placeholder: string, command: string, options: SelectOption[], initial?: string): Select => ({
  type: 'select',
  placeholder,
  command,
  options,
  initial,
});

/** Escapes the tiny markup characters so user text shows literally. */
export function escapeMarkup(s: string): string {
  return s.replace(/([*_`[\]\\])/g, '\\$1');
}

/** Every command reachable from a card's buttons and selects (used by tests and the console). */
export function cardCommands(c: Card): string[] {
  const out: string[] = [];
  for (const b of c.blocks) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements) {
      if (e.type === 'button' && e.command) out.push(e.command);
      if (e.type === 'button' && e.form) out.push(e.form.command);
      if (e.type === 'select') out.push(e.command);
    }
  }
  return out;
}
