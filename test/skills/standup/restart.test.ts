// Standups across restarts: a summary missed while the bot was down is posted on start if its
// day is not over, and only once; a prompt whose summary has passed, or whose day is over, is
// not sent late.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { printed, standupDms, SRE_STANDUP, SRE_TEAM, walkTo, withRituals } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

describe('standups across restarts', () => {
  it('posts a missed summary once on start within its day, and sends no stale prompt', async () => {
    h = await startConsoleApp({ config: withRituals(SRE_STANDUP, { extraTeams: SRE_TEAM }), clock: new FakeClock('2026-11-23T07:00:00Z') });
    await walkTo(h, '2026-11-23T08:00:00Z');
    await h.say('as alice standup yesterday:"Cert rotation" today:"Postgres prep" blockers:none');

    // Down from 09:00 Berlin to 12:30 Berlin: both prompts, the reminder and the summary came due meanwhile.
    h.clock.set('2026-11-23T11:30:00Z');
    h = await h.restart();
    const onStart = h.out.take();
    expect(printed(onStart, '#sre')).toHaveLength(1);
    expect(printed(onStart, '#sre')[0]).toContain('Alice Martin\nWhat did you do yesterday?\nCert rotation');
    expect(printed(onStart, '#sre')[0]).toContain('🔕 No answer: Bob Okafor, Dave Kowalski');
    expect(['alice', 'bob', 'dave'].flatMap((p) => standupDms(onStart, p))).toEqual([]);

    // Another restart the same day posts nothing again.
    h.clock.set('2026-11-23T11:45:00Z');
    h = await h.restart();
    expect(h.out.take()).not.toContain('── #sre');

    // Down overnight until 10:00 Berlin on Tuesday: New York's Monday prompt is a day late and
    // is dropped; Berlin's prompt of this morning is still worth sending.
    await walkTo(h, '2026-11-23T12:00:00Z');
    h.clock.set('2026-11-24T09:00:00Z');
    h = await h.restart();
    const tuesday = h.out.take();
    expect(standupDms(tuesday, 'alice').map((m) => m.split('\n')[0])).toEqual(['📝 Standup · Tue 24 Nov']);
    expect(standupDms(tuesday, 'dave')).toHaveLength(0);
    expect(printed(tuesday, '#sre')).toHaveLength(0);
    // Bob's London prompt (09:30) still comes on time, then his reminder, and Tuesday's summary once.
    const rest = await walkTo(h, '2026-11-24T11:00:00Z');
    expect(standupDms(rest, 'bob').map((m) => m.split('\n')[0])).toEqual(['📝 Standup · Tue 24 Nov', '⏰ Standup reminder · Tue 24 Nov']);
    expect(printed(rest, '#sre')).toHaveLength(1);
  });
});
