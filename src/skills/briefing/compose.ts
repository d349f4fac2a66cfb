// The briefing card: its sections in the configured order, each a heading with lines (and
// buttons) or one collapsed line, the card's tone the most urgent of theirs.
import { actions, card, context, divider, escapeMarkup, text, type Block, type Card, type Tone } from '../../core/card.js';
import { DateTime } from '../../core/time.js';
import { SECTIONS, type BriefingContext, type SectionId, type SectionOutput, type Sources } from './sections/index.js';

const URGENCY: Tone[] = ['neutral', 'success', 'info', 'warning', 'danger'];

/** The sections a briefing shows, built from the views; those left out are simply absent. */
export function buildSections(ids: readonly SectionId[], src: Sources, ctx: BriefingContext): SectionOutput[] {
  const built = [...new Set(ids)].map((id) => SECTIONS[id].build(src, ctx)).filter((s): s is SectionOutput => s !== undefined);
  // A section that must lead (a failed overnight job) goes first; the rest keep their order.
  return [...built.filter((s) => s.lead), ...built.filter((s) => !s.lead)];
}

/** The card of a briefing (pure: sections in, card out). */
export function briefingCard(title: string, sections: SectionOutput[], ctx: BriefingContext): Card {
  const blocks: Block[] = [];
  let tone: Tone = 'success';
  for (const s of sections) {
    if (blocks.length > 0) blocks.push(divider());
    if ('line' in s) blocks.push(text(s.line));
    else {
      blocks.push(text([s.heading, ...s.lines].join('\n')));
      if (s.buttons?.length) blocks.push(actions(...s.buttons));
    }
    if (s.tone && URGENCY.indexOf(s.tone) > URGENCY.indexOf(tone)) tone = s.tone;
  }
  if (sections.length === 0) blocks.push(text('Nothing to report: no skill behind these sections is configured.'));
  const asOf = DateTime.fromJSDate(ctx.now, { zone: ctx.zone }).toFormat('ccc d LLL HH:mm ZZZZ');
  blocks.push(context(`As of ${asOf} · \`briefing\` posts it again`));
  return card(`☀️ ${escapeMarkup(title)} · ${DateTime.fromJSDate(ctx.now, { zone: ctx.zone }).toFormat('ccc d LLL')}`, blocks, tone);
}
