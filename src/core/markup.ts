// Parses the cards' tiny markup (**bold**, _italic_, `code`, [label](url), mentions, and
// backslash escapes) into spans, so every renderer maps spans instead of re-parsing text.

export type Span =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'italic'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'mention'; personId: string };

const TOKEN =
  /\\([*_`[\]\\])|\*\*((?:\\.|[^*\n])+?)\*\*|(?<![\w\\])_((?:\\.|[^_\n])+?)_(?!\w)|`([^`\n]+)`|\[((?:\\.|[^\]\n])+)\]\((https?:\/\/[^\s)]+)\)|\uE000person:([^\uE001]{1,100})\uE001/g;

const unescape = (s: string): string => s.replace(/\\([*_`[\]\\])/g, '$1');

/** Splits markup into spans; text that is not markup comes back as plain text spans. */
export function parseMarkup(input: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  let plain = '';
  const flush = () => {
    if (plain) spans.push({ kind: 'text', text: plain });
    plain = '';
  };
  for (const m of input.matchAll(TOKEN)) {
    plain += input.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      plain += m[1];
      continue;
    }
    flush();
    if (m[2] !== undefined) spans.push({ kind: 'bold', text: unescape(m[2]) });
    else if (m[3] !== undefined) spans.push({ kind: 'italic', text: unescape(m[3]) });
    else if (m[4] !== undefined) spans.push({ kind: 'code', text: m[4] });
    else if (m[5] !== undefined) spans.push({ kind: 'link', text: unescape(m[5]), url: m[6] });
    else if (m[7] !== undefined) spans.push({ kind: 'mention', personId: m[7] });
  }
  plain += input.slice(last);
  flush();
  return spans;
}

/** Plain text of markup: formatting dropped, links as "label (url)", mentions via `name`. */
export function markupToPlain(input: string, name: (personId: string) => string): string {
  return parseMarkup(input)
    .map((s) => {
      switch (s.kind) {
        case 'mention':
          return name(s.personId);
        case 'link':
          return s.text === s.url ? s.url : `${s.text} (${s.url})`;
        default:
          return s.text;
      }
    })
    .join('');
}
