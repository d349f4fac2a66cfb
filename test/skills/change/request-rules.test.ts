import { describe, expect, it } from 'vitest';
import { freezeWindows, freezesAt, freezesOverlapping } from '../../../src/skills/change/freeze.js';
import { buildRequest, type RequestInput } from '../../../src/skills/change/request-rules.js';
import { cfg, config, freezes, hours, makeChange, NOW, on, openIncident, requestCtx } from './fixtures.js';

const base: RequestInput = { title: 'Upgrade Postgres', risk: 'medium', start: hours(2), end: hours(4), serviceId: 'api' };
const build = (input: Partial<RequestInput>, ctx = requestCtx()) => buildRequest({ ...base, ...input }, ctx);

describe('bad input gets a clear answer', () => {
  it('a window that ends before it starts', () => {
    expect(() => build({ start: hours(4), end: hours(2) })).toThrow(/The window ends \(.+\) before it starts \(.+\): end: must be after start:/);
    expect(() => build({ start: hours(2), end: hours(2) })).toThrow(/before it starts/);
  });

  it('an unknown service, listing the known ones', () => {
    expect(() => build({ serviceId: 'databse' })).toThrow('Unknown service "databse". Services: api, web, payments, backups.');
  });

  it('a window in the past, or starting in the past', () => {
    expect(() => build({ start: hours(-4), end: hours(-2) })).toThrow(/That window is in the past: it ended .* \(now is .*\)/);
    expect(() => build({ start: hours(-1), end: hours(1) })).toThrow(/The window starts in the past/);
    // A few seconds late (a typed `start:now`) is fine.
    expect(build({ start: new Date(NOW.getTime() - 2000), end: hours(1) }).change.state).toBe('pending');
  });

  it('missing title or risk', () => {
    expect(() => build({ title: '  ' })).toThrow(/Missing <title/);
    expect(() => build({ risk: undefined })).toThrow(/Missing risk:/);
  });

  it('a quorum nobody but the requester could reach', () => {
    const tiny = { ...cfg, approver_groups: [{ id: 'ops', name: 'Ops', members: ['alice'] }], approvals: undefined };
    expect(() => build({}, requestCtx({ cfg: tiny, by: on('slack', 'alice') }))).toThrow(/needs 1 approval\(s\) from Ops \(alice\), but only 0 of them can approve a change you requested/);
  });
});

