// Response SLAs, pure: clocks from declaration, met / breached / pending, what the card says,
// a breach recorded once, a severity change, and the figures the briefing reads.
import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../src/core/queries.js';
import type { ActorRef } from '../../../src/core/types.js';
import type { Incident } from '../../../src/skills/incident/model.js';
import { postmortemMarkdown } from '../../../src/skills/incident/postmortem.js';
import { severityTable } from '../../../src/skills/incident/severities.js';
import { recordBreach, slaClocks, slaOutcome, slaStatusText, slaSummaryLine, slaTargets, slaView } from '../../../src/skills/incident/sla.js';
import * as t from '../../../src/skills/incident/transitions.js';
import { slaConfig } from './sla-helpers.js';

const bob: ActorRef = { platform: 'slack', userId: 'U01BOB0001', personId: 'bob', name: 'Bob Okafor' };
const T0 = new Date('2026-11-21T09:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const hhmm = (iso: string) => iso.slice(11, 16);
const config = slaConfig();

function declared(severity: 'sev1' | 'sev2' | 'sev4' = 'sev1'): Incident {
  const inc = t.declare({ id: 'INC-3', title: 'Database down', severity, serviceId: 'api', teamId: 'platform', private: false, channelName: 'inc-3', members: ['bob'], accounts: [], by: bob, now: T0 });
  const sla = slaClocks(inc.declaredAt, slaTargets(config, severity));
  return sla ? { ...inc, sla } : inc;
}

describe('response SLA clocks', () => {
  it('run from declaration with the severity’s targets; a severity without any has none', () => {
    expect(declared().sla).toEqual({ ack: { dueAt: '2026-11-21T09:05:00.000Z' }, resolve: { dueAt: '2026-11-21T13:00:00.000Z' } });
    expect(declared('sev4').sla).toBeUndefined();
    expect(slaView(declared('sev4'), T0)).toBeUndefined();
  });

  it('are pending while they run, met by an acknowledgement in time, breached when it comes late or never', () => {
    const inc = declared();
    expect(slaOutcome(inc, 'ack', at(4))).toBe('pending');
    expect(slaOutcome(inc, 'ack', at(5))).toBe('breached');
    expect(slaOutcome(t.updateStatus(inc, 'investigating', 'looking', { by: bob, now: at(3) }), 'ack', at(60))).toBe('met');
    expect(slaOutcome(t.assignRole(inc, 'commander', { id: 'bob', name: 'Bob' }, { by: bob, now: at(4) }), 'ack', at(60))).toBe('met');
    expect(slaOutcome(t.acknowledgePage(inc, { id: 'PAGE-1', at: at(2) }), 'ack', at(60))).toBe('met');
    expect(slaOutcome(t.updateStatus(inc, 'identified', 'found it', { by: bob, now: at(7) }), 'ack', at(7))).toBe('breached');
    const resolved = t.resolve(t.updateStatus(inc, 'identified', 'x', { by: bob, now: at(1) }), 'fixed', { by: bob, now: at(200) });
    expect(slaView(resolved, at(300))).toEqual({ ackDueAt: '2026-11-21T09:05:00.000Z', ack: 'met', resolveDueAt: '2026-11-21T13:00:00.000Z', resolve: 'met' });
  });

  it('the card shows the time left, met, or breached how long ago', () => {
    const inc = declared();
    expect(slaStatusText(inc, 'ack', at(2), hhmm)).toBe('⏱ 3m left (by 09:05)');
    expect(slaStatusText(inc, 'resolve', at(2), hhmm)).toBe('⏱ 3h 58m left (by 13:00)');
    expect(slaStatusText(inc, 'ack', at(5), hhmm)).toBe('❌ breached just now (due 09:05)');
    expect(slaStatusText(inc, 'ack', at(17), hhmm)).toBe('❌ breached 12m ago (due 09:05)');
    expect(slaStatusText(t.updateStatus(inc, 'identified', 'x', { by: bob, now: at(2) }), 'ack', at(30), hhmm)).toBe('✅ met in 2m');
    expect(slaStatusText(t.updateStatus(inc, 'identified', 'x', { by: bob, now: at(7) }), 'ack', at(30), hhmm)).toBe('❌ breached: acknowledged after 7m, due by 09:05');
    expect(slaStatusText(declared('sev4'), 'ack', at(2), hhmm)).toBeUndefined();
  });

  it('a breach is recorded once, at the moment it happened, with a timeline entry', () => {
    const inc = declared();
    expect(recordBreach(inc, 'ack', at(4))).toBe(inc);
    const breached = recordBreach(inc, 'ack', at(9));
    expect(breached.sla?.ack).toEqual({ dueAt: '2026-11-21T09:05:00.000Z', breachedAt: '2026-11-21T09:05:00.000Z' });
    expect(breached.timeline.at(-1)).toMatchObject({ kind: 'sla', at: '2026-11-21T09:05:00.000Z', text: 'Acknowledge SLA breached: not acknowledged within 5m (sev1)', ref: 'sla:ack' });
    expect(recordBreach(breached, 'ack', at(20))).toBe(breached);
    // Met in time: nothing to record.
    const met = t.updateStatus(inc, 'identified', 'x', { by: bob, now: at(1) });
    expect(recordBreach(met, 'ack', at(20))).toBe(met);
  });

  it('a severity change moves the clocks to the new targets, still from declaration, and keeps a breach', () => {
    const sev2 = declared('sev2');
    expect(sev2.sla?.ack?.dueAt).toBe('2026-11-21T09:15:00.000Z');
    const breached = recordBreach(sev2, 'ack', at(16));
    const sev1 = { ...t.changeSeverity(breached, 'sev1', { by: bob, now: at(20) }), sla: slaClocks(breached.declaredAt, slaTargets(config, 'sev1'), breached.sla) };
    expect(sev1.sla).toEqual({ ack: { dueAt: '2026-11-21T09:05:00.000Z', breachedAt: '2026-11-21T09:15:00.000Z' }, resolve: { dueAt: '2026-11-21T13:00:00.000Z' } });
    // Raised after the new due time: the breach counts from the change, not before it.
    const late = { ...t.changeSeverity(sev2, 'sev1', { by: bob, now: at(10) }), sla: slaClocks(sev2.declaredAt, slaTargets(config, 'sev1'), sev2.sla) };
    expect(recordBreach(late, 'ack', at(10)).timeline.at(-1)).toMatchObject({ kind: 'sla', at: '2026-11-21T09:10:00.000Z' });
    expect(slaClocks(sev2.declaredAt, slaTargets(config, 'sev4'), breached.sla)).toEqual({ ack: { dueAt: '2026-11-21T09:15:00.000Z', breachedAt: '2026-11-21T09:15:00.000Z' } });
  });

  it('the postmortem says met or breached for each clock', () => {
    let inc = declared();
    inc = t.updateStatus(inc, 'identified', 'found it', { by: bob, now: at(3) });
    inc = recordBreach(inc, 'resolve', at(250));
    inc = t.resolve(inc, 'fixed', { by: bob, now: at(260) });
    const md = postmortemMarkdown(inc, { severities: severityTable(config), serviceName: (id) => id, name: (id) => id, zone: 'Europe/Berlin', now: at(300) });
    expect(md).toContain(
      [
        '## Response SLA',
        '',
        '| target | within | due | done | result |',
        '|---|---|---|---|---|',
        '| Time to acknowledge | 5m | 2026-11-21 10:05 GMT+1 | 2026-11-21 10:03 GMT+1 (3m) | ✅ met |',
        '| Time to resolve | 4h 00m | 2026-11-21 14:00 GMT+1 | 2026-11-21 14:20 GMT+1 (4h 20m) | ❌ breached |',
      ].join('\n'),
    );
    expect(md).toContain('| 2026-11-21 14:00 GMT+1 | Switchboard | ⏰ Resolve SLA breached: not resolved within 4h 00m (sev1) |');
    const none = postmortemMarkdown(declared('sev4'), { severities: severityTable(config), serviceName: (id) => id, name: (id) => id, zone: 'UTC', now: at(5) });
    expect(none).toContain('## Response SLA\n\n_No response SLA is configured for sev4._');
  });

  it('sums met and breached for the briefing', () => {
    const v = (sla: IncidentView['sla']): IncidentView => ({ id: 'INC-1', title: 'x', severity: 'sev1', status: 'resolved', private: false, declaredAt: T0.toISOString(), channels: [], members: [], sla });
    const views = [v({ ack: 'met', resolve: 'met' }), v({ ack: 'breached', resolve: 'met' }), v({ ack: 'met', resolve: 'breached' }), v(undefined), v({ ack: 'met', resolve: 'pending' })];
    expect(slaSummaryLine(views)).toBe('Response SLAs: acknowledge 3 met, 1 breached · resolve 2 met, 1 breached, 1 running');
    expect(slaSummaryLine([v(undefined)])).toBeUndefined();
  });
});
