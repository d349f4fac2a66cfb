// The command language of SPEC §2, first stage: text → tokens. Double quotes (straight or
// typographic) group words, `key:value` and `key:"a b"` are options, `<@U123|name>` stays one
// token. Hostile input gets a UserError, never an exception of another kind.
import { UserError } from './errors.js';
import { stripSentinels } from './card.js';

export const MAX_COMMAND_LENGTH = 4000;

export interface Token {
  /** The word, with quotes removed (for an option: the whole `key:value` text). */
  text: string;
  /** Whether the word was quoted (quoted words are never options or flags). */
  quoted: boolean;
  /** Option key, when the token is `key:value`. */
  key?: string;
  /** Option value, when the token is `key:value`. */
  value?: string;
}

const OPEN_QUOTES = new Set(['"', '\u201C', '\u201E']);
const CLOSE_FOR: Record<string, string[]> = { '"': ['"'], '\u201C': ['\u201D', '"'], '\u201E': ['\u201C', '\u201D', '"'] };
const KEY_RE = /^([a-z][a-z0-9_-]{0,30}):/i;

/** Removes control characters and the card sentinels; collapses line breaks to spaces. */
export function sanitize(input: string): string {
  return stripSentinels(input)
    .replace(/[\r\n\t\v\f]+/g, ' ')
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u2060\uFEFF]/g, '')
    .trim();
}

/** Splits a command line into tokens. Throws UserError on an unclosed quote or an over-long line. */
export function tokenize(input: string): Token[] {
  if (input.length > MAX_COMMAND_LENGTH) {
    throw new UserError(`That command is ${input.length.toLocaleString('en')} characters long; the limit is ${MAX_COMMAND_LENGTH.toLocaleString('en')}.`);
  }
  const s = sanitize(input);
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (open: string): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    while (i < s.length) {
      const ch = s[i];
      if (ch === '\\' && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === '\\')) {
        out += s[i + 1];
        i += 2;
        continue;
      }
      if (CLOSE_FOR[open].includes(ch)) {
        i++;
        return out;
      }
      out += ch;
      i++;
    }
    throw new UserError(`A quote opened at character ${start + 1} is never closed. Close it with " or remove it.`);
  };
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    if (OPEN_QUOTES.has(s[i])) {
      tokens.push({ text: readQuoted(s[i]), quoted: true });
      continue;
    }
    if (s[i] === '<') {
      const end = s.indexOf('>', i);
      if (end > i && end - i < 200 && /^<[@#!]/.test(s.slice(i, i + 2))) {
        tokens.push({ text: s.slice(i, end + 1), quoted: false });
        i = end + 1;
        continue;
      }
    }
    // A bare word; `key:"quoted value"` continues into the quotes.
    let word = '';
    while (i < s.length && s[i] !== ' ') {
      if (OPEN_QUOTES.has(s[i]) && KEY_RE.test(word) && word.endsWith(':')) {
        const value = readQuoted(s[i]);
        const key = word.slice(0, -1);
        tokens.push({ text: `${key}:${value}`, quoted: false, key: key.toLowerCase(), value });
        word = '';
        break;
      }
      word += s[i];
      i++;
    }
    if (!word) continue;
    const km = KEY_RE.exec(word);
    if (km && !/^https?:\/\//i.test(word)) tokens.push({ text: word, quoted: false, key: km[1].toLowerCase(), value: word.slice(km[0].length) });
    else tokens.push({ text: word, quoted: false });
  }
  return tokens;
}

/** Quotes a value so the tokenizer reads it back as one literal word. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Fills a form's command template: each `{id}` becomes the quoted answer; an option whose
 * answer is empty (`service:{service}` with no service) is dropped.
 */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template
    .replace(/(^|\s)([a-z][a-z0-9_-]*):\{([a-z0-9_-]+)\}/gi, (_m, pre: string, key: string, id: string) => {
      const v = (values[id] ?? '').trim();
      return v ? `${pre}${key}:${quote(v)}` : pre;
    })
    .replace(/\{([a-z0-9_-]+)\}/gi, (_m, id: string) => {
      const v = (values[id] ?? '').trim();
      return v ? quote(v) : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
}
