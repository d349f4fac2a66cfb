// When a standup happens, as pure functions of its config and an instant. Prompts fire at the
// prompt time in each member's own zone, the reminder and summary in the team's zone.
//
// The "standup day" an instant belongs to is the day of the next summary after it: an answer
// given before the summary goes into it; one given after goes into the next one. That keeps a
// colleague in New York (prompted after Berlin's summary) in the next summary instead of none.
import type { StandupConfig } from '../../core/config/index.js';
import { latestOccurrence, nextOccurrence } from '../../core/cron.js';
import { DateTime, dayKey, parseHHMM, WEEKDAYS, type Weekday } from '../../core/time.js';

const MINUTES_PER_DAY = 1440;

/** A calendar day for date arithmetic (UTC, so no DST gap can move it). */
const date = (day: string): DateTime => DateTime.fromISO(day, { zone: 'UTC' });

/** Cron's weekday number (0 = Sunday) of each of our weekday names. */
const cronDay = (d: Weekday): number => (WEEKDAYS.indexOf(d) + 1) % 7;

/** A cron expression at `minuteOfDay` on these weekdays, shifted by `dayShift` days. */
function dailyCron(minuteOfDay: number, days: readonly Weekday[], dayShift = 0): string {
  const weekdays = [...new Set(days.map((d) => (((cronDay(d) + dayShift) % 7) + 7) % 7))].sort((a, b) => a - b);
  return `${minuteOfDay % 60} ${Math.floor(minuteOfDay / 60)} * * ${weekdays.join(',')}`;
}

function minuteOf(hhmm: string): number {
  const t = parseHHMM(hhmm);
  if (!t) throw new Error(`not a time of day: ${hhmm}`);
  return t.hour * 60 + t.minute;
}

/** The prompt's cron, read in each member's zone. */
export const promptCron = (s: StandupConfig): string => dailyCron(minuteOf(s.prompt), s.days);

/** The summary's cron, read in the team's zone. */
export const summaryCron = (s: StandupConfig): string => dailyCron(minuteOf(s.summary), s.days);

/** The reminder's cron (team zone): `reminder_before` ahead of the summary, the day before when that crosses midnight. */
export function reminderCron(s: StandupConfig): string {
  const at = minuteOf(s.summary) - Math.round(s.reminder_before / 60_000);
  const shift = Math.floor(at / MINUTES_PER_DAY);
  return dailyCron(at - shift * MINUTES_PER_DAY, s.days, shift);
}

/** The standup day (YYYY-MM-DD in the team's zone) an instant belongs to: its next summary's day. */
export function standupDayOf(s: StandupConfig, teamZone: string, at: Date): string {
  return dayKey(nextOccurrence(summaryCron(s), teamZone, at), teamZone);
}

/** When the summary of a standup day is due. */
export function summaryAt(s: StandupConfig, teamZone: string, day: string): Date {
  const m = minuteOf(s.summary);
  return DateTime.fromISO(day, { zone: teamZone })
    .set({ hour: Math.floor(m / 60), minute: m % 60 })
    .toJSDate();
}

/** Whether a standup happens on a calendar day (YYYY-MM-DD). */
export function isStandupDay(s: StandupConfig, day: string): boolean {
  const weekday = WEEKDAYS[date(day).weekday - 1];
  return s.days.includes(weekday);
}

/** The standup days from `first` on (inclusive), `count` of them. */
export function nextStandupDays(s: StandupConfig, first: string, count: number): string[] {
  const out: string[] = [];
  for (let d = date(first); out.length < count; d = d.plus({ days: 1 })) {
    const key = d.toISODate()!;
    if (isStandupDay(s, key)) out.push(key);
  }
  return out;
}

/** The last standup day strictly before `day`. */
export function previousStandupDay(s: StandupConfig, day: string): string {
  let d = date(day).minus({ days: 1 });
  while (!isStandupDay(s, d.toISODate()!)) d = d.minus({ days: 1 });
  return d.toISODate()!;
}

/**
 * The day `standup summary` shows at an instant: today's standup (so far, or its summary) on
 * a standup day, else the last one.
 */
export function shownDay(s: StandupConfig, teamZone: string, at: Date): string {
  const today = dayKey(at, teamZone);
  return isStandupDay(s, today) ? today : previousStandupDay(s, today);
}

/**
 * Where a person's "yesterday" starts: midnight (in their zone) of the prompt day before the one
 * at `at`, so Monday's suggestion covers Friday and the weekend.
 */
export function activitySince(s: StandupConfig, personZone: string, at: Date): Date {
  const cron = promptCron(s);
  const current = latestOccurrence(cron, personZone, at) ?? at;
  const previous = latestOccurrence(cron, personZone, new Date(current.getTime() - 1)) ?? new Date(current.getTime() - 86_400_000);
  return DateTime.fromJSDate(previous, { zone: personZone }).startOf('day').toJSDate();
}

/** A day key as people read it: `Tue 24 Nov`. */
export function dayLabel(day: string): string {
  return date(day).toFormat('ccc d LLL');
}
