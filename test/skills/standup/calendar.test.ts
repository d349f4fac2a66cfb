// The standup's time rules as pure functions: crons per zone, the reminder across midnight,
// which standup day an instant belongs to (the next summary's), and where "yesterday" starts.
import { describe, expect, it } from 'vitest';
import { standupSchema, type StandupConfig } from '../../../src/core/config/rituals.js';
import { nextOccurrence } from '../../../src/core/cron.js';
import { activitySince, dayLabel, nextStandupDays, previousStandupDay, promptCron, reminderCron, shownDay, standupDayOf, summaryAt, summaryCron } from '../../../src/skills/standup/calendar.js';

const standup = (over: Record<string, unknown> = {}): StandupConfig => standupSchema.parse({ id: 'sre-daily', team: 'sre', prompt: '09:30', summary: '12:00', ...over });
const BERLIN = 'Europe/Berlin';

describe('standup calendar', () => {
  it('writes the crons of prompt, summary and reminder on the standup days', () => {
    const s = standup({ days: ['mon', 'wed', 'fri', 'sun'] });
    expect(promptCron(s)).toBe('30 9 * * 0,1,3,5');
    expect(summaryCron(s)).toBe('0 12 * * 0,1,3,5');
    expect(reminderCron(s)).toBe('30 11 * * 0,1,3,5');
  });

  it('moves a reminder that crosses midnight to the day before', () => {
    const s = standup({ summary: '00:15', reminder_before: '30m', days: ['mon', 'tue'] });
    expect(reminderCron(s)).toBe('45 23 * * 0,1');
    // Sunday 23:45 reminds about Monday 00:15's summary.
    const reminder = nextOccurrence(reminderCron(s), BERLIN, new Date('2026-11-21T12:00:00Z'));
    expect(reminder.toISOString()).toBe('2026-11-22T22:45:00.000Z');
    expect(standupDayOf(s, BERLIN, reminder)).toBe('2026-11-23');
  });

  it('puts an instant in the day of the next summary: before it today, after it the next standup day', () => {
    const s = standup();
    expect(standupDayOf(s, BERLIN, new Date('2026-11-23T10:59:00Z'))).toBe('2026-11-23');
    expect(standupDayOf(s, BERLIN, new Date('2026-11-23T11:00:00Z'))).toBe('2026-11-24');
    // Friday after the summary and the weekend belong to Monday.
    expect(standupDayOf(s, BERLIN, new Date('2026-11-27T15:00:00Z'))).toBe('2026-11-30');
    expect(standupDayOf(s, BERLIN, new Date('2026-11-29T10:00:00Z'))).toBe('2026-11-30');
    // New York's 09:30 prompt (14:30 UTC) comes after Berlin's noon summary: it is for the next day.
    const ny = nextOccurrence(promptCron(s), 'America/New_York', new Date('2026-11-23T00:00:00Z'));
    expect(ny.toISOString()).toBe('2026-11-23T14:30:00.000Z');
    expect(standupDayOf(s, BERLIN, ny)).toBe('2026-11-24');
  });

  it('finds the summary time of a day in the team zone, across DST', () => {
    const s = standup();
    expect(summaryAt(s, BERLIN, '2026-10-23').toISOString()).toBe('2026-10-23T10:00:00.000Z');
    expect(summaryAt(s, BERLIN, '2026-10-26').toISOString()).toBe('2026-10-26T11:00:00.000Z');
  });

  it('counts standup days for absences and finds the last one', () => {
    const s = standup();
    expect(nextStandupDays(s, '2026-11-26', 3)).toEqual(['2026-11-26', '2026-11-27', '2026-11-30']);
    expect(previousStandupDay(s, '2026-11-30')).toBe('2026-11-27');
    expect(shownDay(s, BERLIN, new Date('2026-11-28T12:00:00Z'))).toBe('2026-11-27');
    expect(shownDay(s, BERLIN, new Date('2026-11-30T08:00:00Z'))).toBe('2026-11-30');
    expect(dayLabel('2026-11-30')).toBe('Mon 30 Nov');
  });

  it('starts "yesterday" at midnight of the previous prompt day in the person\'s zone', () => {
    const s = standup();
    // Monday's prompt in London looks back to Friday 00:00 London.
    expect(activitySince(s, 'Europe/London', new Date('2026-11-30T09:30:00Z')).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    // Tuesday's in New York to Monday 00:00 New York.
    expect(activitySince(s, 'America/New_York', new Date('2026-12-01T14:30:00Z')).toISOString()).toBe('2026-11-30T05:00:00.000Z');
  });
});
