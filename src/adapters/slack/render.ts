// Neutral messages → Block Kit (pure). A card becomes header, sections, fields, context,
// dividers, images and actions (buttons with styles and confirm dialogs, static selects);
// every message also gets a plain `text` fallback for notifications and screen readers.
// Slack's limits are respected with clean truncation (limits.ts); user text is escaped
// (mrkdwn.ts). Buttons carry their command in `value`; values that do not fit go to the
// overflow map (slots.ts) that the adapter persists before sending.
import type { types } from '@slack/bolt';
import type { ActionElement, Block, Button, Card, ConfirmDialog, Field, Form, FormInput, OutMessage, Select, Tone } from '../../core/card.js';
import { messageToText } from '../../core/text.js';
import { LIMITS, splitMrkdwn, truncateMrkdwn, truncatePlain } from './limits.js';
import { escapeMrkdwn, toMrkdwn, toPlain, type PeopleView } from './mrkdwn.js';
import { encodeSlot, type ModalMeta, type Overflow } from './slots.js';

type KnownBlock = types.KnownBlock;
type SlackButton = types.Button;
type SlackSelect = types.StaticSelect;
type PlainText = types.PlainTextElement;
type SlackOption = types.PlainTextOption;

export interface SlackMessage {
  /** The fallback (or, without blocks, the message itself) in mrkdwn. */
  text: string;
  blocks?: KnownBlock[];
}

export interface Rendered extends SlackMessage {
  /** Slot values that did not fit; store them before sending. */
  overflow: Overflow;
}

export const plain = (text: string, max: number): PlainText => ({ type: 'plain_text', text: truncatePlain(text || ' ', max), emoji: true });

const TONE_MARK: Partial<Record<Tone, string>> = { danger: '🔴', warning: '🟠', success: '✅' };
const STARTS_WITH_EMOJI = /^\p{Extended_Pictographic}/u;

/** A whole message: its text, its card, and the fallback text. */
export function renderMessage(msg: OutMessage, people: PeopleView): Rendered {
  const overflow: Overflow = {};
  const fallback = truncateMrkdwn(escapeMrkdwn(messageToText(msg, { name: (id) => people.nameOf(id) })) || ' ', LIMITS.fallbackText);
  if (!msg.card) {
    const text = msg.text ? toMrkdwn(msg.text, people) : msg.file ? `📎 ${escapeMrkdwn(msg.file.title)}` : ' ';
    return { text: truncateMrkdwn(text, LIMITS.messageText), overflow };
  }
  const blocks: KnownBlock[] = [];
  if (msg.text) blocks.push(...sections(toMrkdwn(msg.text, people)));
  blocks.push(...cardBlocks(msg.card, people, overflow));
  return { text: fallback, blocks: fitBlocks(blocks, LIMITS.messageBlocks), overflow };
}

/** The blocks of one card (before the 50-block fit). */
export function cardBlocks(c: Card, people: PeopleView, overflow: Overflow): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (c.title) {
    const title = toPlain(c.title, people);
    const mark = c.tone ? TONE_MARK[c.tone] : undefined;
    out.push({ type: 'header', text: plain(mark && !STARTS_WITH_EMOJI.test(title) ? `${mark} ${title}` : title, LIMITS.headerText) });
  }
  c.blocks.forEach((b, i) => out.push(...block(b, i, people, overflow)));
  return out;
}

function block(b: Block, index: number, people: PeopleView, overflow: Overflow): KnownBlock[] {
  switch (b.type) {
    case 'text':
      return sections(toMrkdwn(b.text, people));
    case 'fields':
      return fieldSections(b.fields, people);
    case 'context': {
      const text = toMrkdwn(b.text, people);
      return text.trim() ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, LIMITS.contextText) }] }] : [];
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'image':
      return /^https?:\/\//.test(b.url) && b.url.length <= LIMITS.url ? [{ type: 'image', image_url: b.url, alt_text: truncatePlain(b.alt || 'image', LIMITS.imageAlt) }] : [];
    case 'actions':
      return actionBlocks(b.elements, index, people, overflow);
  }
}

