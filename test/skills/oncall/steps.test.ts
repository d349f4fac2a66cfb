// The pure state transitions of a page: escalation steps, acknowledge, resolve.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { lastStep, position, stepDue, takeStep } from '../../../src/skills/oncall/escalation.js';
import { acknowledgePage, resolvePage, type Page } from '../../../src/skills/oncall/model.js';

const T0 = new Date('2026-11-21T09:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const bob = { platform: 'slack' as const, userId: 'U0BOB', personId: 'bob', name: 'Bob' };

function page(over: Partial<Page> = {}): Page {
  return {
    id: 'PAGE-1',
    summary: 'db down',
    severity: 1,
    status: 'triggered',
    source: 'chat',
    target: 'service:db',
    policy: {
      name: 'P',
      levels: [
        { targets: [{ kind: 'schedule', id: 'primary' }], afterMs: 5 * 60_000 },
        { targets: [{ kind: 'person', id: 'alice' }, { kind: 'schedule', id: 'primary' }], afterMs: 10 * 60_000 },
      ],
      repeat: 1,
      integrations: ['pd', 'hook'],
    },
    createdAt: T0.toISOString(),
    step: -1,
    nextStepAt: T0.toISOString(),
    exhausted: false,
    notifications: [],
    cards: [],
    deliveries: [],
    timeline: [],
    ...over,
  };
}

const onCall = (who: string | undefined) => (t: { kind: string; id: string }) => (t.kind === 'person' ? [t.id] : who ? [who] : []);

describe('escalation steps', () => {
  it('walks levels and rounds, then stops', () => {
    const p = page().policy;
    expect(lastStep(p)).toBe(3);
    expect([0, 1, 2, 3].map((s) => position(p, s))).toEqual([
      { level: 0, round: 0 },
      { level: 1, round: 0 },
      { level: 0, round: 1 },
      { level: 1, round: 1 },
    ]);
    let x = takeStep(page(), T0, onCall('bob'));
    expect(x).toMatchObject({ step: 0, nextStepAt: at(5).toISOString() });
    expect(stepDue(x, at(4))).toBe(false);
    expect(stepDue(x, at(5))).toBe(true);
    x = takeStep(x, at(5), onCall('bob'));
    expect(x.notifications.filter((n) => n.step === 1).map((n) => [n.personId, n.via, n.dueAt])).toEqual([
      ['alice', 'person:alice', at(5).toISOString()],
      ['bob', 'schedule:primary', at(5).toISOString()],
    ]);
    x = takeStep(takeStep(x, at(15), onCall('bob')), at(20), onCall('bob'));
    expect(x.step).toBe(3);
    x = takeStep(x, at(30), onCall('bob'));
    expect(x).toMatchObject({ step: 3, exhausted: true, nextStepAt: undefined });
    expect(() => takeStep({ ...x, exhausted: false }, at(31), onCall('bob'), bob)).toThrow(UserError);
  });

  it('notes a schedule with nobody on call and still moves on', () => {
    const x = takeStep(page(), T0, onCall(undefined));
    expect(x.notifications).toEqual([]);
    expect(x.timeline.map((e) => e.text)).toEqual(['Paging level 1 of 2, round 1 of 2: nobody.', 'Nobody is on call in schedule primary.']);
    expect(x.nextStepAt).toBe(at(5).toISOString());
  });
});

describe('acknowledge and resolve', () => {
  it('acknowledge stops the timer, skips unsent DMs and queues the outbound acknowledge for integrations that are on', () => {
    const x = takeStep(page(), T0, onCall('bob'));
    const acked = acknowledgePage(x, bob, at(1), ['pd']);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: bob, nextStepAt: undefined });
    expect(acked.notifications.map((n) => n.status)).toEqual(['skipped']);
    expect(acked.deliveries).toEqual([{ integration: 'pd', action: 'acknowledge', status: 'pending', attempts: 0 }]);
    expect(() => acknowledgePage(acked, bob, at(2), [])).toThrow('PAGE-1 was already acknowledged by @bob.');
    const resolved = resolvePage(acked, bob, at(3), ['pd', 'hook'], 'fixed');
    expect(resolved.status).toBe('resolved');
    expect(resolved.timeline.at(-1)?.text).toBe('Resolved by @bob (fixed).');
    expect(() => resolvePage(resolved, bob, at(4), [])).toThrow('PAGE-1 is already resolved.');
    expect(() => acknowledgePage(resolved, bob, at(4), [])).toThrow('PAGE-1 is already resolved.');
  });
});
