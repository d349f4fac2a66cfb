import { describe, expect, it } from 'vitest';
import type { ComponentState, MonitorState } from '../../../src/skills/status/model.js';
import {
  applyHold,
  decidingHold,
  impactForSeverity,
  indicatorDescription,
  maintenanceProblem,
  overallIndicator,
  statusForSeverity,
  worst,
} from '../../../src/skills/status/rules.js';
import { addCheck, newMonitorState, stepMonitor } from '../../../src/skills/status/monitor-rules.js';

const fresh = (): ComponentState => ({ id: 'api', status: 'operational', holds: [], createdAt: 't0', updatedAt: 't0' });

describe('status rules: holds', () => {
  it('shows the worst hold, ranking maintenance below any unplanned trouble', () => {
    expect(worst([])).toBe('operational');
    expect(worst(['under_maintenance', 'degraded_performance'])).toBe('degraded_performance');
    expect(worst(['partial_outage', 'major_outage', 'operational'])).toBe('major_outage');
    let s = applyHold(fresh(), 'maintenance:MNT-1', 'under_maintenance', 't1');
    expect(s.status).toBe('under_maintenance');
    s = applyHold(s, 'monitor:api-health', 'major_outage', 't2', 'HTTP 500');
    expect(s.status).toBe('major_outage');
    expect(decidingHold(s)).toMatchObject({ source: 'monitor:api-health', message: 'HTTP 500' });
  });

  it('a source releases only its own hold: a resolved incident leaves a failing monitor in charge', () => {
    let s = applyHold(fresh(), 'incident:INC-1', 'partial_outage', 't1');
    s = applyHold(s, 'monitor:api-health', 'major_outage', 't2');
    s = applyHold(s, 'incident:INC-1', 'operational', 't3');
    expect(s.status).toBe('major_outage');
    expect(s.holds.map((h) => h.source)).toEqual(['monitor:api-health']);
    s = applyHold(s, 'monitor:api-health', 'operational', 't4');
    expect(s).toMatchObject({ status: 'operational', holds: [], updatedAt: 't4' });
  });

  it('changes nothing when the hold is already so, and keeps updatedAt for the shown status', () => {
    const s = applyHold(fresh(), 'manual', 'degraded_performance', 't1', 'slow');
    expect(applyHold(s, 'manual', 'degraded_performance', 't2', 'slow')).toBe(s);
    expect(applyHold(fresh(), 'manual', 'operational', 't2')).toEqual(fresh());
    const again = applyHold(s, 'incident:INC-2', 'degraded_performance', 't3');
    expect(again.updatedAt).toBe('t1'); // the shown status did not change
    expect(again.holds).toHaveLength(2);
  });
});

describe('status rules: severity, indicator, maintenance', () => {
  it('derives component status and impact from severity; sev4 moves nothing', () => {
    expect(['sev1', 'sev2', 'sev3', 'sev4'].map((s) => statusForSeverity(s as 'sev1'))).toEqual(['major_outage', 'partial_outage', 'degraded_performance', undefined]);
    expect(['sev1', 'sev2', 'sev3', 'sev4'].map((s) => impactForSeverity(s as 'sev1'))).toEqual(['critical', 'major', 'minor', 'none']);
  });

  it('computes the overall indicator from components and open incidents, with Statuspage wording', () => {
    expect(overallIndicator(['operational', 'operational'])).toBe('none');
    expect(overallIndicator(['operational', 'degraded_performance'])).toBe('minor');
    expect(overallIndicator(['partial_outage', 'degraded_performance'])).toBe('major');
    expect(overallIndicator(['major_outage', 'operational'])).toBe('critical');
    expect(overallIndicator(['under_maintenance'])).toBe('none');
    expect(overallIndicator(['operational'], ['major'])).toBe('major');
    expect(indicatorDescription('none', ['operational'])).toBe('All Systems Operational');
    expect(indicatorDescription('none', ['under_maintenance'])).toBe('Service Under Maintenance');
    expect(indicatorDescription('minor', [])).toBe('Minor Service Outage');
    expect(indicatorDescription('major', [])).toBe('Partial System Outage');
    expect(indicatorDescription('critical', [])).toBe('Major Service Outage');
  });

  it('refuses a maintenance window that ends before it starts, ends in the past, or is absurdly long', () => {
    const now = new Date('2026-11-21T09:00:00Z');
    expect(maintenanceProblem(new Date('2026-11-21T12:00:00Z'), new Date('2026-11-21T11:00:00Z'), now)).toMatch(/ends .* before it starts/);
    expect(maintenanceProblem(new Date('2026-11-21T12:00:00Z'), new Date('2026-11-21T12:00:00Z'), now)).toMatch(/before it starts/);
    expect(maintenanceProblem(new Date('2026-11-20T12:00:00Z'), new Date('2026-11-20T13:00:00Z'), now)).toMatch(/in the past/);
    expect(maintenanceProblem(new Date('2026-11-21T12:00:00Z'), new Date('2027-01-21T12:00:00Z'), now)).toMatch(/longer than 30 days/);
    expect(maintenanceProblem(new Date('2026-11-21T08:00:00Z'), new Date('2026-11-21T10:00:00Z'), now)).toBeUndefined();
  });
});

describe('monitor thresholds', () => {
  const t = { failuresBeforeChange: 3, successesBeforeRecovery: 2 };
  const ok = { ok: true, status: 200, ms: 10 };
  const bad = { ok: false, status: 500, ms: 12, error: 'HTTP 500 (expected 200)' };

  it('fails after N consecutive failures and not before; a success in between starts over', () => {
    let s = newMonitorState('m', 'api');
    const run = (r: typeof ok | typeof bad, at: string) => {
      const out = stepMonitor(s, r, t, at);
      s = out.state;
      return out.transition;
    };
    expect(run(bad, 't1')).toBeUndefined();
    expect(run(bad, 't2')).toBeUndefined();
    expect(run(ok, 't3')).toBeUndefined();
    expect(s).toMatchObject({ consecutiveFailures: 0, failing: false });
    expect(run(bad, 't4')).toBeUndefined();
    expect(run(bad, 't5')).toBeUndefined();
    expect(run(bad, 't6')).toBe('failed');
    expect(s).toMatchObject({ failing: true, since: 't4', consecutiveFailures: 3, lastError: 'HTTP 500 (expected 200)' });
    expect(run(bad, 't7')).toBeUndefined(); // already failing: no second transition
  });

  it('recovers after M consecutive successes; a failure in between starts over', () => {
    let s: MonitorState = { ...newMonitorState('m', 'api'), failing: true, since: 't0', consecutiveFailures: 5 };
    const run = (r: typeof ok | typeof bad) => {
      const out = stepMonitor(s, r, t, 'tx');
      s = out.state;
      return out.transition;
    };
    expect(run(ok)).toBeUndefined();
    expect(run(bad)).toBeUndefined();
    expect(run(ok)).toBeUndefined();
    expect(run(ok)).toBe('recovered');
    expect(s).toMatchObject({ failing: false, since: undefined, consecutiveSuccesses: 2 });
  });

  it('adds each check to the day’s compact counters', () => {
    const key = { monitorId: 'm', componentId: 'api', day: '2026-11-21' };
    let c = addCheck(undefined, key, ok, 'operational');
    c = addCheck(c, key, bad, 'operational');
    c = addCheck(c, key, bad, 'major_outage');
    expect(c).toEqual({ id: 'm:2026-11-21', ...key, up: 1, down: 2, totalMs: 34, worst: 'major_outage' });
  });
});
