// The card markup (core/markup.ts) ↔ Slack mrkdwn. Outbound, every piece of user text is
// escaped (`&`, `<`, `>`) so it can never become `<!channel>`, `<!here>` or a mention, and the
// bare words @here/@channel/@everyone are defused; only the core's mention sentinels become
// real `<@U…>` mentions. Inbound, Slack's escaped text is read back to plain text.
import { parseMarkup, markupToPlain } from '../../core/markup.js';

/** How people are shown: their Slack id (a real mention) or, without one, their name. */
export interface PeopleView {
  slackIdOf(personId: string): string | undefined;
  nameOf(personId: string): string;
}

const WORD_JOINER = '\u2060';

/** Escapes text for mrkdwn: the three control characters, and broadcast words. */
export function escapeMrkdwn(s: string): string {
  // Most text has nothing to escape: one scan instead of four (help and list cards are many spans).
  if (!/[&<>@]/.test(s)) return s;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^\w])@(here|channel|everyone)\b/gi, `$1@${WORD_JOINER}$2`);
}

/** A URL inside `<url|label>`: no characters that would end or split the token. */
function safeUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/** Renders card markup as mrkdwn: **bold** → *bold*, links → <url|label>, mentions → <@U…>. */
export function toMrkdwn(markup: string, people: PeopleView): string {
  return parseMarkup(markup)
    .map((span) => {
      switch (span.kind) {
        case 'text':
          return escapeMrkdwn(span.text);
        case 'bold':
          return `*${escapeMrkdwn(span.text)}*`;
        case 'italic':
          return `_${escapeMrkdwn(span.text)}_`;
        case 'code':
          return `\`${escapeMrkdwn(span.text)}\``;
        case 'link':
          return `<${safeUrl(span.url)}|${escapeMrkdwn(span.text).replace(/\|/g, '¦')}>`;
        case 'mention': {
          const id = people.slackIdOf(span.personId);
          return id ? `<@${id}>` : escapeMrkdwn(people.nameOf(span.personId));
        }
      }
    })
    .join('');
}

/** Card markup as plain text (plain_text objects: headers, labels, options, modal titles). */
export function toPlain(markup: string, people: PeopleView): string {
  return markupToPlain(markup, (id) => people.nameOf(id));
}

/** Undoes Slack's escaping of `&`, `<`, `>` in text it sends us. */
export function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Slack message text → readable plain text (a reacted-to message for a timeline):
 * `<@U1>` → `@name`, `<#C1|ops>` → `#ops`, `<!here>` → `@here`, `<url|label>` → `label (url)`.
 */
export function slackToPlain(text: string, userName: (userId: string) => string | undefined): string {
  const out = text.replace(/<([^<>]{1,500})>/g, (_m, inner: string) => {
    const [target, label] = splitToken(inner);
    if (target.startsWith('@')) return `@${label ?? userName(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return label?.startsWith('@') ? label : `@${label ?? target.slice(1).split('^')[0]}`;
    return label && label !== target ? `${label} (${target})` : target;
  });
  return unescapeSlack(out);
}

function splitToken(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
