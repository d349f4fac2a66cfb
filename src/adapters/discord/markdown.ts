// The cards' tiny markup → Discord markdown. Everything that is not markup is escaped, so a
// title typed by a user shows literally and cannot ping: `@everyone`/`@here` get a zero-width
// space, `<@…>`/`<@&…>`/`<#…>` lose their meaning. Intentional mentions (the core's sentinels)
// become `<@id>` when the person has a Discord id, else their name.
import { parseMarkup } from '../../core/markup.js';

/** How a mentioned person appears: their Discord user id, and a name when they have none. */
export interface MentionLookup {
  discordId(personId: string): string | undefined;
  name(personId: string): string;
}

/** Makes user text unable to mention anyone, whatever `allowed_mentions` says. */
export function neutralizeMentions(s: string): string {
  return s.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(?=[@#]|a?:\w+:\d)/g, '\\<');
}

/**
 * Escapes Discord markdown and mentions in plain text, in one linear pass. (discord.js's
 * escapeMarkdown is quadratic on long words — half a second for 5 000 characters — and user
 * text reaches this on every card update.) A backslash before punctuation is always safe.
 */
export function escapeDiscord(s: string): string {
  const inline = s.replace(/[\\*_~`|[\]]/g, '\\$&');
  // Line-start syntax: headings, quotes, subtext, bulleted and numbered lists.
  const lines = inline.replace(/^([ \t]*)(#{1,3}|>{1,3}|-#|[-+])(?=[ \t])/gm, '$1\\$2').replace(/^([ \t]*\d{1,9})\.(?=[ \t])/gm, '$1\\.');
  return neutralizeMentions(lines);
}

/** Renders markup to Discord markdown; `mentioned` collects the user ids of intentional mentions. */
export function toDiscordMarkdown(input: string, people: MentionLookup, mentioned?: Set<string>): string {
  return parseMarkup(input)
    .map((s) => {
      switch (s.kind) {
        case 'text':
          return escapeDiscord(s.text);
        case 'bold':
          return `**${escapeDiscord(s.text)}**`;
        case 'italic':
          return `*${escapeDiscord(s.text)}*`;
        case 'code':
          // Nothing can be escaped inside inline code; a lookalike keeps the span closed.
          return `\`${neutralizeMentions(s.text.replace(/`/g, 'ˋ'))}\``;
        case 'link':
          return s.text === s.url ? s.url : `[${escapeDiscord(s.text)}](${s.url})`;
        case 'mention': {
          const id = people.discordId(s.personId);
          if (!id) return `**@${escapeDiscord(people.name(s.personId))}**`;
          mentioned?.add(id);
          return `<@${id}>`;
        }
      }
    })
    .join('');
}

/** Plain text of markup for places without markdown (embed footers, labels): mentions by name. */
export function toDiscordPlain(input: string, people: MentionLookup): string {
  return parseMarkup(input)
    .map((s) => {
      if (s.kind === 'mention') return `@${people.name(s.personId)}`;
      if (s.kind === 'link') return s.text === s.url ? s.url : `${s.text} (${s.url})`;
      return s.text;
    })
    .join('');
}

/** Cuts text to a Discord limit, marking the cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  // Do not end on half an escape or half a surrogate pair.
  if (/\\$/.test(cut) && !/\\\\$/.test(cut)) cut = cut.slice(0, -1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}
