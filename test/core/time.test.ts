import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseTime } from '../../src/core/time.js';

const now = new Date('2026-11-21T12:34:56Z'); // Saturday; Berlin is UTC+1

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['4h', 4 * 3_600_000],
    ['2d', 2 * 86_400_000],
    ['1w', 7 * 86_400_000],
    ['1h30m', 90 * 60_000],
    ['45s', 45_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '0m', 'm', '3x', '-1h', '1.5h', 'abc', '1m1h'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());

  it('formats', () => {
    expect(formatDuration(90 * 60_000)).toBe('1h 30m');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(26 * 3_600_000)).toBe('1d 2h');
  });
});

describe('parseTime', () => {
  const zone = 'Europe/Berlin';
  it.each([
    ['now', '2026-11-21T12:34:56.000Z'],
    ['+2h', '2026-11-21T14:34:56.000Z'],
    ['-30m', '2026-11-21T12:04:56.000Z'],
    ['today 14:00', '2026-11-21T13:00:00.000Z'],
    ['tomorrow 09:00', '2026-11-22T08:00:00.000Z'],
    ['14:00', '2026-11-21T13:00:00.000Z'],
    ['2026-11-21T14:00', '2026-11-21T13:00:00.000Z'],
    ['2026-11-21 14:00', '2026-11-21T13:00:00.000Z'],
    ['2026-11-21T14:00Z', '2026-11-21T14:00:00.000Z'],
    ['2026-11-21T14:00-05:00', '2026-11-21T19:00:00.000Z'],
    ['2026-07-01T09:00', '2026-07-01T07:00:00.000Z'],
  ])('%s in Berlin', (text, iso) => expect(parseTime(text, zone, now)?.toISOString()).toBe(iso));

  it('reads the same words in the speaker zone', () => {
    expect(parseTime('tomorrow 09:00', 'America/New_York', now)?.toISOString()).toBe('2026-11-22T14:00:00.000Z');
  });

  it.each(['soon', '25:00', 'today 9am', '2026-13-01T00:00', '+', '+3x', 'tomorrow 24:00'])('rejects %j', (text) => expect(parseTime(text, zone, now)).toBeUndefined());
});
