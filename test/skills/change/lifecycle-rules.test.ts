import { describe, expect, it } from 'vitest';
import { approve } from '../../../src/skills/change/approval-rules.js';
import { cancel, complete, fail, lapse, mayRun, start, type LifecycleContext } from '../../../src/skills/change/lifecycle-rules.js';
import type { Change } from '../../../src/skills/change/model.js';
import { policyOf } from '../../../src/skills/change/policy.js';
import { cfg, decisionCtx, hours, makeChange, NOW, on } from './fixtures.js';

const SYSTEM = on('console', undefined, 'switchboard');
const ctx = (c: Change, now = NOW, admin = false): LifecycleContext => ({ now, zone: 'Europe/Berlin', policy: policyOf(cfg, c.approverGroup, c.approvalsNeeded), admin });
const requester = on('slack', 'erin', 'U01ERIN001');

function approved(): Change {
  const c = makeChange({ risk: 'low', start: hours(2), end: hours(4) });
  return approve(c, on('slack', 'bob'), decisionCtx(c)).change;
}

describe('implementation states', () => {
  it('approved → in_progress → completed, each step in the history', () => {
    const c = approved();
    const running = start(c, requester, ctx(c, hours(2)));
    expect(running.state).toBe('in_progress');
    const done = complete(running, on('discord', 'erin', '310000000000000005'), ctx(c, hours(3)), 'all green');
    expect(done.state).toBe('completed');
    expect(done.history.slice(-2)).toMatchObject([{ action: 'started' }, { action: 'completed', note: 'all green' }]);
  });

  it('in_progress → failed with why', () => {
    const c = start(approved(), requester, ctx(approved(), hours(2)));
    expect(() => fail(c, requester, ctx(c, hours(3)), ' ')).toThrow(/Missing <why/);
    const f = fail(c, requester, ctx(c, hours(3)), 'migration timed out');
    expect(f).toMatchObject({ state: 'failed', reason: 'migration timed out' });
  });

  it('refuses steps out of order with the state named', () => {
    const pending = makeChange({ risk: 'high' });
    expect(() => start(pending, requester, ctx(pending, hours(2)))).toThrow(/is not approved yet: it needs 2 more approval\(s\) from Change Advisory Board/);
    const c = approved();
    expect(() => complete(c, requester, ctx(c, hours(2)))).toThrow(/is approved; only a change in progress can complete/);
    expect(() => fail(c, requester, ctx(c, hours(2)), 'x')).toThrow(/only a change in progress can fail/);
  });

  it('starts only inside the window', () => {
    const c = approved();
    expect(() => start(c, requester, ctx(c, hours(1)))).toThrow(/window opens .*; start it then/);
    expect(start(c, requester, ctx(c, new Date(hours(2).getTime() - 60_000))).state).toBe('in_progress'); // a minute early is fine
    expect(() => start(c, requester, ctx(c, hours(4)))).toThrow(/window ended .*approval lapsed/);
  });

  it('cancels from any open state, never from a closed one', () => {
    const pending = makeChange({ risk: 'low' });
    expect(cancel(pending, requester, ctx(pending), 'postponed')).toMatchObject({ state: 'cancelled', reason: 'postponed' });
    const c = approved();
    expect(cancel(c, requester, ctx(c)).state).toBe('cancelled');
    const running = start(c, requester, ctx(c, hours(2)));
    const stopped = cancel(running, requester, ctx(c, hours(2)));
    expect(stopped.state).toBe('cancelled');
    expect(() => cancel(stopped, requester, ctx(c, hours(2)))).toThrow(/already cancelled; only an open change/);
  });

  it('only the requester (any account), the approver group or an admin may run it', () => {
    const c = approved();
    expect(mayRun(c, on('teams', 'erin', '29:erin'), ctx(c))).toBe(true);
    expect(mayRun(c, on('slack', 'dave'), ctx(c))).toBe(true); // ops member
    expect(mayRun(c, on('slack', 'frank'), ctx(c, NOW, true))).toBe(true); // admin
    expect(() => start(c, on('slack', 'carol'), ctx(c, hours(2)))).toThrow(/Only the requester, members of Operations or an admin can start/);
    expect(() => cancel(c, on('slack', undefined, 'U0STRANGER'), ctx(c))).toThrow(/Only the requester/);
    const byStranger = makeChange({ risk: 'low' }, { by: on('slack', undefined, 'U0STRANGER') });
    expect(mayRun(byStranger, on('slack', undefined, 'U0STRANGER'), ctx(byStranger))).toBe(true);
    expect(mayRun(byStranger, on('discord', undefined, 'U0STRANGER'), ctx(byStranger))).toBe(false);
  });
});

describe('lapse', () => {
  it('cancels a pending change once its window has passed unapproved', () => {
    const c = makeChange({ risk: 'high', start: hours(2), end: hours(4) });
    expect(lapse(c, hours(3.99), SYSTEM)).toBeUndefined();
    const l = lapse(c, hours(4), SYSTEM);
    expect(l).toMatchObject({ state: 'cancelled', lapsed: true, reason: 'its window passed before it was approved' });
    expect(l?.history.at(-1)).toMatchObject({ action: 'lapsed', by: { userId: 'switchboard' } });
  });

  it('expires an approval that was never started, and leaves started or closed changes alone', () => {
    const c = approved();
    expect(lapse(c, hours(5), SYSTEM)).toMatchObject({ state: 'cancelled', reason: expect.stringMatching(/approval expired/) });
    const running = start(c, requester, ctx(c, hours(2)));
    expect(lapse(running, hours(5), SYSTEM)).toBeUndefined();
    expect(lapse({ ...c, state: 'rejected' }, hours(5), SYSTEM)).toBeUndefined();
  });
});
