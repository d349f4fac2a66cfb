// GET /oncall/<schedule>.ics read back with a real iCalendar parser (node-ical): the same
// turns as the roster computes, across the autumn DST change, overrides included.
import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { consoleApps, oncallSkill } from './fixtures.js';

const apps = consoleApps();

const events = (text: string): VEvent[] =>
  Object.values(ical.sync.parseICS(text))
    .filter((c): c is VEvent => c?.type === 'VEVENT')
    .sort((a, b) => +a.start - +b.start);

describe('the iCalendar feed', () => {
  it('serves the shifts of the example schedule across the autumn change, as the roster computes them', async () => {
    // The shipped config: platform-primary rotates weekly on Monday 09:00 Berlin.
    const x = await apps.start({ clock: new FakeClock('2026-10-20T12:00:00Z') });
    await x.say('oncall override platform-primary @frank 2026-10-27T18:00 2026-10-28T08:00');
    const res = await fetch(`${x.app.url}/oncall/platform-primary.ics?days=21`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const parsed = events(await res.text());
    const roster = oncallSkill(x).parts().roster;
    const now = x.clock.now().getTime();
    const reach = roster.get('platform-primary')!.reachMs;
    const [from, to] = [now - 7 * 86_400_000, now + 21 * 86_400_000];
    const expected = roster.shifts('platform-primary', from - reach, to + reach).filter((s) => s.end > from && s.start < to);
    expect(parsed.map((e) => [e.start.toISOString(), e.end!.toISOString(), e.summary])).toEqual(
      expected.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString(), `On call: ${x.app.deps.people.nameOf(s.personId)}`]),
    );
    // Monday 09:00 local on both sides of 25 Oct: 07:00Z in summer time, 08:00Z in winter time.
    expect(parsed.map((e) => e.start.toISOString())).toEqual([
      '2026-10-12T07:00:00.000Z',
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-27T17:00:00.000Z',
      '2026-10-28T07:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
      '2026-11-09T08:00:00.000Z',
    ]);
    expect(parsed.map((e) => e.summary)).toEqual(['On call: Bob Okafor', 'On call: Carol Nguyen', 'On call: Alice Martin', 'On call: Frank Schulz', 'On call: Alice Martin', 'On call: Bob Okafor', 'On call: Carol Nguyen']);
    expect(new Set(parsed.map((e) => e.uid)).size).toBe(parsed.length);
  });

  it('filters by person, and answers unknown schedules and bad parameters with a 4xx', async () => {
    const x = await apps.start();
    const mine = events(await (await fetch(`${x.app.url}/oncall/platform-primary.ics?person=bob&days=30`)).text());
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.summary === 'On call: Bob Okafor')).toBe(true);
    const missing = await fetch(`${x.app.url}/oncall/nope.ics`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('no schedule "nope"');
    expect((await fetch(`${x.app.url}/oncall/platform-primary.ics?days=abc`)).status).toBe(400);
    expect((await fetch(`${x.app.url}/oncall/platform-primary.ics?days=9999`)).status).toBe(400);
    expect((await fetch(`${x.app.url}/oncall/platform-primary.ics?person=zed`)).status).toBe(400);
  });
});
