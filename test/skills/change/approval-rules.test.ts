import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { approve, reject } from '../../../src/skills/change/approval-rules.js';
import { eligibleApprovers, policyOf, quorumFor } from '../../../src/skills/change/policy.js';
import { cfg, decisionCtx, hours, makeChange, NOW, on, openIncident } from './fixtures.js';

describe('quorum per risk', () => {
  it('reads the group and count of each risk from config.changes.approvals', () => {
    expect(quorumFor(cfg, 'low', 'normal')).toEqual({ group: 'ops', count: 1 });
    expect(quorumFor(cfg, 'medium', 'normal')).toEqual({ group: 'ops', count: 1 });
    expect(quorumFor(cfg, 'high', 'normal')).toEqual({ group: 'cab', count: 2 });
    expect(quorumFor(cfg, 'high', 'emergency')).toEqual({ group: 'cab', count: 1 });
    expect(quorumFor(cfg, 'low', 'standard')).toEqual({ group: 'ops', count: 0 });
  });

  it('falls back to the first group (1, or 2 for high) without approvals, and refuses without any group', () => {
    const bare = { ...cfg, approvals: undefined };
    expect(quorumFor(bare, 'medium', 'normal')).toEqual({ group: 'ops', count: 1 });
    expect(quorumFor(bare, 'high', 'normal')).toEqual({ group: 'ops', count: 2 });
    expect(() => quorumFor({ ...bare, approver_groups: [] }, 'low', 'normal')).toThrow(/not set up/);
  });

  it('a medium change is approved by one ops member', () => {
    const c = makeChange({ risk: 'medium' });
    const d = approve(c, on('slack', 'bob', 'U01BOB0001'), decisionCtx(c));
    expect(d.effect).toBe('approved');
    expect(d.change.state).toBe('approved');
    expect(d.change.approvals.map((a) => a.personId)).toEqual(['bob']);
  });

  it('a high change needs two CAB members: the first counts, the second approves', () => {
    const c = makeChange({ risk: 'high' });
    expect(c.approvalsNeeded).toBe(2);
    const first = approve(c, on('slack', 'dave', 'U01DAVE001'), decisionCtx(c), 'ok from db side');
    expect(first.effect).toBe('counted');
    expect(first.change.state).toBe('pending');
    const second = approve(first.change, on('discord', 'alice', '310000000000000001'), decisionCtx(c));
    expect(second.effect).toBe('approved');
    expect(second.change.state).toBe('approved');
    expect(second.change.approvals).toMatchObject([{ personId: 'dave', comment: 'ok from db side', by: { platform: 'slack' } }, { personId: 'alice', by: { platform: 'discord' } }]);
    expect(second.change.history.map((h) => h.action)).toEqual(['requested', 'approval', 'approval', 'approved']);
  });
});

describe('who may approve', () => {
  it('refuses the requester, also from another platform account of the same person', () => {
    const c = makeChange({ risk: 'high' }, { by: on('slack', 'alice', 'U01ALICE01') });
    expect(() => approve(c, on('slack', 'alice', 'U01ALICE01'), decisionCtx(c))).toThrow(/You requested CHG-\d+: a change is never approved by its own requester/);
    expect(() => approve(c, on('discord', 'alice', '310000000000000001'), decisionCtx(c))).toThrow(/never approved by its own requester/);
    expect(() => approve(c, on('console', 'alice'), decisionCtx(c))).toThrow(UserError);
    // …and the refusal names who can approve instead.
    expect(() => approve(c, on('discord', 'alice', '310000000000000001'), decisionCtx(c))).toThrow(/@dave, @frank/);
  });

  it('refuses people outside the approver group of the change risk', () => {
    const c = makeChange({ risk: 'high' });
    // bob is in ops (low/medium) but not in the CAB that approves high-risk changes.
    expect(() => approve(c, on('discord', 'bob', '310000000000000002'), decisionCtx(c))).toThrow(/Only members of Change Advisory Board \(@alice, @dave, @frank\) can approve/);
    expect(() => approve(c, on('slack', 'carol', 'U01CAROL01'), decisionCtx(c))).toThrow(/Only members/);
  });

  it('refuses an account that is not linked to a person in the config', () => {
    const c = makeChange({ risk: 'low' });
    expect(() => approve(c, on('slack', undefined, 'U0STRANGER'), decisionCtx(c))).toThrow(/not linked to a person in the config/);
  });

  it('ignores a second approval by the same person, from any platform', () => {
    const c = makeChange({ risk: 'high' });
    const once = approve(c, on('slack', 'dave', 'U01DAVE001'), decisionCtx(c));
    const twice = approve(once.change, on('teams', 'dave', '29:1dave-northwind'), decisionCtx(c));
    expect(twice.effect).toBe('duplicate');
    expect(twice.change).toBe(once.change);
    expect(twice.change.state).toBe('pending');
    expect(twice.change.approvals).toHaveLength(1);
  });

  it('an approval after the quorum is not needed and changes nothing', () => {
    const c = makeChange({ risk: 'low' });
    const done = approve(c, on('slack', 'bob'), decisionCtx(c));
    const extra = approve(done.change, on('slack', 'dave'), decisionCtx(c));
    expect(extra.effect).toBe('not_needed');
    expect(extra.change).toBe(done.change);
  });

  it('eligible approvers leave out the requester', () => {
    expect(eligibleApprovers(policyOf(cfg, 'cab', 2), 'alice')).toEqual(['dave', 'frank']);
    expect(eligibleApprovers(policyOf(cfg, 'cab', 2), undefined)).toEqual(['alice', 'dave', 'frank']);
  });
});

