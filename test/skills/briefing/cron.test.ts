// The briefing's schedule: the shipped `0 8 * * 1-5` in Europe/Berlin fires at 08:00 local on
// weekdays on both sides of the end of summer time (Sun 25 Oct 2026), never on the weekend; one
// missed while the bot was down is posted once on start if its day is not over, never twice,
// and not at all on a later day.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { exampleConfig, startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { printed, walkTo } from '../standup/helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const HOUR = 3_600_000;

/** The "As of" line of each briefing posted to the platform team's channel. */
const briefings = (out: string): string[] =>
  printed(out, '#platform')
    .filter((m) => m.startsWith('☀️'))
    .map((m) => /As of (.+?) ·/.exec(m)?.[1] ?? '?');

describe('the briefing schedule', () => {
  it('posts at 08:00 Berlin on weekdays across the DST change, not at the weekend', async () => {
    h = await startConsoleApp({ config: exampleConfig(), clock: new FakeClock('2026-10-22T04:00:00Z') });
    const out = await walkTo(h, '2026-10-27T08:00:00Z', HOUR);
    expect(briefings(out)).toEqual(['Thu 22 Oct 08:00 GMT+2', 'Fri 23 Oct 08:00 GMT+2', 'Mon 26 Oct 08:00 GMT+1', 'Tue 27 Oct 08:00 GMT+1']);
  });

  it('spring forward too: 08:00 local before and after Sun 29 Mar 2026', async () => {
    h = await startConsoleApp({ config: exampleConfig(), clock: new FakeClock('2026-03-26T05:00:00Z') });
    const out = await walkTo(h, '2026-03-31T07:00:00Z', HOUR);
    expect(briefings(out)).toEqual(['Thu 26 Mar 08:00 GMT+1', 'Fri 27 Mar 08:00 GMT+1', 'Mon 30 Mar 08:00 GMT+2', 'Tue 31 Mar 08:00 GMT+2']);
  });

  it('a briefing missed while down is posted once on start within its day; a day late it is dropped', async () => {
    h = await startConsoleApp({ config: exampleConfig(), clock: new FakeClock('2026-10-28T05:00:00Z') });
    await walkTo(h, '2026-10-28T06:30:00Z', HOUR);
    // Down from 07:30 to 10:15 Berlin on Wednesday.
    h.clock.set('2026-10-28T09:15:00Z');
    h = await h.restart();
    expect(briefings(h.out.take())).toEqual(['Wed 28 Oct 10:15 GMT+1']);
    h.clock.set('2026-10-28T09:30:00Z');
    h = await h.restart();
    expect(briefings(h.out.take())).toEqual([]);
    expect(briefings(await walkTo(h, '2026-10-28T23:00:00Z', HOUR))).toEqual([]);

    // Down from Wednesday night to Friday 07:30 Berlin: Thursday's is a day late and dropped.
    h.clock.set('2026-10-30T06:30:00Z');
    h = await h.restart();
    expect(briefings(h.out.take())).toEqual([]);
    expect(briefings(await walkTo(h, '2026-10-30T12:00:00Z', HOUR / 2))).toEqual(['Fri 30 Oct 08:00 GMT+1']);
  });
});
