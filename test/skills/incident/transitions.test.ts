// The incident state machine, pure: every transition and every refusal with its message.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import type { ActorRef } from '../../../src/core/types.js';
import type { Incident } from '../../../src/skills/incident/model.js';
import * as t from '../../../src/skills/incident/transitions.js';

const alice: ActorRef = { platform: 'slack', userId: 'U01ALICE01', personId: 'alice', name: 'Alice Martin' };
const bob: ActorRef = { platform: 'discord', userId: '310000000000000002', personId: 'bob', name: 'Bob Okafor' };
const T0 = new Date('2026-11-21T09:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const by = (who: ActorRef, min: number): t.Change => ({ by: who, now: at(min) });

/** Records come back from the store deep-frozen: transitions must never mutate. */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function fresh(over: Partial<t.DeclareInput> = {}): Incident {
  return deepFreeze(
    t.declare({ id: 'INC-7', title: '  Checkout   fails ', severity: 'sev2', serviceId: 'web', teamId: 'platform', private: false, channelName: 'inc-7-checkout-fails', members: ['alice'], accounts: [], by: alice, now: T0, ...over }),
  );
}

/** The message of the UserError `fn` throws (and that it is one). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('declare', () => {
  it('opens INC-n investigating, with its first timeline entry and severity history', () => {
    const inc = fresh();
    expect(inc).toMatchObject({ id: 'INC-7', number: 7, title: 'Checkout fails', status: 'investigating', severity: 'sev2', declaredAt: T0.toISOString(), lastUpdateAt: T0.toISOString(), roles: {}, members: ['alice'] });
    expect(inc.timeline).toEqual([{ id: 'T1', at: T0.toISOString(), kind: 'declared', text: 'Declared sev2: Checkout fails', by: alice, status: 'investigating', severity: 'sev2' }]);
    expect(inc.severityHistory).toEqual([{ severity: 'sev2', at: T0.toISOString(), by: alice }]);
  });

  it('refuses an empty or over-long title, saying how long it is', () => {
    expect(refusal(() => fresh({ title: '   ' }))).toBe('The title is empty; say in a few words what is broken.');
    expect(refusal(() => fresh({ title: 'x'.repeat(5000) }))).toBe('The title is 5,000 characters long; keep it to 150 (a one-line summary; details go in `incident note`).');
    expect(fresh({ title: 'y'.repeat(150) }).title).toHaveLength(150);
  });
});

describe('status updates', () => {
  it('walks investigating → identified → monitoring, setting the mitigation time', () => {
    const a = deepFreeze(t.updateStatus(fresh(), 'identified', 'Bad deploy', by(bob, 5)));
    expect(a).toMatchObject({ status: 'identified', lastUpdateAt: at(5).toISOString(), mitigatedAt: undefined });
    expect(a.timeline[1]).toMatchObject({ id: 'T2', kind: 'status', status: 'identified', text: 'Bad deploy', by: bob, at: at(5).toISOString() });
    const b = deepFreeze(t.updateStatus(a, 'monitoring', 'Rolled back', by(bob, 20)));
    expect(b).toMatchObject({ status: 'monitoring', mitigatedAt: at(20).toISOString() });
    const c = t.updateStatus(b, 'monitoring', 'Still fine', by(bob, 30));
    expect(c.mitigatedAt).toBe(at(20).toISOString());
    expect(c.lastUpdateAt).toBe(at(30).toISOString());
  });

  it('moving back from monitoring clears the mitigation (it did not hold)', () => {
    const m = deepFreeze(t.updateStatus(fresh(), 'monitoring', 'Looks fixed', by(bob, 10)));
    const back = t.updateStatus(m, 'investigating', 'Errors are back', by(bob, 15));
    expect(back).toMatchObject({ status: 'investigating', mitigatedAt: undefined });
  });

  it('a same-status update is an update (text, time) and resets the reminder clock', () => {
    const u = t.updateStatus(fresh(), 'investigating', 'Still looking', by(alice, 25));
    expect(u.lastUpdateAt).toBe(at(25).toISOString());
    expect(u.timeline).toHaveLength(2);
  });

  it('refuses: resolved incidents, empty and over-long text, unknown statuses, "resolved"', () => {
    const done = deepFreeze(t.resolve(fresh(), undefined, by(alice, 60)));
    expect(refusal(() => t.updateStatus(done, 'identified', 'x', by(alice, 65)))).toBe('INC-7 was resolved 5m ago; it takes no more status updates. Notes still go on its timeline: `incident note INC-7 <text…>`.');
    expect(refusal(() => t.updateStatus(fresh(), 'identified', '  ', by(alice, 1)))).toBe('Say what changed: `incident update INC-7 identified <text…>`.');
    expect(refusal(() => t.updateStatus(fresh(), 'identified', 'z'.repeat(3001), by(alice, 1)))).toBe('The update is 3,001 characters long; the limit is 3,000.');
    expect(refusal(() => t.parseOpenStatus('fixed', 'INC-7'))).toBe('Unknown status "fixed". Use investigating, identified, monitoring (or `incident resolve`).');
    expect(refusal(() => t.parseOpenStatus('resolved', 'INC-7'))).toBe('To resolve INC-7, use `incident resolve INC-7 [summary…]`.');
    expect(t.parseOpenStatus(' Identified ', 'INC-7')).toBe('identified');
  });
});

describe('severity', () => {
  it('changes severity and keeps the history', () => {
    const s = t.changeSeverity(fresh(), 'sev1', by(bob, 3));
    expect(s.severity).toBe('sev1');
    expect(s.severityHistory.map((h) => h.severity)).toEqual(['sev2', 'sev1']);
    expect(s.timeline[1]).toMatchObject({ kind: 'severity', severity: 'sev1', from: 'sev2', text: 'Severity sev2 → sev1', by: bob });
    expect(s.lastUpdateAt).toBe(T0.toISOString());
  });

  it('refuses the same severity and a resolved incident', () => {
    expect(refusal(() => t.changeSeverity(fresh(), 'sev2', by(bob, 3)))).toBe('INC-7 is already sev2.');
    const done = deepFreeze(t.resolve(fresh(), 'ok', by(alice, 60)));
    expect(refusal(() => t.changeSeverity(done, 'sev1', by(alice, 120)))).toBe('INC-7 was resolved 1h 00m ago; its severity can no longer change.');
  });
});

describe('roles', () => {
  it('assigns and replaces a role; the person becomes a member', () => {
    const a = deepFreeze(t.assignRole(fresh(), 'commander', { id: 'bob', name: 'Bob Okafor' }, by(alice, 2)));
    expect(a.roles.commander).toBe('bob');
    expect(a.members).toEqual(['alice', 'bob']);
    expect(a.timeline[1]).toMatchObject({ kind: 'role', role: 'commander', person: 'bob', text: 'Bob Okafor is commander' });
    const b = t.assignRole(a, 'commander', { id: 'carol', name: 'Carol Nguyen' }, by(alice, 3));
    expect(b.roles.commander).toBe('carol');
    expect(t.assignRole(a, 'scribe', { id: 'bob', name: 'Bob Okafor' }, by(alice, 3)).members).toEqual(['alice', 'bob']);
  });

  it('refuses the same holder, a resolved incident, and unknown roles', () => {
    const a = deepFreeze(t.assignRole(fresh(), 'commander', { id: 'bob', name: 'Bob Okafor' }, by(alice, 2)));
    expect(refusal(() => t.assignRole(a, 'commander', { id: 'bob', name: 'Bob Okafor' }, by(alice, 3)))).toBe('Bob Okafor is already the commander of INC-7.');
    const done = deepFreeze(t.resolve(fresh(), undefined, by(alice, 30)));
    expect(refusal(() => t.assignRole(done, 'scribe', { id: 'bob', name: 'Bob' }, by(alice, 31)))).toBe('INC-7 was resolved 1m ago; its roles can no longer change.');
    expect(refusal(() => t.parseRole('boss'))).toBe('Unknown role "boss". Roles: commander, comms, scribe.');
    expect(t.parseRole('Comms')).toBe('comms');
  });
});

describe('notes and pins', () => {
  it('adds notes, also after resolution', () => {
    const n = t.addNote(fresh(), 'Support told', by(bob, 4));
    expect(n.timeline[1]).toMatchObject({ kind: 'note', text: 'Support told', by: bob, at: at(4).toISOString() });
    const done = deepFreeze(t.resolve(fresh(), undefined, by(alice, 30)));
    expect(t.addNote(done, 'Follow-up ticket OPS-12', by(alice, 90)).timeline).toHaveLength(3);
  });

  it('refuses empty and over-long notes', () => {
    expect(refusal(() => t.addNote(fresh(), ' ', by(bob, 1)))).toBe('The note is empty: `incident note INC-7 <text…>`.');
    expect(refusal(() => t.addNote(fresh(), 'n'.repeat(3500), by(bob, 1)))).toBe('The note is 3,500 characters long; the limit is 3,000.');
  });

  it('pins a message at its own time and author, once', () => {
    const msg: t.PinnedMessage = { key: 'slack:C1:1700.1', text: 'db-1 is out of disk', author: { name: 'Carol Nguyen', userId: 'U01CAROL01', personId: 'carol' }, at: at(-3) };
    const p = deepFreeze(t.pinMessage(fresh(), msg, by(bob, 10)));
    expect(p.timeline[1]).toMatchObject({ kind: 'pinned', at: at(-3).toISOString(), text: 'db-1 is out of disk', author: { name: 'Carol Nguyen', personId: 'carol' }, by: bob, ref: 'slack:C1:1700.1' });
    expect(t.timelineInOrder(p).map((e) => e.kind)).toEqual(['pinned', 'declared']);
    expect(refusal(() => t.pinMessage(p, msg, by(alice, 11)))).toBe("That message is already on INC-7's timeline.");
    expect(refusal(() => t.pinMessage(fresh(), { ...msg, key: 'k2', text: '  ' }, by(alice, 11)))).toBe('That message has no text to put on the timeline.');
    const long = t.pinMessage(fresh(), { ...msg, key: 'k3', text: 'w'.repeat(5000) }, by(alice, 11));
    expect(long.timeline[1].text).toHaveLength(3000);
    expect(long.timeline[1].text.endsWith('…')).toBe(true);
  });
});

describe('page acknowledgements', () => {
  it('records the first acknowledgement as time to acknowledge, once per page', () => {
    const a = deepFreeze(t.acknowledgePage(fresh(), { id: 'PAGE-3', at: at(4), by: bob }));
    expect(a.acknowledgedAt).toBe(at(4).toISOString());
    expect(a.timeline[1]).toMatchObject({ kind: 'acknowledged', text: 'PAGE-3 acknowledged by Bob Okafor', ref: 'page:PAGE-3' });
    expect(t.acknowledgePage(a, { id: 'PAGE-3', at: at(9) })).toBe(a);
    const b = t.acknowledgePage(a, { id: 'PAGE-4', at: at(9) });
    expect(b.acknowledgedAt).toBe(at(4).toISOString());
    expect(b.timeline[2].text).toBe('PAGE-4 acknowledged');
  });

  it('without a page, the first status update or commander counts as acknowledged', () => {
    expect(t.acknowledgedAt(fresh())).toBeUndefined();
    const withCommander = deepFreeze(t.assignRole(fresh(), 'commander', { id: 'bob', name: 'Bob' }, by(alice, 6)));
    expect(t.acknowledgedAt(withCommander)).toBe(at(6).toISOString());
    const paged = t.acknowledgePage(withCommander, { id: 'PAGE-1', at: at(8) });
    expect(t.acknowledgedAt(paged)).toBe(at(8).toISOString());
  });
});

describe('resolve', () => {
  it('resolves with a summary; mitigation defaults to the resolution time', () => {
    const r = t.resolve(fresh(), '  Rolled back ', by(bob, 45));
    expect(r).toMatchObject({ status: 'resolved', resolvedAt: at(45).toISOString(), mitigatedAt: at(45).toISOString(), summary: 'Rolled back', lastUpdateAt: at(45).toISOString() });
    expect(r.timeline[1]).toMatchObject({ kind: 'resolved', text: 'Rolled back', status: 'resolved', by: bob });
    const m = deepFreeze(t.updateStatus(fresh(), 'monitoring', 'fix out', by(bob, 20)));
    expect(t.resolve(m, undefined, by(bob, 50))).toMatchObject({ mitigatedAt: at(20).toISOString(), summary: undefined });
  });

  it('refuses resolving twice, naming when and who', () => {
    const r = deepFreeze(t.resolve(fresh(), undefined, by(bob, 45)));
    expect(refusal(() => t.resolve(r, 'again', by(alice, 50)))).toBe('INC-7 is already resolved (5m ago by Bob Okafor).');
    expect(refusal(() => t.resolve(fresh(), 's'.repeat(3001), by(alice, 50)))).toBe('The summary is 3,001 characters long; the limit is 3,000.');
  });
});
