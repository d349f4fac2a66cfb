// The cards' tiny markup → the Markdown subset Teams renders (bold, italic, links; inline code
// only in chat messages, not in Adaptive Cards), with everything a person typed escaped so it
// shows literally, and intentional mentions turned into `<at>Name</at>` plus their entity.
import { markupToPlain, parseMarkup } from '../../core/markup.js';

/** A mention entity, as Teams wants it next to the `<at>…</at>` text (activity or card). */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string; role: 'user' };
}

export interface MarkdownContext {
  /** The Teams account (29:… or AAD id) and display name of a configured person, if they have one. */
  mentionOf(personId: string): { id: string; name: string } | undefined;
  /** Display name of any person id (for people without a Teams account). */
  nameOf(personId: string): string;
}

export interface MarkdownOptions {
  /** Keep `code` spans (Teams chat messages have them; Adaptive Card text does not). */
  code: boolean;
}

/**
 * Escapes Markdown so text shows literally: inline markers anywhere, block markers (lists,
 * headings, quotes) at the start of a line, and `<at` so typed text can never forge a mention.
 */
export function escapeTeamsMarkdown(s: string): string {
  return s
    .replace(/[\\*_`[\]~]/g, '\\$&')
    .replace(/<(\/?)at\b/gi, '<\u200B$1at')
    .replace(/^(\s*)([-+>#])/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/gm, '$1$2\\$3');
}

/** Display names go inside `<at>…</at>`: no angle brackets, no line breaks, bounded. */
const safeName = (name: string): string => name.replace(/[<>\r\n]/g, '').trim().slice(0, 100) || 'someone';

/** Renders markup to Teams Markdown; mentions are appended to `mentions` in order of appearance. */
export function toTeamsMarkdown(input: string, ctx: MarkdownContext, mentions: MentionEntity[], opts: MarkdownOptions): string {
  const out = parseMarkup(input).map((span) => {
    switch (span.kind) {
      case 'text':
        return escapeTeamsMarkdown(span.text);
      case 'bold':
        return `**${escapeTeamsMarkdown(span.text)}**`;
      case 'italic':
        return `_${escapeTeamsMarkdown(span.text)}_`;
      case 'code':
        return opts.code ? `\`${span.text.replace(/`/g, "'")}\`` : escapeTeamsMarkdown(span.text);
      case 'link':
        return `[${escapeTeamsMarkdown(span.text)}](${span.url.replace(/\(/g, '%28')})`;
      case 'mention': {
        const target = ctx.mentionOf(span.personId);
        if (!target) return escapeTeamsMarkdown(`@${ctx.nameOf(span.personId)}`);
        const text = `<at>${safeName(target.name)}</at>`;
        mentions.push({ type: 'mention', text, mentioned: { id: target.id, name: safeName(target.name), role: 'user' } });
        return text;
      }
    }
  });
  // Teams collapses a single newline inside Markdown; a blank line keeps the break.
  return out.join('').replace(/\r\n?/g, '\n').replace(/\n+/g, '\n\n');
}

/** Plain text of markup for places without Markdown (button titles, input labels, previews). */
export const toPlain = (input: string, ctx: MarkdownContext): string => markupToPlain(input, (id) => `@${ctx.nameOf(id)}`);