describe('rejection', () => {
  it('the first rejection rejects, with its reason; nothing can be approved after', () => {
    const c = makeChange({ risk: 'high' });
    const counted = approve(c, on('slack', 'dave'), decisionCtx(c)).change;
    const r = reject(counted, on('discord', 'alice', '310000000000000001'), decisionCtx(c), 'no rollback tested');
    expect(r.effect).toBe('rejected');
    expect(r.change.state).toBe('rejected');
    expect(r.change.rejection).toMatchObject({ personId: 'alice', reason: 'no rollback tested' });
    expect(() => approve(r.change, on('slack', 'frank'), decisionCtx(c))).toThrow(/was rejected by @alice \(no rollback tested\); it cannot be approved now/);
  });

  it('needs a reason, an approver, and not the requester', () => {
    const c = makeChange({ risk: 'low' }, { by: on('slack', 'bob') });
    expect(() => reject(c, on('slack', 'dave'), decisionCtx(c), '  ')).toThrow(/Missing <reason/);
    expect(() => reject(c, on('slack', 'carol'), decisionCtx(c), 'no')).toThrow(/Only members of Operations/);
    expect(() => reject(c, on('discord', 'bob', '310000000000000002'), decisionCtx(c), 'changed my mind')).toThrow(/change cancel CHG-/);
  });

  it('an approved change cannot be rejected any more', () => {
    const c = makeChange({ risk: 'low' });
    const ok = approve(c, on('slack', 'bob'), decisionCtx(c)).change;
    expect(() => reject(ok, on('slack', 'dave'), decisionCtx(c), 'late veto')).toThrow(/already approved/);
  });
});

describe('freeze windows and lapse at decision time', () => {
  it('refuses to approve a normal change whose window runs into a freeze (named)', () => {
    const c = makeChange({ risk: 'low' });
    const moved = { ...c, start: '2026-12-18T16:00:00Z', end: '2026-12-18T18:00:00Z' }; // 17:00–19:00 Berlin
    expect(() => approve(moved, on('slack', 'bob'), decisionCtx(moved))).toThrow(/freeze window "Year-end freeze"/);
  });

  it('refuses approvals once the window has ended (they lapse with it)', () => {
    const c = makeChange({ risk: 'low' });
    expect(() => approve(c, on('slack', 'bob'), decisionCtx(c, hours(5)))).toThrow(/window ended .*approvals lapse/);
  });
});

describe('emergency changes are approved at once and reviewed after', () => {
  const emergency = () => makeChange({ type: 'emergency', risk: 'high', incidentId: 'INC-7', start: NOW, end: hours(1) }, { incident: openIncident });

  it('approvals on an emergency change are its review; the quorum accepts it', () => {
    const c = emergency();
    expect(c.state).toBe('approved');
    expect(c.review).toEqual({ state: 'pending' });
    const d = approve(c, on('slack', 'frank'), decisionCtx(c));
    expect(d.effect).toBe('review_accepted');
    expect(d.change.review?.state).toBe('accepted');
    expect(d.change.state).toBe('approved');
  });

  it('a rejection flags the review without undoing the change; the requester cannot review', () => {
    const c = emergency();
    expect(() => approve(c, on('discord', 'erin', '310000000000000005'), decisionCtx(c))).toThrow(/never approved by its own requester/);
    const d = reject(c, on('slack', 'dave'), decisionCtx(c), 'should have paged the DBA');
    expect(d.effect).toBe('review_flagged');
    expect(d.change.state).toBe('approved');
    expect(d.change.review).toMatchObject({ state: 'flagged', flag: { personId: 'dave', reason: 'should have paged the DBA' } });
  });
});
