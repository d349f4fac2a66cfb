// Heartbeat rules, pure: which expected run a report answers, on time / late / failed,
// misses at the deadline (collapsed across a downtime), recovery, and a changed schedule.
import { describe, expect, it } from 'vitest';
import { answeredRun, newHeartbeatState, rebaseHeartbeat, reportHeartbeat, settleHeartbeat, type HeartbeatPlan } from '../../../src/skills/status/heartbeat-rules.js';
import type { HeartbeatState } from '../../../src/skills/status/model.js';

// 03:00 Berlin is 02:00Z in November; a run may report until 03:30 (02:30Z).
const plan: HeartbeatPlan = { cron: '0 3 * * *', timezone: 'Europe/Berlin', graceMs: 30 * 60_000 };
const at = (s: string) => new Date(s);
const created = () => newHeartbeatState('backup', plan, at('2026-11-21T09:00:00Z'));
const report = (s: HeartbeatState, when: string, ok = true, log?: string) => reportHeartbeat(settleHeartbeat(s, plan, at(when)).state, plan, { at: at(when), ok, log });

describe('heartbeat rules', () => {
  it('expects the first run after the job is first seen', () => {
    expect(created()).toMatchObject({ trackedFrom: '2026-11-22T02:00:00.000Z', awaiting: '2026-11-22T02:00:00.000Z', failing: false, runs: [] });
  });

  it('on time: a report before the expected run answers it and moves on to the next', () => {
    const step = report(created(), '2026-11-22T01:48:00Z', true, 'dumped 1.2 GB');
    expect(step.run).toEqual({ at: '2026-11-22T01:48:00.000Z', result: 'ok', expectedAt: '2026-11-22T02:00:00.000Z', log: 'dumped 1.2 GB' });
    expect(step.transition).toBeUndefined();
    expect(step.state).toMatchObject({ awaiting: '2026-11-23T02:00:00.000Z', satisfiedThrough: '2026-11-22T02:00:00.000Z', lastSuccessAt: '2026-11-22T01:48:00.000Z', failing: false });
    // Its deadline is not a miss any more.
    expect(settleHeartbeat(step.state, plan, at('2026-11-22T02:31:00Z')).run).toBeUndefined();
  });

  it('late within grace: answered, no alarm', () => {
    const step = report(created(), '2026-11-22T02:12:00Z');
    expect(step.run).toMatchObject({ result: 'late', expectedAt: '2026-11-22T02:00:00.000Z' });
    expect(step.transition).toBeUndefined();
    expect(step.state.awaiting).toBe('2026-11-23T02:00:00.000Z');
  });

  it('missed: nothing by the end of the grace starts a failure, once', () => {
    const s = created();
    expect(settleHeartbeat(s, plan, at('2026-11-22T02:29:59Z')).state).toBe(s);
    const miss = settleHeartbeat(s, plan, at('2026-11-22T02:30:00Z'));
    expect(miss.run).toEqual({ at: '2026-11-22T02:30:00.000Z', result: 'missed', expectedAt: '2026-11-22T02:00:00.000Z' });
    expect(miss.transition).toBe('down');
    expect(miss.state).toMatchObject({ failing: true, failingSince: '2026-11-22T02:30:00.000Z', awaiting: '2026-11-23T02:00:00.000Z' });
    expect(miss.state.problems).toHaveLength(1);
    const again = settleHeartbeat(miss.state, plan, at('2026-11-22T05:00:00Z'));
    expect(again.state).toBe(miss.state);
    expect(again.transition).toBeUndefined();
  });

  it('a late good run after a miss answers the missed run and ends the failure', () => {
    const missed = settleHeartbeat(created(), plan, at('2026-11-22T02:30:00Z')).state;
    const step = report(missed, '2026-11-22T03:10:00Z');
    expect(step.run).toMatchObject({ result: 'late', expectedAt: '2026-11-22T02:00:00.000Z' });
    expect(step.transition).toBe('up');
    expect(step.state).toMatchObject({ failing: false, awaiting: '2026-11-23T02:00:00.000Z' });
    expect(step.state.failingSince).toBeUndefined();
  });

  it('after a miss, the next day’s on-time run is that day’s, not a very late one', () => {
    const missed = settleHeartbeat(created(), plan, at('2026-11-22T02:30:00Z')).state;
    const step = report(missed, '2026-11-23T01:50:00Z');
    expect(step.run).toMatchObject({ result: 'ok', expectedAt: '2026-11-23T02:00:00.000Z' });
    expect(step.transition).toBe('up');
    expect(step.state.awaiting).toBe('2026-11-24T02:00:00.000Z');
  });

  it('failed with a log line: failing at once; a failed retry alarms no more; a good retry recovers', () => {
    const failed = report(created(), '2026-11-22T01:55:00Z', false, 'pg_dump: connection refused');
    expect(failed.run).toEqual({ at: '2026-11-22T01:55:00.000Z', result: 'failed', expectedAt: '2026-11-22T02:00:00.000Z', log: 'pg_dump: connection refused' });
    expect(failed.transition).toBe('down');
    // The failed run answered the expected run: its deadline is no extra miss.
    expect(failed.state.awaiting).toBe('2026-11-23T02:00:00.000Z');
    expect(settleHeartbeat(failed.state, plan, at('2026-11-22T02:45:00Z')).run).toBeUndefined();
    const retry = report(failed.state, '2026-11-22T02:05:00Z', false, 'still refused');
    expect(retry.run).toMatchObject({ result: 'failed', expectedAt: '2026-11-22T02:00:00.000Z' });
    expect(retry.transition).toBeUndefined();
    const good = report(retry.state, '2026-11-22T02:20:00Z');
    expect(good.run).toMatchObject({ result: 'late', expectedAt: '2026-11-22T02:00:00.000Z' });
    expect(good.transition).toBe('up');
    expect(good.state.problems.map((p) => p.result)).toEqual(['failed', 'failed']);
  });

  it('a downtime across several deadlines is one miss with a count', () => {
    const step = settleHeartbeat(created(), plan, at('2026-11-25T12:00:00Z'));
    expect(step.run).toEqual({ at: '2026-11-25T02:30:00.000Z', result: 'missed', expectedAt: '2026-11-25T02:00:00.000Z', count: 4 });
    expect(step.transition).toBe('down');
    expect(step.state.awaiting).toBe('2026-11-26T02:00:00.000Z');
  });

  it('a report before the first expected run counts for it; a repeat changes nothing more', () => {
    const first = report(created(), '2026-11-21T10:00:00Z');
    expect(first.run).toMatchObject({ result: 'ok', expectedAt: '2026-11-22T02:00:00.000Z' });
    const repeat = report(first.state, '2026-11-22T01:50:00Z');
    expect(repeat.run).toMatchObject({ result: 'ok', expectedAt: '2026-11-22T02:00:00.000Z' });
    expect(repeat.state.awaiting).toBe(first.state.awaiting);
  });

  it('answers the closer of a missed run and the next one', () => {
    const missed = settleHeartbeat(created(), plan, at('2026-11-22T02:30:00Z')).state;
    // 10:00Z is 7.5 h after the deadline and 16 h before the next run: still the missed one.
    expect(answeredRun(missed, plan, at('2026-11-22T10:00:00Z')).expected.toISOString()).toBe('2026-11-22T02:00:00.000Z');
    // 20:00Z is closer to the next run.
    expect(answeredRun(missed, plan, at('2026-11-22T20:00:00Z'))).toEqual({ expected: at('2026-11-23T02:00:00Z'), late: false });
  });

  it('a changed schedule starts expectations afresh and keeps the failure', () => {
    const missed = settleHeartbeat(created(), plan, at('2026-11-22T02:30:00Z')).state;
    const hourly: HeartbeatPlan = { ...plan, cron: '15 * * * *' };
    const rebased = rebaseHeartbeat(missed, hourly, at('2026-11-22T09:20:00Z'));
    expect(rebased).toMatchObject({ awaiting: '2026-11-22T10:15:00.000Z', trackedFrom: '2026-11-22T10:15:00.000Z', failing: true });
    expect(rebaseHeartbeat(missed, plan, at('2026-11-22T09:20:00Z'))).toBe(missed);
  });

  it('keeps the run lists bounded', () => {
    let s = created();
    for (let d = 22; d < 22 + 30; d++) s = report(s, new Date(Date.UTC(2026, 10, d, 1, 50)).toISOString()).state;
    expect(s.runs).toHaveLength(20);
    expect(s.runs[19].expectedAt).toBe('2026-12-21T02:00:00.000Z');
  });
});
