// Sends one request with retries: exponential backoff with jitter on network errors, 429
// (waiting what `Retry-After` asks) and 5xx; any other 4xx is final. Each attempt is reported
// as it ends, with a short reason that never contains the URL, a header or the body (where
// the secrets are).
import axios, { type AxiosError } from 'axios';
import type { OutboundRequest } from './request.js';

export interface RetryPolicy {
  /** Attempts in all (first one included). */
  maxAttempts: number;
  /** Backoff before the 2nd attempt; doubles each time. */
  baseDelayMs: number;
  /** Largest backoff between attempts. */
  maxDelayMs: number;
  /** A Retry-After longer than this ends the delivery instead of blocking it. */
  maxRetryAfterMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000, timeoutMs: 10_000 };

export interface AttemptOutcome {
  attempt: number;
  ok: boolean;
  status?: number;
  error?: string;
  retryInMs?: number;
  ms: number;
}

export interface RetryDeps {
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter. */
  random?: () => number;
  /** Wall clock for Retry-After dates. */
  now?: () => Date;
}

/** Backoff before attempt n+1 after n failures: base·2^(n-1), capped, with "equal jitter" (½ fixed, ½ random). */
export function backoffMs(failures: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** `Retry-After` as seconds or an HTTP date → milliseconds (undefined when absent or unreadable). */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

const retryableStatus = (s: number) => s === 429 || s >= 500;

function networkReason(e: AxiosError, timeoutMs: number): string {
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') return `timed out after ${timeoutMs} ms`;
  const cause = (e.cause as NodeJS.ErrnoException | undefined)?.code;
  return cause ?? e.code ?? 'network error';
}

/** Sends until it succeeds, fails for good, or attempts run out; resolves with the last outcome. */
export async function sendWithRetry(
  req: OutboundRequest,
  policy: RetryPolicy,
  report: (o: AttemptOutcome) => void | Promise<void>,
  deps: RetryDeps = {},
): Promise<AttemptOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const now = deps.now ?? (() => new Date());
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    let outcome: AttemptOutcome;
    let wait: number | undefined;
    try {
      const res = await axios.post(req.url, req.body, {
        headers: req.headers,
        timeout: policy.timeoutMs,
        maxRedirects: 0,
        responseType: 'text',
        transformResponse: (d: unknown) => d,
        validateStatus: () => true,
      });
      const ms = Math.round(performance.now() - started);
      if (res.status >= 200 && res.status < 300) {
        outcome = { attempt, ok: true, status: res.status, ms };
      } else {
        outcome = { attempt, ok: false, status: res.status, error: `HTTP ${res.status}`, ms };
        if (retryableStatus(res.status)) {
          wait = backoffMs(attempt, policy, random);
          if (res.status === 429) {
            const after = parseRetryAfter(res.headers['retry-after'] as string | undefined, now());
            if (after !== undefined && after > policy.maxRetryAfterMs) {
              outcome.error = `HTTP 429; Retry-After ${Math.round(after / 1000)} s is longer than we wait`;
              wait = undefined;
            } else if (after !== undefined) wait = after;
          }
        }
      }
    } catch (e) {
      outcome = { attempt, ok: false, error: networkReason(e as AxiosError, policy.timeoutMs), ms: Math.round(performance.now() - started) };
      wait = backoffMs(attempt, policy, random);
    }
    if (!outcome.ok && wait !== undefined && attempt < policy.maxAttempts) outcome.retryInMs = wait;
    await report(outcome);
    if (outcome.retryInMs === undefined) return outcome;
    await sleep(outcome.retryInMs);
  }
}