/** mrkdwn in sections of at most 3 000 characters each; empty text makes no block. */
function sections(mrkdwn: string): KnownBlock[] {
  if (!mrkdwn.trim()) return [];
  return splitMrkdwn(mrkdwn, LIMITS.sectionText).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/** Short fields side by side (10 a section); a long field gets a section of its own. */
function fieldSections(fs: Field[], people: PeopleView): KnownBlock[] {
  const out: KnownBlock[] = [];
  let row: Field[] = [];
  const fieldText = (f: Field) => `*${escapeMrkdwn(toPlain(f.label, people))}*\n${toMrkdwn(f.value, people) || '—'}`;
  const flush = () => {
    if (row.length) out.push({ type: 'section', fields: row.map((f) => ({ type: 'mrkdwn' as const, text: truncateMrkdwn(fieldText(f), LIMITS.fieldText) })) });
    row = [];
  };
  for (const f of fs) {
    if (f.short === false) {
      flush();
      out.push(...sections(fieldText(f)));
      continue;
    }
    row.push(f);
    if (row.length === LIMITS.fields) flush();
  }
  flush();
  return out;
}

function actionBlocks(elements: ActionElement[], index: number, people: PeopleView, overflow: Overflow): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let start = 0; start < elements.length; start += LIMITS.actionsElements) {
    const chunk = elements.slice(start, start + LIMITS.actionsElements);
    const rendered = chunk.flatMap((e, j) => {
      const id = `${index}.${start + j}`;
      const r = e.type === 'button' ? renderButton(e, id, people, overflow) : renderSelect(e, id, people, overflow);
      return r ? [r] : [];
    });
    if (rendered.length) out.push({ type: 'actions', block_id: `sb.a.${index}.${start}`, elements: rendered });
  }
  return out;
}

function renderConfirm(c: ConfirmDialog, people: PeopleView, danger: boolean): types.ConfirmationDialog {
  return {
    title: plain(toPlain(c.title, people), LIMITS.confirmTitle),
    text: { type: 'mrkdwn', text: truncateMrkdwn(toMrkdwn(c.text, people) || ' ', LIMITS.confirmText) },
    confirm: plain(c.confirm, LIMITS.confirmButton),
    deny: plain(c.deny, LIMITS.confirmButton),
    ...(danger ? { style: 'danger' as const } : {}),
  };
}

function renderButton(b: Button, id: string, people: PeopleView, overflow: Overflow): SlackButton | undefined {
  const base: SlackButton = { type: 'button', text: plain(toPlain(b.label, people), LIMITS.buttonText), action_id: '' };
  if (b.style === 'primary' || b.style === 'danger') base.style = b.style;
  if (b.confirm) base.confirm = renderConfirm(b.confirm, people, b.style === 'danger');
  if (b.command) return { ...base, action_id: `sb.cmd.${id}`, value: encodeSlot('c', b.command, LIMITS.buttonValue, overflow) };
  if (b.form) return { ...base, action_id: `sb.form.${id}`, value: encodeSlot('f', JSON.stringify(b.form), LIMITS.buttonValue, overflow) };
  if (b.url && /^https?:\/\//.test(b.url) && b.url.length <= LIMITS.url) return { ...base, action_id: `sb.url.${id}`, url: b.url };
  return undefined;
}

function renderSelect(s: Select, id: string, people: PeopleView, overflow: Overflow): SlackSelect | undefined {
  const options: SlackOption[] = s.options.slice(0, LIMITS.selectOptions).map((o) => ({
    text: plain(toPlain(o.label, people), LIMITS.optionText),
    value: encodeSlot('c', s.command.split('{value}').join(o.value), LIMITS.optionValue, overflow),
  }));
  if (options.length === 0) return undefined;
  const initialIndex = s.initial === undefined ? -1 : s.options.findIndex((o) => o.value === s.initial);
  return {
    type: 'static_select',
    action_id: `sb.sel.${id}`,
    placeholder: plain(s.placeholder, LIMITS.placeholder),
    options,
    ...(initialIndex >= 0 && initialIndex < options.length ? { initial_option: options[initialIndex] } : {}),
  };
}

/**
 * Keeps a message within `max` blocks: content blocks in order until the budget is spent,
 * then a note of what was left out; action blocks are always kept so buttons still work.
 */
export function fitBlocks(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const actions = blocks.filter((b) => b.type === 'actions').slice(0, max - 1);
  const budget = max - 1 - actions.length;
  const kept: KnownBlock[] = [];
  let contentSeen = 0;
  let dropped = 0;
  for (const b of blocks) {
    if (b.type === 'actions') {
      if (actions.includes(b) && contentSeen <= budget) kept.push(b);
      continue;
    }
    contentSeen++;
    if (contentSeen <= budget) kept.push(b);
    else dropped++;
  }
  kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `… ${dropped} more block${dropped === 1 ? '' : 's'} not shown (Slack shows at most ${max}).` }] });
  for (const a of actions) if (!kept.includes(a)) kept.push(a);
  return kept;
}

