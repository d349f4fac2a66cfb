// Blockers reported at the last standup of each of the briefing's teams.
import { escapeMarkup } from '../../../core/card.js';
import { DateTime, WEEKDAYS } from '../../../core/time.js';
import { capped, forTeams, section } from './section.js';

export interface StandupBlockers {
  teamName: string;
  day: string;
  blockers: Array<{ personId: string; text: string }>;
}

/** The last day before `today` (YYYY-MM-DD) that is one of `days`. */
function lastStandupDay(today: string, days: readonly string[]): string {
  let d = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 1 });
  for (let i = 0; i < 7 && !days.includes(WEEKDAYS[d.weekday - 1]); i++) d = d.minus({ days: 1 });
  return d.toISODate()!;
}

export const standupsSection = section<StandupBlockers[]>(
  'standups',
  (src, ctx) => {
    const q = src.get('standups');
    const standups = ctx.config.standups.filter((s) => forTeams(ctx, s.team));
    if (!q || standups.length === 0) return undefined;
    return standups.map((s) => {
      const team = ctx.config.teams.find((t) => t.id === s.team);
      const today = DateTime.fromJSDate(ctx.now, { zone: team?.timezone ?? ctx.config.timezone }).toISODate()!;
      const day = lastStandupDay(today, s.days);
      return { teamName: team?.name ?? s.team, day, blockers: q.blockers(day, s.team).filter((b) => b.standupId === s.id) };
    });
  },
  (list, ctx) => {
    const lines = list.flatMap((s) => {
      const day = DateTime.fromISO(s.day).toFormat('ccc d LLL');
      return s.blockers.map((b) => `• 🚧 **${escapeMarkup(ctx.name(b.personId))}** (${escapeMarkup(s.teamName)}, ${day}): ${escapeMarkup(b.text)}`);
    });
    if (lines.length === 0) return { id: 'standups', line: '**Standup blockers**: none at the last standup' };
    return { id: 'standups', heading: `**Standup blockers** (${lines.length})`, lines: capped(lines), tone: 'warning' };
  },
);
