// Handoff announcements: durable jobs that tell the team channel and DM the incoming person,
// follow overrides, survive restarts without repeating, and keep one future job per schedule.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { consoleApps, dmsTo, ONCALL_CONFIG } from './fixtures.js';

const apps = consoleApps();

// Sun 22 Nov 2026, 08:50 in Berlin: carol takes over from bob at 09:00.
const start = async (at = '2026-11-22T07:50:00Z') => apps.start({ config: ONCALL_CONFIG(), clock: new FakeClock(at) });

describe('handoff announcements', () => {
  it('announces in the team channel and DMs the incoming person at the handoff, then arms the next one', async () => {
    const x = await start();
    expect(x.app.scheduler.pending('handoff:primary')?.due.toISOString()).toBe('2026-11-22T08:00:00.000Z');
    expect(await x.advance('9m')).toBe('');
    const out = await x.advance('1m');
    expect(out).toMatch(/── #ops · m\d+ ──\n🔄 Primary: @carol takes over from @bob, on call until Mon 23 Nov 09:00 GMT\+1\. Next: @bob\./);
    expect(out).toMatch(/── DM to @carol · m\d+ ──\n📟 You are now on call for Primary until Mon 23 Nov 09:00 GMT\+1/);
    expect(dmsTo(out, 'bob')).toBe(0);
    expect(x.app.scheduler.pending('handoff:primary')?.due.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    const again = await apps.restart(x);
    await again.app.scheduler.tick();
    expect(again.out.take()).not.toContain('takes over');
    expect(dmsTo(await again.advance('1d'), 'bob')).toBe(1);
  });

  it('follows overrides: the override\'s start and end are handoffs too', async () => {
    const x = await start('2026-11-22T09:00:00Z');
    await x.say('as carol oncall override primary @dan 2026-11-22T12:00 2026-11-22T14:00');
    expect(x.app.scheduler.pending('handoff:primary')?.due.toISOString()).toBe('2026-11-22T11:00:00.000Z');
    const noon = await x.advance('2h');
    expect(noon).toContain('🔄 Primary: @dan takes over from @carol, on call until Sun 22 Nov 14:00 GMT+1. Next: @carol.');
    expect(dmsTo(noon, 'dan')).toBe(1);
    expect(await x.advance('2h')).toContain('🔄 Primary: @carol takes over from @dan, on call until Mon 23 Nov 09:00 GMT+1. Next: @bob.');
  });

  it('does not announce a handoff long missed while down, and keeps going from there', async () => {
    const x = await start();
    x.clock.advance('3h'); // down at 09:00
    const back = await apps.restart(x);
    await back.app.scheduler.tick();
    expect(back.out.take()).not.toContain('takes over');
    expect(back.app.scheduler.pending('handoff:primary')?.due.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it('a handoff missed by minutes is still announced on start', async () => {
    const x = await start();
    x.clock.advance('25m');
    const back = await apps.restart(x);
    await back.app.scheduler.tick();
    expect(back.out.take()).toContain('🔄 Primary: @carol takes over from @bob');
  });
});
