// Slack's size limits (Block Kit reference, chat.postMessage, views.open) and clean
// truncation: never cut a surrogate pair, an HTML entity (`&amp;`) or a `<…>` token
// (a mention or link) in half, and say that something was cut with an ellipsis.

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  /** The top-level `text` (notification fallback); Slack truncates at 40 000, 4 000 is its advice. */
  fallbackText: 4000,
  /** A text-only message (no blocks). */
  messageText: 39_000,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageAlt: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputMaxLength: 3000,
  topic: 250,
  channelName: 80,
} as const;

const ELLIPSIS = '…';

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutAt(s: string, max: number): string {
  let end = Math.max(0, max);
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end);
}

/** Plain text (labels, titles, plain_text objects): at most `max` characters, `…` when cut. */
export function truncatePlain(s: string, max: number): string {
  if (s.length <= max) return s;
  return cutAt(s, max - ELLIPSIS.length).trimEnd() + ELLIPSIS;
}

/**
 * mrkdwn text: at most `max` characters; the cut backs off so it never splits an entity or a
 * `<…>` token, and prefers a line or word boundary near the end.
 */
export function truncateMrkdwn(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = cutAt(s, max - ELLIPSIS.length);
  const lastAmp = cut.lastIndexOf('&');
  if (lastAmp !== -1 && !cut.slice(lastAmp).includes(';')) cut = cut.slice(0, lastAmp);
  const lastOpen = cut.lastIndexOf('<');
  if (lastOpen !== -1 && !cut.slice(lastOpen).includes('>')) cut = cut.slice(0, lastOpen);
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  if (boundary > cut.length - 80 && boundary > 0) cut = cut.slice(0, boundary);
  // An unbalanced `*`, `_` or backtick at the cut would show literally; that is acceptable.
  return cut.trimEnd() + ELLIPSIS;
}

/** Splits long mrkdwn into chunks of at most `max`, at line boundaries where possible. */
export function splitMrkdwn(s: string, max: number): string[] {
  if (s.length <= max) return [s];
  const chunks: string[] = [];
  let current = '';
  for (const line of s.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) chunks.push(current);
    current = line.length <= max ? line : truncateMrkdwn(line, max);
  }
  if (current) chunks.push(current);
  return chunks;
}
