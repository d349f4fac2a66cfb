// The plain-text rendering of a card: the fallback every platform gets (notification text,
// screen readers) and what the console prints. Buttons show the command they run.
import type { Card, OutMessage, Reply } from './card.js';
import { markupToPlain } from './markup.js';

export interface TextRenderOptions {
  /** Display of a mentioned person (default: `@id`). */
  name?: (personId: string) => string;
  /** Show each button's equivalent command (console). */
  showCommands?: boolean;
}

export function cardToText(c: Card, opts: TextRenderOptions = {}): string {
  const name = opts.name ?? ((id: string) => `@${id}`);
  const plain = (s: string) => markupToPlain(s, name);
  const lines: string[] = [];
  if (c.title) lines.push(plain(c.title));
  for (const b of c.blocks) {
    switch (b.type) {
      case 'text':
        lines.push(plain(b.text));
        break;
      case 'context':
        lines.push(plain(b.text));
        break;
      case 'fields':
        for (const f of b.fields) lines.push(`${plain(f.label)}: ${plain(f.value)}`);
        break;
      case 'divider':
        lines.push('—');
        break;
      case 'image':
        lines.push(`[image: ${b.alt}] ${b.url}`);
        break;
      case 'actions':
        for (const e of b.elements) {
          if (e.type === 'button') {
            if (!opts.showCommands) continue;
            if (e.url) lines.push(`  [${e.label}] → ${e.url}`);
            else if (e.command) lines.push(`  [${e.label}] → ${e.command}`);
            else if (e.form) lines.push(`  [${e.label}] → ${e.form.command}`);
          } else if (opts.showCommands) {
            lines.push(`  [${e.placeholder}: ${e.options.map((o) => o.value).join(' | ')}] → ${e.command}`);
          }
        }
        break;
    }
  }
  return lines.filter((l) => l.length > 0).join('\n');
}

/** Text of a whole message or reply (text, then card, then the file's name). */
export function messageToText(m: OutMessage | Reply, opts: TextRenderOptions = {}): string {
  const parts: string[] = [];
  const name = opts.name ?? ((id: string) => `@${id}`);
  if (m.text) parts.push(markupToPlain(m.text, name));
  if (m.card) parts.push(cardToText(m.card, opts));
  if (m.file) parts.push(`📎 ${m.file.filename} (${m.file.title})`);
  return parts.join('\n');
}
