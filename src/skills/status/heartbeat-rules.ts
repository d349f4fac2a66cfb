// Heartbeat rules, pure: which expected run a report answers, whether it was on time or late,
// when an expected run counts as missed, and when a job starts or stops failing.
//
// The cron schedule says when each run should have reported; a run may come up to `grace`
// later ("late", no alarm). With no report by then the expected run is missed. A failed run
// or a miss makes the job failing (the one transition that alarms); the next good run ends it.
// Time comes in as arguments; no I/O.
import { latestOccurrence, nextOccurrence, occurrencesBetween } from '../../core/cron.js';
import type { HeartbeatResult, HeartbeatRun, HeartbeatState } from './model.js';

export interface HeartbeatPlan {
  cron: string;
  timezone: string;
  graceMs: number;
}

export type HeartbeatTransition = 'down' | 'up' | undefined;

export interface HeartbeatStep {
  state: HeartbeatState;
  /** The run this step recorded (a report, or a miss), if any. */
  run?: HeartbeatRun;
  /** `down`: the job started failing; `up`: a good run ended a failure. */
  transition: HeartbeatTransition;
}

/** Runs kept in `runs` and in `problems`. */
export const RUNS_KEPT = 20;
export const PROBLEMS_KEPT = 50;
/** A miss after a long downtime counts its expected runs up to this many. */
const MAX_COUNTED = 1000;

export const scheduleKey = (p: HeartbeatPlan): string => `${p.cron}|${p.timezone}|${p.graceMs}`;

const iso = (d: Date): string => d.toISOString();
const ms = (s: string): number => Date.parse(s);

/** A job seen for the first time: its first expected run is the next one after now. */
export function newHeartbeatState(id: string, plan: HeartbeatPlan, now: Date): HeartbeatState {
  const first = iso(nextOccurrence(plan.cron, plan.timezone, now));
  return { id, scheduleKey: scheduleKey(plan), trackedFrom: first, awaiting: first, failing: false, runs: [], problems: [] };
}

/** A changed schedule (or grace): expectations start again from the next run; history and failing stay. */
export function rebaseHeartbeat(state: HeartbeatState, plan: HeartbeatPlan, now: Date): HeartbeatState {
  if (state.scheduleKey === scheduleKey(plan)) return state;
  const first = iso(nextOccurrence(plan.cron, plan.timezone, now));
  return { ...state, scheduleKey: scheduleKey(plan), trackedFrom: first, awaiting: first };
}

/** When the awaited run counts as missed. */
export const deadlineOf = (state: HeartbeatState, plan: HeartbeatPlan): Date => new Date(ms(state.awaiting) + plan.graceMs);

function withRun(state: HeartbeatState, run: HeartbeatRun): HeartbeatState {
  const problem = run.result === 'failed' || run.result === 'missed';
  return {
    ...state,
    runs: [...state.runs, run].slice(-RUNS_KEPT),
    problems: problem ? [...state.problems, run].slice(-PROBLEMS_KEPT) : state.problems,
  };
}

function failingFrom(state: HeartbeatState, at: string): { state: HeartbeatState; transition: HeartbeatTransition } {
  if (state.failing) return { state, transition: undefined };
  return { state: { ...state, failing: true, failingSince: at }, transition: 'down' };
}

/**
 * Every expected run whose grace ended by `now` without a report is missed. Several passed
 * while the bot was down collapse into one missed run with a count, so a restart tells once.
 */
export function settleHeartbeat(state: HeartbeatState, plan: HeartbeatPlan, now: Date): HeartbeatStep {
  const first = ms(state.awaiting);
  if (first + plan.graceMs > now.getTime()) return { state, transition: undefined };
  const lastDue = latestOccurrence(plan.cron, plan.timezone, new Date(now.getTime() - plan.graceMs)) ?? new Date(first);
  const count = Math.max(1, occurrencesBetween(plan.cron, plan.timezone, new Date(first - 1), lastDue, MAX_COUNTED).length);
  const run: HeartbeatRun = { at: iso(new Date(lastDue.getTime() + plan.graceMs)), result: 'missed', expectedAt: iso(lastDue), ...(count > 1 ? { count } : {}) };
  const advanced = { ...state, awaiting: iso(nextOccurrence(plan.cron, plan.timezone, lastDue)) };
  const failed = failingFrom(withRun(advanced, run), run.at);
  return { state: failed.state, run, transition: failed.transition };
}

/**
 * Which expected run a report at `at` answers. The latest expected run at or before it, when
 * no good run answered that one yet and the report is closer to its deadline than to the
 * next expected run (a late run, or a retry after a failure); otherwise the next one.
 */
export function answeredRun(state: HeartbeatState, plan: HeartbeatPlan, at: Date): { expected: Date; late: boolean } {
  const t = at.getTime();
  const next = nextOccurrence(plan.cron, plan.timezone, at);
  const last = latestOccurrence(plan.cron, plan.timezone, at);
  if (last && last.getTime() >= ms(state.trackedFrom)) {
    const satisfied = state.satisfiedThrough !== undefined && ms(state.satisfiedThrough) >= last.getTime();
    const deadline = last.getTime() + plan.graceMs;
    if (!satisfied && (t < deadline || t - deadline < next.getTime() - t)) return { expected: last, late: t > last.getTime() };
  }
  return { expected: next, late: false };
}

/** A report from the job (settle first, so a deadline that passed is a miss before this counts). */
export function reportHeartbeat(state: HeartbeatState, plan: HeartbeatPlan, report: { at: Date; ok: boolean; log?: string }): HeartbeatStep {
  const { expected, late } = answeredRun(state, plan, report.at);
  const result: HeartbeatResult = !report.ok ? 'failed' : late ? 'late' : 'ok';
  const run: HeartbeatRun = { at: iso(report.at), result, expectedAt: iso(expected), ...(report.log ? { log: report.log } : {}) };
  let next = withRun(state, run);
  // Answering the awaited run (or a later one) moves the expectation on to the one after it.
  if (expected.getTime() >= ms(state.awaiting)) next = { ...next, awaiting: iso(nextOccurrence(plan.cron, plan.timezone, expected)) };
  if (!report.ok) {
    const failed = failingFrom(next, run.at);
    return { state: failed.state, run, transition: failed.transition };
  }
  const satisfiedThrough = state.satisfiedThrough && ms(state.satisfiedThrough) > expected.getTime() ? state.satisfiedThrough : iso(expected);
  next = { ...next, satisfiedThrough, lastSuccessAt: run.at };
  if (!state.failing) return { state: next, run, transition: undefined };
  return { state: { ...next, failing: false, failingSince: undefined }, run, transition: 'up' };
}
