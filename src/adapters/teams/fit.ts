// Teams refuses a bot message over about 28 KB (text, cards and entities together). fitActivity
// shortens a rendered message until it fits: the largest text (or list of facts) is halved first,
// so short blocks, headers and buttons survive, and a note says the message was shortened.
import type { CardElement, IAdaptiveCard } from '@microsoft/teams.cards';
import type { MentionEntity } from './markdown.js';

/** Teams' limit is about 28 KB for the whole activity; keep headroom for what the SDK adds. */
export const MESSAGE_LIMIT_BYTES = 26_000;
const NOTE = '… shortened to fit Teams\u2019 message size limit.';

interface Fittable {
  text?: string;
  attachments?: { content: IAdaptiveCard }[];
  entities?: MentionEntity[];
}

export const byteSize = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), 'utf8');

/** A piece of a message that can be made shorter, with its current size. */
interface Cut {
  size: number;
  shrink(): void;
  /** The card it belongs to (that card gets the note), if any. */
  card?: IAdaptiveCard;
}

const half = (s: string): string => `${s.slice(0, Math.max(0, Math.floor(s.length / 2) - 1))}…`;

function cutsOf(elements: CardElement[], out: Cut[]): void {
  for (const el of elements) {
    const e = el as CardElement & { text?: string; inlines?: { text?: string }[]; facts?: { title: string; value: string }[]; items?: CardElement[] };
    if (e.type === 'TextBlock' && typeof e.text === 'string' && e.text.length > 1 && e.text !== NOTE) out.push({ size: e.text.length, shrink: () => (e.text = half(e.text!)) });
    if (e.type === 'RichTextBlock') for (const run of e.inlines ?? []) if (run.text && run.text.length > 1) out.push({ size: run.text.length, shrink: () => (run.text = half(run.text!)) });
    if (e.type === 'FactSet' && e.facts) {
      const facts = e.facts;
      if (facts.length > 1) out.push({ size: byteSize(facts), shrink: () => facts.splice(Math.ceil(facts.length / 2)) });
      else if (facts[0] && facts[0].value.length > 1) out.push({ size: facts[0].value.length, shrink: () => (facts[0].value = half(facts[0].value)) });
    }
    if (e.type === 'Container' && e.items) cutsOf(e.items, out);
  }
}

/** Returns a copy of the message that is at most `limit` bytes of JSON (the input is not changed). */
export function fitActivity<T extends Fittable>(msg: T, limit = MESSAGE_LIMIT_BYTES): T {
  if (byteSize(msg) <= limit) return msg;
  const m = structuredClone(msg);
  const cards = (m.attachments ?? []).map((a) => a.content);
  const noted = new Set<IAdaptiveCard>();
  for (let round = 0; round < 500 && byteSize(m) > limit; round++) {
    const cuts: Cut[] = [];
    if (m.text && m.text.length > 1) cuts.push({ size: m.text.length, shrink: () => (m.text = half(m.text!)) });
    for (const card of cards) {
      const own: Cut[] = [];
      cutsOf(card.body, own);
      cuts.push(...own.map((c) => ({ ...c, card })));
    }
    const biggest = cuts.sort((a, b) => b.size - a.size)[0];
    if (!biggest || biggest.size < 8) break;
    biggest.shrink();
    if (biggest.card && !noted.has(biggest.card)) {
      noted.add(biggest.card);
      biggest.card.body.push({ type: 'TextBlock', text: NOTE, size: 'Small', isSubtle: true, wrap: true });
    }
  }
  if (byteSize(m) > limit) {
    // Nothing left to shorten (e.g. hundreds of buttons): say so instead of failing to send.
    m.attachments = undefined;
    m.text = `This message was too large for Teams (${NOTE.slice(2)})`;
  }
  if (m.entities) m.entities = m.entities.filter((e) => m.text?.includes(e.text));
  for (const c of cards) if (c.msteams?.entities) c.msteams.entities = c.msteams.entities.filter((e) => JSON.stringify(c.body).includes(e.text ?? '\u0000'));
  return m;
}
