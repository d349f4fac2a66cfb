import { afterEach, describe, expect, it } from 'vitest';
import type { JobInfo, Store } from '../../src/core/ports.js';
import { silentLogger } from '../../src/infra/logger.js';
import { DurableScheduler } from '../../src/infra/scheduler.js';
import { openStore } from '../../src/infra/store/index.js';
import { FakeClock } from '../fakes/clock.js';
import { cleanupTempDirs, tempDir } from '../helpers/tmp.js';

const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
  await cleanupTempDirs();
});

async function boot(dir: string, clock: FakeClock, ran: JobInfo[], fail = 0) {
  const store = await openStore(dir, { log: silentLogger });
  open.push(store);
  const s = await DurableScheduler.open({ store, clock, log: silentLogger, timers: false });
  let failures = fail;
  s.handle('remind', async (job) => {
    if (failures-- > 0) throw new Error('chat is down');
    ran.push(job);
  });
  return { store, s };
}

describe('durable scheduler', () => {
  it('runs a job once when it comes due, not before', async () => {
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ran: JobInfo[] = [];
    const { s } = await boot(await tempDir(), clock, ran);
    await s.schedule({ kind: 'remind', due: new Date('2026-11-21T10:30:00Z'), payload: { incident: 'INC-1' } });
    expect(await s.tick()).toBe(0);
    clock.advance('29m');
    await s.tick();
    expect(ran).toHaveLength(0);
    clock.advance('1m');
    await s.tick();
    await s.tick();
    expect(ran.map((j) => j.payload)).toEqual([{ incident: 'INC-1' }]);
  });

  it('keeps one pending job per key: rescheduling moves it, cancel removes it', async () => {
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ran: JobInfo[] = [];
    const { s } = await boot(await tempDir(), clock, ran);
    await Promise.all([1, 2, 3].map((n) => s.schedule({ kind: 'remind', key: 'inc-1', due: new Date(`2026-11-21T10:0${n}:00Z`), payload: n })));
    expect(s.pending('inc-1')?.due.toISOString()).toBe('2026-11-21T10:03:00.000Z');
    await s.schedule({ kind: 'remind', key: 'inc-1', due: new Date('2026-11-21T11:00:00Z'), keepExisting: true });
    expect(s.pending('inc-1')?.payload).toBe(3);
    clock.advance('10m');
    await s.tick();
    expect(ran.map((j) => j.payload)).toEqual([3]);
    await s.schedule({ kind: 'remind', key: 'inc-1', due: new Date('2026-11-21T12:00:00Z'), payload: 4 });
    expect(await s.cancel('inc-1')).toBe(true);
    expect(await s.cancel('inc-1')).toBe(false);
    clock.advance('3h');
    await s.tick();
    expect(ran).toHaveLength(1);
  });

  it('retries a failing job with backoff and records the error', async () => {
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ran: JobInfo[] = [];
    const { s } = await boot(await tempDir(), clock, ran, 2);
    await s.schedule({ kind: 'remind', key: 'k', due: clock.now() });
    await s.tick();
    expect(s.pending('k')?.attempt).toBe(1);
    await s.tick();
    expect(ran).toHaveLength(0);
    clock.advance('2s');
    await s.tick();
    expect(s.pending('k')?.attempt).toBe(2);
    clock.advance('3s');
    await s.tick();
    expect(ran).toHaveLength(0);
    clock.advance('2s');
    await s.tick();
    expect(ran).toHaveLength(1);
    expect(ran[0].attempt).toBe(2);
  });

  it('runs a job scheduled before a stop exactly once after the restart', async () => {
    const dir = await tempDir();
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ran: JobInfo[] = [];
    const first = await boot(dir, clock, ran);
    await first.s.schedule({ kind: 'remind', due: new Date('2026-11-21T10:15:00Z'), payload: 'escalate PAGE-1' });
    await first.s.stop();
    await first.store.close();
    clock.advance('1h'); // the bot was down when it came due
    const second = await boot(dir, clock, ran);
    await second.s.start();
    await second.s.tick();
    expect(ran.map((j) => j.payload)).toEqual(['escalate PAGE-1']);
    await second.s.stop();
    await second.store.close();
    const third = await boot(dir, clock, ran);
    await third.s.start();
    expect(ran).toHaveLength(1);
  });

  it('leaves jobs of an unknown kind pending instead of losing them', async () => {
    const clock = new FakeClock();
    const ran: JobInfo[] = [];
    const { s } = await boot(await tempDir(), clock, ran);
    await s.schedule({ kind: 'mystery', key: 'm', due: clock.now() });
    await s.tick();
    expect(s.pending('m')).toBeDefined();
  });
});

