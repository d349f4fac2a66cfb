// `oncall`, `oncall schedule`, `oncall override` and `oncall swap` through the console:
// what people read, what is stored, who may do what, and clear answers to bad input.
import { describe, expect, it } from 'vitest';
import { consoleApps, dmsTo, ONCALL_CONFIG, oncallSkill } from './fixtures.js';

const apps = consoleApps();

// The fake clock starts at Sat 21 Nov 2026 10:00 in Berlin: bob is on call until Sunday 09:00.
const start = async () => apps.start({ config: ONCALL_CONFIG() });

describe('who is on call', () => {
  it('oncall: who now, until when, and who next', async () => {
    const x = await start();
    const out = await x.say('oncall');
    expect(out).toContain('📟 Who is on call');
    expect(out).toMatch(/Primary: @bob until Sun 22 Nov 09:00 GMT\+1 \(23h 00m\) · next @carol at Sun 22 Nov 09:00 GMT\+1/);
    expect(await x.say('as bob oncall primary')).toMatch(/@bob until Sun 22 Nov 08:00 GMT \(23h 00m\)/);
    expect(await x.say('oncall nosuch')).toMatch(/There is no schedule "nosuch"\. Schedules: primary[\s\S]*Usage: oncall \[schedule\]/);
  });

  it('oncall schedule lists the coming shifts with overrides marked', async () => {
    const x = await start();
    await x.say('as carol oncall override primary @dan 2026-11-22T12:00 2026-11-22T14:00');
    const out = await x.say('oncall schedule primary 3');
    expect(out).toContain('🗓️ Primary · next 3 days');
    expect(out).toContain(
      [
        'Sat 21 Nov 10:00 GMT+1 → Sun 22 Nov 09:00 GMT+1  @bob',
        'Sun 22 Nov 09:00 GMT+1 → Sun 22 Nov 12:00 GMT+1  @carol',
        'Sun 22 Nov 12:00 GMT+1 → Sun 22 Nov 14:00 GMT+1  @dan (override OVR-1)',
        'Sun 22 Nov 14:00 GMT+1 → Mon 23 Nov 09:00 GMT+1  @carol',
        'Mon 23 Nov 09:00 GMT+1 → Tue 24 Nov 09:00 GMT+1  @bob',
      ].join('\n'),
    );
    expect(out).toMatch(/Calendar: primary\.ics \(http:\/\/127\.0\.0\.1:\d+\/oncall\/primary\.ics\)/);
    expect(await x.say('oncall schedule primary 500')).toMatch(/<days>: expected at most 90, got 500/);
  });
});

describe('overrides', () => {
  it('needs the schedules permission, puts the person on call for the span, and can be removed', async () => {
    const x = await start();
    const denied = await x.say('as bob oncall override primary @dan +1h +3h');
    expect(denied).toMatch(/You can't do that: this needs the schedules permission \(held by carol and admins: alice\)/);
    const ok = await x.say('as carol oncall override primary @dan +1h +3h');
    expect(ok).toContain('✅ Override OVR-1: @dan is on call for Primary from Sat 21 Nov 11:00 GMT+1 to Sat 21 Nov 13:00 GMT+1');
    expect(oncallSkill(x).parts().roster.onCall('primary', new Date('2026-11-21T10:30:00Z'))).toBe('dan');
    await x.advance('1h30m');
    expect(await x.say('oncall')).toMatch(/Primary: @dan until Sat 21 Nov 13:00 GMT\+1/);
    expect(await x.say('as carol oncall override remove OVR-1')).toContain('🗑️ Override OVR-1 removed');
    expect(await x.say('oncall')).toMatch(/Primary: @bob until Sun 22 Nov 09:00/);
    expect(await x.say('as carol oncall override remove OVR-1')).toContain('There is no active override OVR-1.');
    expect(x.app.deps.audit.entries('OVR-1').map((e) => e.action)).toEqual(['oncall.override', 'oncall.override.remove']);
  });

  it('refuses a bad span and changes nothing', async () => {
    const x = await start();
    expect(await x.say('oncall override primary @dan tomorrow')).toMatch(/Missing <end>[\s\S]*Usage: oncall override/);
    expect(await x.say('oncall override primary @dan +3h +1h')).toMatch(/The end \(Sat 21 Nov 11:00 GMT\+1\) must be after the start/);
    expect(await x.say('oncall override primary @dan -3h -1h')).toContain('it is already over');
    expect(await x.say('oncall override primary @zed +1h +2h')).toContain('no person "@zed" in the config');
    expect(await x.say('oncall override primary @dan soon +2h')).toMatch(/<start>: expected an ISO time/);
    expect(oncallSkill(x).parts().roster.spans('primary')).toEqual([]);
  });
});

describe('swaps', () => {
  it('asks the person with Accept / Decline; only they may accept; accepted swaps become overrides', async () => {
    const x = await start();
    const ask = await x.say('as bob oncall swap primary @carol 2026-11-21T00:00 2026-11-24T00:00');
    expect(dmsTo(ask, 'carol')).toBe(1);
    expect(ask).toContain('@bob asks @carol to take their on-call shifts in Primary.');
    expect(ask).toContain('[Accept] → oncall swap accept SWP-1');
    expect(ask).toContain('[Decline] → oncall swap decline SWP-1');
    expect(ask).toMatch(/SWP-1: asked @carol by DM to take your 2 shifts in Primary:\n• Sat 21 Nov 08:00 GMT → Sun 22 Nov 08:00 GMT\n• Mon 23 Nov 08:00 GMT → Tue 24 Nov 00:00 GMT/);

    expect(await x.say('as dan oncall swap accept SWP-1')).toContain('Only @carol can accept SWP-1.');
    expect(oncallSkill(x).parts().roster.onCall('primary', x.clock.now())).toBe('bob');
    const accepted = await x.say('as carol oncall swap accept SWP-1');
    expect(accepted).toContain('You take @bob\'s shifts (override OVR-1).');
    expect(accepted).toMatch(/── @carol · m\d+ \(updated\) ──\n[^\n]*\n🔁 Swap SWP-1 · accepted/);
    expect(dmsTo(accepted, 'bob')).toBe(1);
    expect(await x.say('oncall')).toMatch(/Primary: @carol until Tue 24 Nov 01:00 GMT\+1/);
    const override = oncallSkill(x).parts().roster.spans('primary')[0];
    expect(override).toMatchObject({ id: 'OVR-1', personId: 'carol', replaces: 'bob' });
    expect(await x.say('as carol oncall swap accept SWP-1')).toContain('SWP-1 was already accepted.');
    expect(await x.say('as carol oncall swap decline SWP-1')).toContain('SWP-1 was already accepted.');
  });

  it('a declined swap changes no shift and tells the requester', async () => {
    const x = await start();
    await x.say('as bob oncall swap primary @dan +1h +5h');
    const declined = await x.say('as dan oncall swap decline SWP-1');
    expect(declined).toContain('You declined SWP-1; @bob has been told.');
    expect(declined).toMatch(/── DM to @bob · m\d+ ──\nSWP-1 declined/);
    expect(oncallSkill(x).parts().roster.spans('primary')).toEqual([]);
  });

  it('refuses a swap of shifts you do not have, or with yourself', async () => {
    const x = await start();
    expect(await x.say('as dan oncall swap primary @bob +1h +5h')).toContain('You (@dan) are not on call in Primary between');
    expect(await x.say('as bob oncall swap primary @bob +1h +5h')).toContain('You cannot swap with yourself');
    expect(await x.say('as bob oncall swap accept SWP-9')).toContain('There is no swap request SWP-9.');
  });
});
