// Neutral cards for "who is on call" and the coming shifts of a schedule.
import { card, context, escapeMarkup, fields, field, mention, text, type Card } from '../../core/card.js';
import { formatDuration, formatTime } from '../../core/time.js';
import type { Rotation } from './schedule.js';
import type { Segment } from './segments.js';

export interface NowEntry {
  rotation: Rotation;
  current?: Segment;
  next?: Segment;
  /** How far ahead was looked: an end at the horizon means "at least until". */
  horizon: number;
}

const sourceNote = (s: Segment, layers: number) => (/^OVR-\d+$/.test(s.source) ? ` _(override ${s.source})_` : layers > 1 ? ` _(${escapeMarkup(s.source)})_` : '');

function nowLine(e: NowEntry, zone: string, now: Date): string {
  const { current, next } = e;
  const nextText = next ? ` · next ${mention(next.personId)} at ${formatTime(new Date(next.start), zone)}` : '';
  if (!current) return `nobody is on call${nextText}`;
  const open = current.end >= e.horizon;
  const until = `${open ? 'at least until' : 'until'} ${formatTime(new Date(current.end), zone)} (${formatDuration(current.end - now.getTime())})`;
  return `${mention(current.personId)} ${until}${nextText}`;
}

export function whoIsOnCallCard(entries: NowEntry[], zone: string, now: Date): Card {
  if (entries.length === 0) return card('No schedules', [context('Add rotations under `schedules:` in the config.')]);
  return card('📟 Who is on call', [
    fields(entries.map((e) => field(escapeMarkup(e.rotation.name), nowLine(e, zone, now), false))),
    context(`Times in ${zone}. \`oncall schedule <schedule> [days]\` shows the coming shifts; \`page <schedule> <message…>\` pages.`),
  ]);
}

export function scheduleCard(rotation: Rotation, segments: Segment[], zone: string, days: number, icsUrl: string): Card {
  const layers = rotation.layers.length;
  const lines = segments.slice(0, 60).map((s) => `${formatTime(new Date(s.start), zone)} → ${formatTime(new Date(s.end), zone)}  ${mention(s.personId)}${sourceNote(s, layers)}`);
  if (segments.length > 60) lines.push(`…and ${segments.length - 60} more`);
  return card(`🗓️ ${escapeMarkup(rotation.name)} · next ${days} day${days === 1 ? '' : 's'}`, [
    text(lines.join('\n') || 'Nobody is on call in this span.'),
    context(`Overrides applied. Times in ${zone} (the schedule hands off in ${rotation.zone}). Calendar: [${rotation.id}.ics](${icsUrl})`),
  ]);
}
