// What a briefing section is: a small pure function of the data it reads. `read` takes what it
// needs from the other skills' views (undefined when the skill behind it is not running or not
// configured: the section is left out); `render` turns that data into a few lines, or into one
// line when there is nothing to say. Adding a section is adding a file and a registry entry.
import type { Button, Tone } from '../../../core/card.js';
import type { BriefingConfig, Config } from '../../../core/config/index.js';
import type { QueryRegistry } from '../../../core/queries.js';
import { DateTime, dayKey } from '../../../core/time.js';

export type SectionId = BriefingConfig['sections'][number];

export interface BriefingContext {
  now: Date;
  /** The zone the briefing is read in. */
  zone: string;
  /** Midnight to midnight of the briefing's day in its zone. */
  dayStart: Date;
  dayEnd: Date;
  /** When the previous briefing of this kind was due (overnight jobs report what ran since). */
  since: Date;
  config: Config;
  /** The teams the briefing is for; empty: the whole organisation. */
  teams: string[];
  /** A person's name (never a mention: a morning briefing pings nobody). */
  name(personId: string): string;
}

/** A section with something to say: a heading and lines (and buttons); or one collapsed line. */
export type SectionOutput =
  | { id: SectionId; heading: string; lines: string[]; buttons?: Button[]; tone?: Tone; lead?: boolean }
  | { id: SectionId; line: string; tone?: Tone; lead?: boolean };

export type Sources = Pick<QueryRegistry, 'get'>;

export interface BriefingSection {
  id: SectionId;
  /** The section, or undefined when it is left out. */
  build(src: Sources, ctx: BriefingContext): SectionOutput | undefined;
}

/** Binds a section's reader to its pure renderer. */
export function section<T>(id: SectionId, read: (src: Sources, ctx: BriefingContext) => T | undefined, render: (data: T, ctx: BriefingContext) => SectionOutput): BriefingSection {
  return {
    id,
    build(src, ctx) {
      const data = read(src, ctx);
      return data === undefined ? undefined : render(data, ctx);
    },
  };
}

/** The context of a briefing at an instant in a zone. */
export function briefingContext(config: Config, zone: string, teams: string[], now: Date, name: (personId: string) => string, since?: Date): BriefingContext {
  const start = DateTime.fromJSDate(now, { zone }).startOf('day');
  return { now, zone, dayStart: start.toJSDate(), dayEnd: start.plus({ days: 1 }).toJSDate(), since: since ?? new Date(now.getTime() - 86_400_000), config, teams, name };
}

/** An instant as the briefing reads it: `07:10` today, `Mon 23 Nov 07:10` on another day. */
export function at(ctx: BriefingContext, when: Date | string): string {
  const d = typeof when === 'string' ? new Date(when) : when;
  return DateTime.fromJSDate(d, { zone: ctx.zone }).toFormat(dayKey(d, ctx.zone) === dayKey(ctx.now, ctx.zone) ? 'HH:mm' : 'ccc d LLL HH:mm');
}

/** At most `max` lines, then "…and N more". */
export function capped(lines: string[], max = 10): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `…and ${lines.length - max} more`];
}

/** Whether something belongs to the briefing's teams (everything when it has none). */
export const forTeams = (ctx: BriefingContext, teamId: string | undefined): boolean => ctx.teams.length === 0 || teamId === undefined || ctx.teams.includes(teamId);
