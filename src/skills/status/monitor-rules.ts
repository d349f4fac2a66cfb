// Monitor thresholds, pure: a check result moves the streak counters; N consecutive failures
// make the monitor failing, M consecutive successes recover it. One flapping check changes
// nothing. Plus the compact daily counters a check adds to.
import type { ComponentStatus } from '../../core/config/index.js';
import type { ProbeResult } from '../../core/ports.js';
import type { DailyChecks, MonitorState } from './model.js';
import { worst } from './rules.js';

export interface Thresholds {
  failuresBeforeChange: number;
  successesBeforeRecovery: number;
}

export type Transition = 'failed' | 'recovered' | undefined;

export function newMonitorState(id: string, componentId: string): MonitorState {
  return { id, componentId, failing: false, consecutiveFailures: 0, consecutiveSuccesses: 0 };
}

/** The state after one check, and whether it crossed a threshold. */
export function stepMonitor(state: MonitorState, result: ProbeResult, t: Thresholds, at: string): { state: MonitorState; transition: Transition } {
  const base: MonitorState = { ...state, lastCheckAt: at, lastOk: result.ok, lastMs: result.ms, lastStatus: result.status };
  if (result.ok) {
    const successes = state.consecutiveSuccesses + 1;
    const next: MonitorState = { ...base, consecutiveSuccesses: successes, consecutiveFailures: 0, streakStart: undefined };
    if (state.failing && successes >= t.successesBeforeRecovery) {
      return { state: { ...next, failing: false, since: undefined }, transition: 'recovered' };
    }
    return { state: next, transition: undefined };
  }
  const failures = state.consecutiveFailures + 1;
  const next: MonitorState = {
    ...base,
    consecutiveFailures: failures,
    consecutiveSuccesses: 0,
    streakStart: state.consecutiveFailures === 0 ? at : (state.streakStart ?? at),
    lastError: result.error ?? 'check failed',
  };
  if (!state.failing && failures >= t.failuresBeforeChange) {
    return { state: { ...next, failing: true, since: next.streakStart }, transition: 'failed' };
  }
  return { state: next, transition: undefined };
}

/** Adds one check to a day's counters (creating them for a new day). */
export function addCheck(
  current: DailyChecks | undefined,
  key: { monitorId: string; componentId: string; day: string },
  result: ProbeResult,
  statusAfter: ComponentStatus,
): DailyChecks {
  const c = current ?? { id: `${key.monitorId}:${key.day}`, ...key, up: 0, down: 0, totalMs: 0, worst: 'operational' as ComponentStatus };
  return {
    ...c,
    up: c.up + (result.ok ? 1 : 0),
    down: c.down + (result.ok ? 0 : 1),
    totalMs: c.totalMs + Math.max(0, result.ms),
    worst: worst([c.worst, statusAfter]),
  };
}