describe('recurring jobs', () => {
  const weekdays8 = (runs: Date[]) => ({ name: 'briefing', cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', catchUpMs: 12 * 3_600_000, run: async (d: Date) => void runs.push(d) });

  it('fires at 08:00 local on weekdays across the DST change, once each', async () => {
    const clock = new FakeClock('2026-03-27T06:00:00Z'); // Fri 07:00 CET
    const runs: Date[] = [];
    const store = await openStore(await tempDir(), { log: silentLogger });
    open.push(store);
    const s = await DurableScheduler.open({ store, clock, log: silentLogger, timers: false });
    s.recurring(weekdays8(runs));
    await s.start();
    for (let i = 0; i < 4 * 24 * 4; i++) {
      clock.advance('15m');
      await s.tick();
    }
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-03-27T07:00:00.000Z', '2026-03-30T06:00:00.000Z', '2026-03-31T06:00:00.000Z']);
  });

  it('posts an occurrence missed while down once after restart, and skips one beyond its catch-up window', async () => {
    const dir = await tempDir();
    const clock = new FakeClock('2026-11-19T06:00:00Z'); // Thu 07:00 CET
    const runs: Date[] = [];
    const a = await (async () => {
      const store = await openStore(dir, { log: silentLogger });
      const s = await DurableScheduler.open({ store, clock, log: silentLogger, timers: false });
      s.recurring(weekdays8(runs));
      await s.start();
      return { store, s };
    })();
    await a.s.stop();
    await a.store.close();
    clock.set('2026-11-19T09:30:00Z'); // down over 08:00, back at 10:30 local
    for (let round = 0; round < 2; round++) {
      const store = await openStore(dir, { log: silentLogger });
      const s = await DurableScheduler.open({ store, clock, log: silentLogger, timers: false });
      s.recurring(weekdays8(runs));
      await s.start();
      await s.tick();
      await s.stop();
      await store.close();
    }
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-11-19T07:00:00.000Z']);
    clock.set('2026-11-20T22:00:00Z'); // Friday's run missed by 15 h: beyond catch-up
    const store = await openStore(dir, { log: silentLogger });
    open.push(store);
    const s = await DurableScheduler.open({ store, clock, log: silentLogger, timers: false });
    s.recurring(weekdays8(runs));
    await s.start();
    expect(runs).toHaveLength(1);
  });
});

describe('slow jobs', () => {
  it('a job stuck waiting does not hold back another that comes due later', async () => {
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const store = await openStore(await tempDir(), { log: silentLogger });
    open.push(store);
    const s = await DurableScheduler.open({ store, clock, log: silentLogger, timers: false });
    let release!: () => void;
    const stuck = new Promise<void>((r) => (release = r));
    const ran: string[] = [];
    s.handle('monitor', async () => {
      await stuck;
      ran.push('monitor');
    });
    s.handle('escalate', async () => void ran.push('escalate'));
    await s.schedule({ kind: 'monitor', due: clock.now() });
    const first = s.tick();
    await new Promise((r) => setTimeout(r, 20));
    clock.advance('5s');
    await s.schedule({ kind: 'escalate', due: clock.now() });
    await s.tick();
    expect(ran).toEqual(['escalate']);
    release();
    await first;
    expect(ran).toEqual(['escalate', 'monitor']);
  });
});
