// Monitors end to end: the real app on a fake clock, scheduler jobs driven by advance(), and a
// local HTTP server on 127.0.0.1 that fails on demand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusReader } from '../../../src/skills/status/index.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { FlakyServer, record, statusSection, withStatus } from './helpers.js';

let h: ConsoleHarness | undefined;
let srv: FlakyServer;
beforeEach(async () => {
  srv = await new FlakyServer().start();
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await srv.stop();
  await cleanupTempDirs();
});

const monitor = (extra = '') => `
    - id: api-health
      component: api
      url: URL
      interval: 60s
      timeout: 1s
      failures_before_change: 3
      successes_before_recovery: 2${extra}`;

async function start(extra = ''): Promise<ConsoleHarness> {
  h = await startConsoleApp({ config: withStatus(statusSection(monitor(extra).replace('URL', srv.url))) });
  return h;
}
const reader = (x: ConsoleHarness) => x.app.deps.queries.get('status') as StatusReader;

describe('status monitors', () => {
  it('changes the component after N consecutive failures, tells subscribers once, and recovers after M successes', async () => {
    const app = await start();
    const rec = record(app.app.deps.events, 'monitor.failed', 'monitor.recovered', 'status.component_changed');
    expect(srv.hits).toBe(1); // checked once at start
    await app.say('status subscribe');
    srv.mode = 'fail';
    expect(await app.advance('30s')).toBe(''); // not due yet
    expect(srv.hits).toBe(1);
    expect(await app.advance('30s')).toBe('');
    expect(await app.advance('60s')).toBe('');
    expect(reader(app).components().find((c) => c.id === 'api')?.status).toBe('operational');
    const third = await app.advance('60s');
    expect(srv.hits).toBe(4);
    expect(third).toMatch(/── #console · m1 ──/);
    expect(third).toMatch(/Public API: Major outage/);
    expect(third).toMatch(/Monitor api-health failing since 10:01 GMT\+1 \(3 failed checks\): HTTP 503 \(expected 200\)/);
    expect(third).toContain('[Declare incident] → incident declare sev2 "Public API: Major outage — monitor api-health: HTTP 503 (expected 200)" service:api');
    expect(rec['monitor.failed']).toEqual([{ monitorId: 'api-health', componentId: 'api', error: 'HTTP 503 (expected 200)', at: '2026-11-21T09:03:00.000Z' }]);
    expect(rec['status.component_changed']).toMatchObject([{ componentId: 'api', from: 'operational', to: 'major_outage', reason: 'monitor' }]);
    expect(reader(app).monitors()).toEqual([{ id: 'api-health', componentId: 'api', failing: true, since: '2026-11-21T09:01:00.000Z', lastError: 'HTTP 503 (expected 200)' }]);
    expect(reader(app).overall()).toBe('critical');

    // Still failing: no second message, no second event.
    expect(await app.advance('60s')).toBe('');
    expect(rec['monitor.failed']).toHaveLength(1);

    srv.mode = 'ok';
    expect(await app.advance('60s')).toBe(''); // one success is not yet recovery
    const back = await app.advance('60s');
    expect(back).toMatch(/── #console · m1 \(updated\) ──/);
    expect(back).toMatch(/Public API: recovered/);
    expect(back).toMatch(/Monitor api-health recovered \(2 good checks\)\. Public API is Operational\./);
    expect(back).not.toContain('Declare incident');
    expect(back).not.toMatch(/· m2 ──/);
    expect(rec['monitor.recovered']).toEqual([{ monitorId: 'api-health', componentId: 'api', at: '2026-11-21T09:06:00.000Z' }]);
    expect(reader(app).components().find((c) => c.id === 'api')?.status).toBe('operational');

    // Compact counters: one record per monitor per day.
    expect(reader(app).runner.daily.all()).toEqual([{ id: 'api-health:2026-11-21', monitorId: 'api-health', componentId: 'api', day: '2026-11-21', up: 3, down: 4, totalMs: expect.any(Number), worst: 'major_outage' }]);
  });

  it('keeps its cadence and streak across a restart (a durable job per monitor)', async () => {
    let app = await start();
    srv.mode = 'fail';
    await app.advance('60s');
    await app.advance('60s');
    app = h = await app.restart();
    expect(srv.hits).toBe(3); // the restart did not probe early
    const rec = record(app.app.deps.events, 'monitor.failed');
    await app.advance('60s');
    expect(rec['monitor.failed']).toHaveLength(1);
    expect(reader(app).components().find((c) => c.id === 'api')?.status).toBe('major_outage');
  });

  it('reports timeouts and body mismatches, and pages the service when page: true', async () => {
    const app = await start('\n      body_match: healthy\n      page: true');
    const rec = record(app.app.deps.events, 'page.requested', 'monitor.failed');
    await app.say('status subscribe api');
    srv.mode = 'wrong-body';
    await app.advance('60s');
    await app.advance('60s');
    const out = await app.advance('60s');
    expect(rec['monitor.failed'][0].error).toBe('body does not contain "healthy"');
    expect(rec['page.requested']).toEqual([
      {
        serviceId: 'api',
        summary: 'Public API: monitor api-health failing — body does not contain "healthy"',
        severity: 1,
        source: 'monitor:api-health',
        dedupKey: 'monitor:api-health:2026-11-21T09:01:00.000Z',
        at: '2026-11-21T09:03:00.000Z',
      },
    ]);
    expect(out).toContain("Paged Public API's on-call.");
    expect(await app.say('status api')).toMatch(/api-health: failing since .* — body does not contain "healthy"/);
  });

  it('counts a timeout as a failure', async () => {
    h = await startConsoleApp({
      config: withStatus(statusSection(`\n    - { id: api-health, component: api, url: "${srv.url}", interval: 60s, timeout: 1s, failures_before_change: 1 }`)),
    });
    srv.mode = 'slow';
    await h.advance('60s');
    expect(reader(h).monitors()[0]).toMatchObject({ failing: true, lastError: 'timed out after 1000 ms' });
  });

  it('does not count failures while the component is under maintenance', async () => {
    const app = await start();
    const rec = record(app.app.deps.events, 'monitor.failed');
    await app.say('status maintenance api now +10m "Database upgrade"');
    srv.mode = 'fail';
    for (let i = 0; i < 5; i++) await app.advance('60s');
    expect(rec['monitor.failed']).toHaveLength(0);
    expect(reader(app).components().find((c) => c.id === 'api')?.status).toBe('under_maintenance');
    // After the window the failures count again.
    for (let i = 0; i < 8; i++) await app.advance('60s');
    expect(rec['monitor.failed']).toHaveLength(1);
    expect(reader(app).components().find((c) => c.id === 'api')?.status).toBe('major_outage');
  });

  it('releases the hold of a monitor removed from the config on the next start', async () => {
    let app = await start();
    srv.mode = 'fail';
    for (let i = 0; i < 3; i++) await app.advance('60s');
    expect(reader(app).components().find((c) => c.id === 'api')?.status).toBe('major_outage');
    const dataDir = app.dataDir;
    await app.stop();
    app = h = await startConsoleApp({ config: withStatus(statusSection('[]')), dataDir, clock: app.clock });
    expect(reader(app).components().find((c) => c.id === 'api')?.status).toBe('operational');
    expect(reader(app).monitors()).toEqual([]);
  });

  it('checks a path monitor (the shipped self-check) on the bot’s own server', async () => {
    h = await startConsoleApp();
    for (let i = 0; i < 3; i++) await h.advance('60s');
    expect(reader(h).runner.all()).toMatchObject([{ id: 'switchboard-self', failing: false, lastOk: true, lastStatus: 200, consecutiveSuccesses: 4 }]);
    expect(reader(h).runner.daily.all()).toMatchObject([{ monitorId: 'switchboard-self', up: 4, down: 0 }]);
  });
});
