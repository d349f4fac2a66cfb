// Neutral messages → Teams (pure): a card becomes an Adaptive Card (schema 1.5) with text
// blocks, fact sets for fields, a header coloured by tone, Action.Execute buttons whose data is
// the command they run, and Input.* elements for forms; text becomes a Markdown message. Every
// piece of user text is escaped, mentions carry their entities, and the whole activity stays
// under Teams' message size limit (fit.ts).
import type { Action, CardElement, ContainerStyle, IAdaptiveCard, TextColor } from '@microsoft/teams.cards';
import type { ActionElement, Block, Card, FileAttachment, Form, OutMessage, Reply, Tone } from '../../core/card.js';
import { cardToText, messageToText } from '../../core/text.js';
import { commandData, INPUT_PREFIX, selectData } from './action-data.js';
import { fitActivity } from './fit.js';
import { escapeTeamsMarkdown, toPlain, toTeamsMarkdown, type MarkdownContext, type MentionEntity } from './markdown.js';
import { renderFormCard } from './render-form.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Longest text of one block or fact before it is cut (the whole message is limited in fit.ts). */
export const MAX_BLOCK_CHARS = 4000;
/** Teams shows at most this many buttons in a row; the rest go to the "…" overflow menu. */
export const MAX_VISIBLE_ACTIONS = 6;

const TONES: Record<Tone, { style: ContainerStyle; color: TextColor }> = {
  neutral: { style: 'emphasis', color: 'Default' },
  info: { style: 'accent', color: 'Accent' },
  success: { style: 'good', color: 'Good' },
  warning: { style: 'warning', color: 'Warning' },
  danger: { style: 'attention', color: 'Attention' },
};

export interface CardAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: IAdaptiveCard;
}

/** The message activity Teams receives (what `conversations.activities(id).create` sends). */
export interface TeamsMessage {
  type: 'message';
  text?: string;
  textFormat?: 'markdown';
  /** Notification preview and screen-reader text. */
  summary?: string;
  attachments?: CardAttachment[];
  entities?: MentionEntity[];
}

const clip = (s: string, max = MAX_BLOCK_CHARS) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

class CardBuilder {
  readonly mentions: MentionEntity[] = [];
  private selects = 0;
  constructor(private readonly ctx: MarkdownContext) {}

  md(s: string): string {
    return toTeamsMarkdown(clip(s), this.ctx, this.mentions, { code: false });
  }

  blocks(blocks: Block[]): CardElement[] {
    const out: CardElement[] = [];
    let separator = false;
    for (const b of blocks) {
      if (b.type === 'divider') {
        separator = true;
        continue;
      }
      const els = this.block(b);
      if (separator && els[0]) els[0] = { ...els[0], separator: true, spacing: 'Medium' } as CardElement;
      separator = false;
      out.push(...els);
    }
    return out;
  }

  private block(b: Exclude<Block, { type: 'divider' }>): CardElement[] {
    switch (b.type) {
      case 'text':
        return [{ type: 'TextBlock', text: this.md(b.text), wrap: true }];
      case 'context':
        return [{ type: 'TextBlock', text: this.md(b.text), wrap: true, size: 'Small', isSubtle: true }];
      case 'fields':
        return b.fields.length ? [{ type: 'FactSet', facts: b.fields.map((f) => ({ title: this.md(clip(f.label, 200)), value: this.md(clip(f.value, 1000)) || '—' })) }] : [];
      case 'image':
        return /^https:\/\//i.test(b.url) ? [{ type: 'Image', url: b.url, altText: clip(toPlain(b.alt, this.ctx), 200), size: 'Large' }] : [];
      case 'actions':
        return this.actions(b.elements);
    }
  }

