// The heartbeat route's pieces: the token is compared in constant time against every
// heartbeat (SHA-256 digests of equal length, crypto.timingSafeEqual, no early exit), the
// body becomes one short log line, and `?status=` reads ok / fail / an exit code.
import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { digestToken, type CatalogHeartbeat } from '../../../src/skills/status/catalog.js';
import { LOG_MAX, logLine, matchToken, outcome } from '../../../src/skills/status/heartbeat-route.js';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});
const safeEqual = vi.mocked(crypto.timingSafeEqual);

const hb = (id: string, token: string): CatalogHeartbeat => ({
  id,
  name: id,
  tokenDigest: digestToken(token),
  cron: '0 3 * * *',
  timezone: 'UTC',
  graceMs: 60_000,
  failureStatus: 'degraded_performance',
  page: false,
});
const A = 'a1'.repeat(20);
const B = 'Zb_-'.repeat(10);
const C = 'c3'.repeat(40);
const all = [hb('a', A), hb('b', B), hb('c', C)];

beforeEach(() => {
  safeEqual.mockClear();
});

describe('heartbeat tokens', () => {
  it('compares in constant time against every heartbeat, whichever matches', () => {
    expect(matchToken(all, B)?.id).toBe('b');
    expect(safeEqual).toHaveBeenCalledTimes(3);
    for (const [x, y] of safeEqual.mock.calls) expect([(x as Buffer).length, (y as Buffer).length]).toEqual([32, 32]);
    safeEqual.mockClear();
    expect(matchToken(all, A)?.id).toBe('a');
    expect(safeEqual).toHaveBeenCalledTimes(3); // no early exit on the first match
  });

  it('a wrong token of any length is compared the same way and matches nothing', () => {
    for (const t of [A.slice(0, -1) + 'x', C.slice(0, 33), `${C}${'d'.repeat(48)}`]) {
      safeEqual.mockClear();
      expect(matchToken(all, t)).toBeUndefined();
      expect(safeEqual).toHaveBeenCalledTimes(3);
    }
  });

  it('a malformed token is refused before any comparison', () => {
    for (const t of ['', 'short', `${A} `, `${A}/x`, `${A}%`, 'é'.repeat(40), 'x'.repeat(129)]) expect(matchToken(all, t)).toBeUndefined();
    expect(safeEqual).not.toHaveBeenCalled();
  });
});

describe('heartbeat request parts', () => {
  it('turns the body into one short log line, keeping its end', () => {
    expect(logLine('')).toBeUndefined();
    expect(logLine('  \n\n ')).toBeUndefined();
    expect(logLine('backup done\r\n')).toBe('backup done');
    expect(logLine('a\u0000b\u001b[31mred\u0007\n\n  second line  ')).toBe('ab[31mred\nsecond line');
    const long = logLine(`${'x'.repeat(1000)}ERROR: disk full`)!;
    expect(long).toHaveLength(LOG_MAX);
    expect(long.startsWith('…')).toBe(true);
    expect(long.endsWith('ERROR: disk full')).toBe(true);
  });

  it('reads ?status= as ok, fail or an exit code', () => {
    expect([undefined, '', 'ok', 'OK', 'success', '0'].map(outcome)).toEqual([true, true, true, true, true, true]);
    expect(['fail', 'failed', 'failure', 'error', '1', '127'].map(outcome)).toEqual([false, false, false, false, false, false]);
    expect(['maybe', '-1', '1000', 'ok fail'].map(outcome)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
