// Neutral messages → Discord message payloads (pure): text → content, a card → one embed
// (title, description, fields, colour by tone, footer) plus components (buttons and selects in
// at most 5 action rows); forms and confirmations are in render-forms.ts. Discord's limits are enforced here, and every
// payload carries `allowed_mentions` that can ping only the people a skill meant to mention.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIAllowedMentions, type APIButtonComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { ActionElement, Button, Card, OutMessage, Reply, Tone } from '../../core/card.js';
import { CustomIdPacker, type StoredAction } from './custom-ids.js';
import { toDiscordMarkdown, toDiscordPlain, truncate, type MentionLookup } from './markdown.js';

export const LIMITS = {
  content: 2000,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  actionRows: 5,
  rowButtons: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectText: 100,
  placeholder: 150,
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  inputValue: 4000,
} as const;

/** Embed colour per tone: Discord's own palette, so cards look native. */
export const TONE_COLOURS: Record<Tone, number> = {
  neutral: 0x99aab5,
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  danger: 0xed4245,
};

export const EPHEMERAL_FLAG = 1 << 6;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface DiscordMessageBody {
  content: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  allowed_mentions: APIAllowedMentions;
  flags?: number;
}

export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType: string;
}

export interface Rendered {
  body: DiscordMessageBody;
  files: DiscordFile[];
  /** Actions behind `c:` ids; store them before sending the message. */
  stored: StoredAction[];
}

export interface RenderOptions {
  ephemeral?: boolean;
}

function embedLength(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** Shrinks an embed to Discord's 6 000-character total: description first, then trailing fields. */
function fitEmbed(e: APIEmbed): APIEmbed {
  let over = embedLength(e) - LIMITS.embedTotal;
  if (over > 0 && e.description) {
    e.description = truncate(e.description, Math.max(1, e.description.length - over));
    over = embedLength(e) - LIMITS.embedTotal;
  }
  while (over > 0 && e.fields?.length) {
    e.fields.pop();
    over = embedLength(e) - LIMITS.embedTotal;
  }
  if (over > 0 && e.footer) e.footer.text = truncate(e.footer.text, Math.max(1, e.footer.text.length - over));
  return e;
}

function cardToEmbed(c: Card, people: MentionLookup, mentioned: Set<string>): APIEmbed {
  const md = (s: string) => toDiscordMarkdown(s, people, mentioned);
  const description: string[] = [];
  const fields: APIEmbedField[] = [];
  const footer: string[] = [];
  let image: string | undefined;
  const lastContent = c.blocks.findLastIndex((b) => b.type !== 'context' && b.type !== 'actions' && b.type !== 'divider');
  c.blocks.forEach((b, i) => {
    switch (b.type) {
      case 'text':
      case 'context': {
        // Trailing remarks become the footer; a card of remarks only keeps them as its text.
        if (b.type === 'context' && i > lastContent && lastContent >= 0) {
          footer.push(toDiscordPlain(b.text, people));
          break;
        }
        // Text after fields keeps its place as a full-width field with an invisible name.
        if (fields.length) fields.push({ name: '\u200b', value: truncate(md(b.text), LIMITS.fieldValue) || '\u200b' });
        else description.push(md(b.text));
        break;
      }
      case 'fields':
        for (const f of b.fields) fields.push({ name: truncate(toDiscordPlain(f.label, people), LIMITS.fieldName) || '\u200b', value: truncate(md(f.value), LIMITS.fieldValue) || '—', inline: f.short ?? true });
        break;
      case 'image':
        image ??= b.url;
        break;
      default:
        break;
    }
  });
  const embed: APIEmbed = {};
  if (c.title) embed.title = truncate(toDiscordPlain(c.title, people), LIMITS.title);
  if (description.length) embed.description = truncate(description.join('\n\n'), LIMITS.description);
  if (fields.length) embed.fields = fields.slice(0, LIMITS.fields);
  if (footer.length) embed.footer = { text: truncate(footer.join('\n'), LIMITS.footer) };
  if (c.tone) embed.color = TONE_COLOURS[c.tone];
  if (image) embed.image = { url: image };
  return fitEmbed(embed);
}

const BUTTON_STYLES = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger, default: ButtonStyle.Secondary } as const;