// ---- modals ------------------------------------------------------------------------------

/** A form as a Slack modal; the command template and origin travel in private_metadata. */
export function renderModal(form: Form, meta: ModalMeta, people: PeopleView): { view: types.ModalView; overflow: Overflow } {
  const overflow: Overflow = {};
  const blocks = form.inputs.slice(0, LIMITS.modalBlocks).map((input) => inputBlock(input, people, overflow));
  const view: types.ModalView = {
    type: 'modal',
    callback_id: 'sb.form',
    title: plain(toPlain(form.title, people), LIMITS.modalTitle),
    submit: plain(form.submitLabel ?? 'Submit', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: encodeSlot('m', JSON.stringify(meta), LIMITS.privateMetadata, overflow),
    blocks,
  };
  return { view, overflow };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function inputBlock(input: FormInput, people: PeopleView, overflow: Overflow): types.InputBlock {
  const base = { type: 'input' as const, block_id: input.id.slice(0, 255), label: plain(toPlain(input.label, people), LIMITS.inputLabel), optional: input.optional ?? false };
  switch (input.type) {
    case 'select': {
      if (input.options.length === 0) break;
      const options: SlackOption[] = input.options.slice(0, LIMITS.selectOptions).map((o) => ({ text: plain(toPlain(o.label, people), LIMITS.optionText), value: encodeSlot('v', o.value, LIMITS.optionValue, overflow) }));
      const initial = options[input.options.findIndex((o) => o.value === input.initial)];
      return { ...base, element: { type: 'static_select', action_id: 'v', options, ...(initial ? { initial_option: initial } : {}) } };
    }
    case 'date':
      return { ...base, element: { type: 'datepicker', action_id: 'v', ...(input.initial && DATE_RE.test(input.initial) ? { initial_date: input.initial } : {}) } };
    case 'datetime': {
      const at = input.initial ? Date.parse(input.initial) : NaN;
      return { ...base, element: { type: 'datetimepicker', action_id: 'v', ...(Number.isFinite(at) ? { initial_date_time: Math.floor(at / 1000) } : {}) } };
    }
    case 'text':
      break;
  }
  const t = input.type === 'text' ? input : undefined;
  return {
    ...base,
    element: {
      type: 'plain_text_input',
      action_id: 'v',
      multiline: t?.multiline ?? false,
      max_length: Math.min(t?.maxLength ?? LIMITS.inputMaxLength, LIMITS.inputMaxLength),
      ...(t?.initial ? { initial_value: t.initial.slice(0, LIMITS.inputMaxLength) } : {}),
      ...(t?.placeholder ? { placeholder: plain(t.placeholder, LIMITS.placeholder) } : {}),
    },
  };
}