  private actions(elements: ActionElement[]): CardElement[] {
    const inputs: CardElement[] = [];
    const actions: Action[] = [];
    for (const e of elements) {
      if (e.type === 'select') {
        const id = `${INPUT_PREFIX}sel${this.selects++}`;
        inputs.push({ type: 'Input.ChoiceSet', id, style: 'compact', placeholder: clip(toPlain(e.placeholder, this.ctx), 200), value: e.initial, choices: e.options.map((o) => ({ title: clip(toPlain(o.label, this.ctx), 200), value: o.value })) });
        actions.push({ type: 'Action.Execute', title: clip(toPlain(e.placeholder, this.ctx), 60), verb: 'switchboard', data: selectData(e.command, id) });
        continue;
      }
      const title = clip(toPlain(e.label, this.ctx), 60);
      const style = e.style === 'primary' ? 'positive' : e.style === 'danger' ? 'destructive' : undefined;
      if (e.url) {
        if (/^https?:\/\//i.test(e.url)) actions.push({ type: 'Action.OpenUrl', title, url: e.url });
      } else if (e.form) actions.push({ type: 'Action.ShowCard', title, style, card: renderFormCard(e.form, this.ctx) });
      else if (e.command && e.confirm) {
        // Adaptive Cards have no confirm dialog: the button unfolds the question and the real button.
        const ask: IAdaptiveCard = {
          type: 'AdaptiveCard',
          body: [
            { type: 'TextBlock', text: escapeTeamsMarkdown(clip(toPlain(e.confirm.title, this.ctx), 200)), weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: this.md(e.confirm.text), wrap: true },
          ],
          actions: [{ type: 'Action.Execute', title: clip(toPlain(e.confirm.confirm, this.ctx), 60), verb: 'switchboard', style, data: commandData(e.command) }],
        };
        actions.push({ type: 'Action.ShowCard', title, style, card: ask });
      } else if (e.command) actions.push({ type: 'Action.Execute', title, verb: 'switchboard', style, data: commandData(e.command) });
    }
    const visible = actions.map((a, i) => (i < MAX_VISIBLE_ACTIONS ? a : ({ ...a, mode: 'secondary' } as Action)));
    return visible.length ? [...inputs, { type: 'ActionSet', actions: visible }] : inputs;
  }
}

const withCard = (body: CardElement[], mentions: MentionEntity[], fallbackText: string): IAdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: CARD_VERSION,
  fallbackText: clip(fallbackText, 1000),
  body,
  // Card mentions name the person only (`role` belongs to activity-level mention entities).
  msteams: { width: 'full', ...(mentions.length ? { entities: mentions.map(({ mentioned: { id, name }, ...e }) => ({ ...e, mentioned: { id, name } })) } : {}) },
});

/** A neutral card as an Adaptive Card. */
export function renderCard(c: Card, ctx: MarkdownContext): IAdaptiveCard {
  const b = new CardBuilder(ctx);
  const tone = TONES[c.tone ?? 'neutral'];
  const body = b.blocks(c.blocks);
  const header: CardElement[] = c.title
    ? [{ type: 'Container', style: tone.style, bleed: true, items: [{ type: 'TextBlock', text: b.md(clip(c.title, 300)), weight: 'Bolder', size: 'Medium', color: tone.color, wrap: true }] }]
    : [];
  const content: CardElement[] = !c.title && c.tone && c.tone !== 'neutral' ? [{ type: 'Container', style: tone.style, items: body }] : body;
  return withCard([...header, ...content], b.mentions, cardToText(c, { name: (id) => `@${ctx.nameOf(id)}` }));
}

/** A neutral form as a stand-alone Adaptive Card (a reply that opens a form, a standup prompt). */
export function renderForm(form: Form, ctx: MarkdownContext): IAdaptiveCard {
  const inner = renderFormCard(form, ctx, true);
  return { ...withCard(inner.body, [], `${form.title} (a form: open it in Teams to answer)`), actions: inner.actions };
}

/** A file as a card: Teams bots cannot upload without a consent flow, so its text is shown. */
export function renderFile(file: FileAttachment, ctx: MarkdownContext): IAdaptiveCard {
  return withCard(
    [
      { type: 'TextBlock', text: escapeTeamsMarkdown(`📎 ${file.filename} — ${toPlain(file.title, ctx)}`), weight: 'Bolder', wrap: true },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: file.content, fontType: 'Monospace' }] },
    ],
    [],
    `${file.filename}: ${file.title}`,
  );
}

const attach = (content: IAdaptiveCard): CardAttachment => ({ contentType: CARD_CONTENT_TYPE, content });

/** A whole message or reply as one Teams message activity, within the size limit. */
export function renderMessage(m: OutMessage | Reply, ctx: MarkdownContext): TeamsMessage {
  const mentions: MentionEntity[] = [];
  const text = m.text ? toTeamsMarkdown(m.text, ctx, mentions, { code: true }) : undefined;
  const attachments: CardAttachment[] = [];
  if (m.card) attachments.push(attach(renderCard(m.card, ctx)));
  if ('form' in m && m.form) attachments.push(attach(renderForm(m.form, ctx)));
  if (m.file) attachments.push(attach(renderFile(m.file, ctx)));
  const summary = clip(messageToText(m, { name: (id) => `@${ctx.nameOf(id)}` }).split('\n')[0] ?? '', 200);
  const msg: TeamsMessage = {
    type: 'message',
    ...(text ? { text, textFormat: 'markdown' as const } : {}),
    ...(summary ? { summary } : {}),
    ...(attachments.length ? { attachments } : {}),
    ...(mentions.length ? { entities: mentions } : {}),
  };
  return fitActivity(msg);
}