function renderButton(b: Button, packer: CustomIdPacker, people: MentionLookup): APIButtonComponent | undefined {
  const label = truncate(toDiscordPlain(b.label, people), LIMITS.buttonLabel) || '…';
  if (b.url) return { type: ComponentType.Button, style: ButtonStyle.Link, label, url: b.url };
  const style = BUTTON_STYLES[b.style ?? 'default'];
  if (b.form) return { type: ComponentType.Button, style, label, custom_id: packer.pack({ kind: 'form', form: b.form }) };
  if (!b.command) return undefined;
  const custom_id = b.confirm ? packer.pack({ kind: 'confirm', command: b.command, confirm: b.confirm }) : packer.pack({ kind: 'command', command: b.command });
  return { type: ComponentType.Button, style, label, custom_id };
}

interface LaidRow {
  row: ActionRow;
  /** The commands its elements run, for the text note when the row does not fit. */
  commands: string[];
}

/** Lays action elements into rows: up to 5 buttons a row, a select alone on its row. */
function elementsToRows(elements: ActionElement[], packer: CustomIdPacker, people: MentionLookup): LaidRow[] {
  const rows: LaidRow[] = [];
  let buttons: APIButtonComponent[] = [];
  let commands: string[] = [];
  const flush = () => {
    if (buttons.length) rows.push({ row: { type: ComponentType.ActionRow, components: buttons }, commands });
    buttons = [];
    commands = [];
  };
  for (const e of elements) {
    if (e.type === 'select') {
      flush();
      const options = e.options.slice(0, LIMITS.selectOptions).map((o) => ({
        label: truncate(toDiscordPlain(o.label, people), LIMITS.selectText) || o.value.slice(0, LIMITS.selectText),
        value: o.value.slice(0, LIMITS.selectText),
        default: o.value === e.initial,
      }));
      if (options.length === 0) continue;
      const select = { type: ComponentType.StringSelect, custom_id: packer.pack({ kind: 'select', command: e.command }), placeholder: truncate(toDiscordPlain(e.placeholder, people), LIMITS.placeholder), options, min_values: 1, max_values: 1 } as const;
      rows.push({ row: { type: ComponentType.ActionRow, components: [select] }, commands: [e.command.replace('{value}', `<${e.options.map((o) => o.value).join('|')}>`)] });
      continue;
    }
    const b = renderButton(e, packer, people);
    if (!b) continue;
    if (buttons.length === LIMITS.rowButtons) flush();
    buttons.push(b);
    const command = e.command ?? e.form?.command;
    if (command) commands.push(command);
  }
  flush();
  return rows;
}

/** Renders a message or reply; a form the platform cannot open now becomes a button that opens it. */
export function renderMessage(m: OutMessage | Reply, people: MentionLookup, opts: RenderOptions = {}): Rendered {
  const mentioned = new Set<string>();
  const packer = new CustomIdPacker();
  const content: string[] = [];
  if (m.text) content.push(toDiscordMarkdown(m.text, people, mentioned));
  const embeds: APIEmbed[] = [];
  let rows: LaidRow[] = [];
  if (m.card) {
    embeds.push(cardToEmbed(m.card, people, mentioned));
    for (const b of m.card.blocks) if (b.type === 'actions') rows.push(...elementsToRows(b.elements, packer, people));
  }
  const form = 'form' in m ? m.form : undefined;
  if (form) rows.push(...elementsToRows([{ type: 'button', label: `📝 ${form.title}`, form, style: 'primary' }], packer, people));
  if (rows.length > LIMITS.actionRows) {
    // Discord shows 5 rows at most; the rest stay reachable as commands.
    const more = rows.slice(LIMITS.actionRows).flatMap((r) => r.commands);
    if (more.length) content.push(`More actions: ${more.map((c) => `\`${c.replace(/`/g, 'ˋ')}\``).join(', ')}`);
    rows = rows.slice(0, LIMITS.actionRows);
  }
  const files: DiscordFile[] = [];
  if (m.file) {
    files.push({ name: m.file.filename, data: Buffer.from(m.file.content, 'utf8'), contentType: m.file.mimeType ?? 'text/plain; charset=utf-8' });
    if (!m.text && !m.card) content.push(`📎 ${toDiscordMarkdown(m.file.title, people)}`);
  }
  const body: DiscordMessageBody = {
    content: truncate(content.join('\n'), LIMITS.content),
    embeds,
    components: rows.map((r) => r.row),
    // Never @everyone/@here/roles; users only when a skill mentioned them on purpose.
    allowed_mentions: { parse: [], users: [...mentioned].slice(0, 100), replied_user: false },
  };
  if (opts.ephemeral) body.flags = EPHEMERAL_FLAG;
  return { body, files, stored: packer.stored };
}

/** A short ephemeral text answer (duplicates, expired buttons). */
export function notice(text: string): DiscordMessageBody {
  return { content: truncate(text, LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] }, flags: EPHEMERAL_FLAG };
}