describe('a normal request', () => {
  it('is pending with the quorum of its risk, and remembers who asked on which platform', () => {
    const { change, warnings } = build({ risk: 'high', rollback: 'restore snapshot' }, requestCtx({ by: on('discord', 'erin', '310000000000000005') }));
    expect(change).toMatchObject({ state: 'pending', type: 'normal', approverGroup: 'cab', approvalsNeeded: 2, serviceId: 'api', rollback: 'restore snapshot' });
    expect(change.requestedBy).toMatchObject({ platform: 'discord', personId: 'erin' });
    expect(change.history).toMatchObject([{ action: 'requested' }]);
    expect(warnings).toEqual([]);
  });

  it('warns about overlapping open changes on the same service, not others', () => {
    const a = makeChange({ serviceId: 'api', start: hours(3), end: hours(5) });
    const onWeb = makeChange({ serviceId: 'web', start: hours(3), end: hours(5) });
    const done = { ...makeChange({ serviceId: 'api', start: hours(3), end: hours(5) }), state: 'cancelled' as const };
    const { change, warnings } = build({}, requestCtx({ others: [a, onWeb, done] }));
    expect(change.overlaps).toEqual([a.id]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^Overlaps ${a.id} on api \\(Upgrade Postgres, .*pending\\)\\.$`));
  });

  it('warns when a high-risk change has no rollback plan', () => {
    expect(build({ risk: 'high' }).warnings).toEqual([expect.stringMatching(/without a rollback plan/)]);
  });
});

describe('freeze windows', () => {
  it('are read as local times in their own zone', () => {
    const [f] = freezes;
    expect(f.start.toISOString()).toBe('2026-12-18T17:00:00.000Z'); // 18:00 in Berlin (CET, UTC+1)
    expect(f.end.toISOString()).toBe('2027-01-04T07:00:00.000Z');
    const ny = freezeWindows([{ id: 'x', name: 'X', start: '2026-07-01T09:00', end: '2026-07-01T17:00', timezone: 'America/New_York' }], 'UTC');
    expect(ny[0].start.toISOString()).toBe('2026-07-01T13:00:00.000Z'); // EDT, UTC-4
    expect(freezesAt(freezes, new Date('2026-12-25T12:00:00Z')).map((x) => x.id)).toEqual(['year-end']);
    expect(freezesAt(freezes, new Date('2027-01-04T07:00:00Z'))).toEqual([]);
  });

  it('block a normal change inside them, naming the window', () => {
    const ctx = requestCtx({ now: new Date('2026-12-01T09:00:00Z') });
    expect(() => build({ start: new Date('2026-12-18T16:30:00Z'), end: new Date('2026-12-18T17:30:00Z') }, ctx)).toThrow(
      /runs into the freeze window "Year-end freeze" \(Fri 18 Dec 18:00 .* – Mon 4 Jan 08:00 .*, Europe\/Berlin\): normal changes are blocked then/,
    );
    // Ending exactly when the freeze starts is outside it.
    expect(build({ start: new Date('2026-12-18T15:00:00Z'), end: new Date('2026-12-18T17:00:00Z') }, ctx).change.state).toBe('pending');
  });

  it('scoped to services only block those services', () => {
    const scoped = freezeWindows([{ id: 'pay', name: 'Payments freeze', start: '2026-11-21T00:00', end: '2026-11-30T00:00', services: ['payments'] }], config.timezone);
    expect(freezesOverlapping(scoped, hours(2), hours(4), 'payments')).toHaveLength(1);
    expect(freezesOverlapping(scoped, hours(2), hours(4), 'api')).toHaveLength(0);
    expect(freezesOverlapping(scoped, hours(2), hours(4), undefined)).toHaveLength(0);
    expect(() => build({ serviceId: 'payments' }, requestCtx({ freezes: scoped }))).toThrow(/"Payments freeze"/);
  });

  it('do not block emergency or standard changes', () => {
    const ctx = requestCtx({ now: new Date('2026-12-20T09:00:00Z'), incident: openIncident });
    const inFreeze = { start: new Date('2026-12-20T09:00:00Z'), end: new Date('2026-12-20T10:00:00Z') };
    expect(build({ ...inFreeze, type: 'emergency', incidentId: 'INC-7' }, ctx).change.state).toBe('approved');
    expect(build({ ...inFreeze, type: 'standard', templateId: 'cert-rotation', risk: undefined, serviceId: undefined, title: undefined }, ctx).change.state).toBe('approved');
  });
});

describe('emergency changes', () => {
  const emergency = { type: 'emergency' as const, start: NOW, end: hours(1) };

  it('need a linked incident', () => {
    expect(() => build(emergency)).toThrow('An emergency change needs a linked open incident: add incident:INC-<n> (declare one with `incident declare`).');
  });

  it('need that incident to exist and be open', () => {
    expect(() => build({ ...emergency, incidentId: 'INC-9' }, requestCtx({ incident: undefined }))).toThrow('There is no incident INC-9.');
    expect(() => build({ ...emergency, incidentId: 'INC-7' }, requestCtx({ incident: { ...openIncident, status: 'resolved' } }))).toThrow(/INC-7 is resolved; an emergency change needs an open incident/);
    expect(() => build({ ...emergency, incidentId: 'INC-7' }, requestCtx({ incident: 'unavailable' }))).toThrow(/Incidents are not available/);
  });

  it('with an open incident are approved at once, may have started already, and await their review', () => {
    const { change } = build({ ...emergency, start: hours(-0.5), incidentId: 'INC-7' }, requestCtx({ incident: openIncident }));
    expect(change).toMatchObject({ state: 'approved', type: 'emergency', incidentId: 'INC-7', approverGroup: 'cab', approvalsNeeded: 1, review: { state: 'pending' } });
    expect(change.history.map((h) => h.action)).toEqual(['requested', 'approved']);
  });
});

describe('standard changes', () => {
  const std = { type: 'standard' as const, title: undefined, risk: undefined, serviceId: undefined };

  it('come from a config template and are approved at once', () => {
    const { change } = build({ ...std, templateId: 'cert-rotation' });
    expect(change).toMatchObject({ state: 'approved', title: 'Rotate TLS certificates', risk: 'low', serviceId: 'web', templateId: 'cert-rotation', approvalsNeeded: 0, rollback: 'Re-deploy the previous certificate bundle' });
    // template: alone implies a standard change
    expect(build({ ...std, type: undefined, templateId: 'cert-rotation' }).change.type).toBe('standard');
  });

  it('refuse a missing or unknown template, and a template on another type', () => {
    expect(() => build(std)).toThrow('A standard change follows a pre-approved template: add template:<id> (templates: cert-rotation).');
    expect(() => build({ ...std, templateId: 'nope' })).toThrow('There is no standard change template "nope" (templates: cert-rotation).');
    expect(() => build({ type: 'normal', templateId: 'cert-rotation' })).toThrow(/only for standard changes/);
  });

  it('keep the risk and service of their template', () => {
    expect(() => build({ ...std, templateId: 'cert-rotation', risk: 'high' })).toThrow(/low-risk standard change/);
    expect(() => build({ ...std, templateId: 'cert-rotation', serviceId: 'api' })).toThrow(/for service web, not api/);
  });
});
