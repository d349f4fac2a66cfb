// Heartbeats end to end: the real app on a fake clock, jobs reporting over HTTP on 127.0.0.1,
// the deadline job driven by the scheduler, subscriber notices printed by the console.
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { at, BACKUP_TOKEN, ETL_TOKEN, heartbeatConfig, ping, reader, withoutPages } from './heartbeat-helpers.js';
import { record } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

async function start(): Promise<ConsoleHarness> {
  h = await startConsoleApp({ config: heartbeatConfig() });
  await h.say('status subscribe');
  return h;
}
const backup = (x: ConsoleHarness, since?: Date) => reader(x).heartbeats(since).find((v) => v.id === 'nightly-backup')!;
const backupsStatus = (x: ConsoleHarness) => reader(x).components().find((c) => c.id === 'backups')?.status;

describe('heartbeats', () => {
  it('on time, then late within grace: answered with the run, nothing marked, nobody told', async () => {
    const app = await start();
    const rec = record(app.app.deps.events, 'page.requested', 'status.component_changed');
    await at(app, '2026-11-22T01:48:00Z'); // 02:48 in Berlin, the run is expected at 03:00
    const r1 = await ping(app, BACKUP_TOKEN, { body: 'dumped 1.2 GB\n' });
    expect(r1.status).toBe(200);
    expect(JSON.parse(r1.body)).toEqual({ ok: true, heartbeat: 'nightly-backup', result: 'ok', expected_at: '2026-11-22T02:00:00.000Z', next_expected_at: '2026-11-23T02:00:00.000Z' });
    expect(await at(app, '2026-11-22T02:31:00Z')).not.toContain('Nightly database backup');

    await at(app, '2026-11-23T02:20:00Z'); // 03:20: 20 minutes late, 10 before the grace ends
    expect(JSON.parse((await ping(app, BACKUP_TOKEN, { body: 'dumped 1.3 GB' })).body)).toMatchObject({ result: 'late', expected_at: '2026-11-23T02:00:00.000Z' });
    expect(await at(app, '2026-11-23T05:00:00Z')).not.toContain('Nightly database backup');
    expect(rec['page.requested']).toEqual([]);
    expect(rec['status.component_changed']).toEqual([]);
    expect(backup(app)).toMatchObject({ lastResult: 'late', lastLog: 'dumped 1.3 GB', failing: false, nextExpectedAt: '2026-11-24T02:00:00.000Z' });
    const list = await app.say('status heartbeats');
    expect(list).toContain('⚠️ Nightly database backup (nightly-backup)\nLast run: late: reported 03:20 GMT+1, 20m after its expected run at 03:00 GMT+1\nNext expected: Tue 24 Nov 03:00 GMT+1 (grace until Tue 24 Nov 03:30 GMT+1)');
  });

  it('missed: marks the component, tells subscribers and pages, once; a late good run recovers it', async () => {
    const app = await start();
    const rec = record(app.app.deps.events, 'page.requested', 'status.component_changed');
    await ping(app, ETL_TOKEN); // the other job is fine
    expect(await at(app, '2026-11-22T02:29:00Z')).toBe('');
    const missed = await at(app, '2026-11-22T02:30:00Z');
    expect(missed).toMatch(/── #console · m\d+ ──\nNightly database backup: failing\n❌ Nightly database backup: failing\nBackups: 🟡 Degraded performance/);
    expect(missed).toContain("Nightly database backup missed its run expected 03:00 GMT+1: nothing reported by 03:30 GMT+1. Backups is Degraded performance. Paged Nightly backups's on-call.");
    expect(missed).toContain('[Declare incident] → incident declare sev3 "Nightly database backup: scheduled job failing" service:backups');
    expect(backupsStatus(app)).toBe('degraded_performance');
    expect(rec['page.requested']).toEqual([
      { serviceId: 'backups', summary: 'Nightly database backup: scheduled job missed its run', severity: 3, source: 'heartbeat:nightly-backup', dedupKey: 'heartbeat:nightly-backup:2026-11-22T02:30:00.000Z', at: '2026-11-22T02:30:00.000Z' },
    ]);
    expect(rec['status.component_changed']).toMatchObject([{ componentId: 'backups', from: 'operational', to: 'degraded_performance', reason: 'heartbeat' }]);
    expect(await app.say('status')).toContain('Failing scheduled jobs: Nightly database backup (missed) — status heartbeats');
    // Still nothing: no second message, page or change.
    expect(await at(app, '2026-11-22T04:00:00Z')).toBe('');
    expect(rec['page.requested']).toHaveLength(1);

    await at(app, '2026-11-22T04:10:00Z');
    expect(JSON.parse((await ping(app, BACKUP_TOKEN)).body)).toMatchObject({ result: 'late', expected_at: '2026-11-22T02:00:00.000Z' });
    const back = app.out.take();
    expect(back).toMatch(/── #console · m\d+ \(updated\) ──\nNightly database backup: recovered\n✅ Nightly database backup: recovered\nBackups: 🟢 Operational/);
    expect(back).toContain('Nightly database backup reported a good run at 05:10 GMT+1 (late). Backups is Operational.');
    expect(back).not.toContain('Declare incident');
    expect(backupsStatus(app)).toBe('operational');
    expect(rec['status.component_changed'].map((c) => c.to)).toEqual(['degraded_performance', 'operational']);
    expect(backup(app)).toMatchObject({ failing: false, lastResult: 'late' });
  });

  it('failed with a log line: marked at once with the log; a good retry recovers', async () => {
    const app = await start();
    const rec = record(app.app.deps.events, 'page.requested');
    await at(app, '2026-11-22T01:55:00Z');
    const r = await ping(app, BACKUP_TOKEN, { query: '?status=fail', body: 'starting dump\npg_dump: error: connection to server refused\n' });
    expect(JSON.parse(r.body)).toMatchObject({ result: 'failed', expected_at: '2026-11-22T02:00:00.000Z' });
    const told = app.out.take();
    expect(told).toContain('Nightly database backup reported a failed run at 02:55 GMT+1: starting dump\npg_dump: error: connection to server refused. Backups is Degraded performance.');
    expect(rec['page.requested']).toHaveLength(1);
    expect(backup(app)).toMatchObject({ failing: true, lastResult: 'fail', lastLog: 'starting dump\npg_dump: error: connection to server refused' });
    expect(await app.say('status heartbeats')).toContain('❌ Nightly database backup (nightly-backup) · failing\nLast run: failed at 02:55 GMT+1: starting dump ⏎ pg_dump: error: connection to server refused');
    // The failed run answered the 03:00 run: its deadline is no extra miss.
    expect(await at(app, '2026-11-22T02:40:00Z')).not.toContain('Nightly database backup');
    // An exit code works as the status: 0 is a good run.
    expect(JSON.parse((await ping(app, BACKUP_TOKEN, { query: '?status=0' })).body)).toMatchObject({ result: 'late' });
    expect(app.out.take()).toContain('Nightly database backup: recovered');
    expect(backupsStatus(app)).toBe('operational');
    expect(rec['page.requested']).toHaveLength(1);
  });

  it('a restart between the expected time and the grace end still notices the miss, once', async () => {
    let app = await start();
    const dataDir = app.dataDir;
    await at(app, '2026-11-22T02:10:00Z'); // 03:10: expected, within the grace
    app = h = await app.restart();
    expect(withoutPages(app.out.take())).not.toContain('Nightly database backup');
    const rec = record(app.app.deps.events, 'page.requested');
    expect(await at(app, '2026-11-22T02:29:59Z')).toBe('');
    expect(await at(app, '2026-11-22T02:30:00Z')).toContain('Nightly database backup missed its run');
    expect(rec['page.requested']).toHaveLength(1);
    // Down across the next deadline: told once when it starts again, not again after.
    await app.app.stop();
    app.clock.set('2026-11-23T06:00:00Z');
    app = h = await startConsoleApp({ config: heartbeatConfig(), dataDir, clock: app.clock });
    const rec2 = record(app.app.deps.events, 'page.requested', 'status.component_changed');
    // Already failing since the first miss: the second one is recorded, not announced.
    expect(withoutPages(app.out.take())).not.toContain('missed');
    await app.app.scheduler.tick();
    expect(rec2['page.requested']).toEqual([]);
    expect(rec2['status.component_changed']).toEqual([]);
    expect(backup(app)).toMatchObject({ failing: true, lastResult: 'missed', lastRunAt: '2026-11-23T02:30:00.000Z', nextExpectedAt: '2026-11-24T02:00:00.000Z' });
    expect(backupsStatus(app)).toBe('degraded_performance');
  });

  it('a miss while the bot was down is noticed on start, once', async () => {
    let app = await start();
    const dataDir = app.dataDir;
    await app.app.stop();
    app.clock.set('2026-11-22T06:00:00Z');
    app = h = await startConsoleApp({ config: heartbeatConfig(), dataDir, clock: app.clock });
    const first = app.out.take();
    expect(first.match(/Nightly database backup missed its run expected 03:00 GMT\+1: nothing reported by 03:30 GMT\+1/g)).toHaveLength(1);
    expect(await at(app, '2026-11-22T06:05:00Z')).toBe('');
    app = h = await app.restart();
    expect(withoutPages(app.out.take())).not.toContain('missed');
  });

  it('unknown or malformed tokens get the plain 404 and change nothing', async () => {
    const app = await start();
    await at(app, '2026-11-22T01:50:00Z');
    const before = JSON.stringify(reader(app).heartbeatBook.states.all());
    const notFound = await fetch(`${app.app.url}/no-such-route`);
    const plain = { status: notFound.status, body: await notFound.text(), type: notFound.headers.get('content-type') };
    const wrong = [
      BACKUP_TOKEN.slice(0, -1) + (BACKUP_TOKEN.endsWith('0') ? '1' : '0'), // one character off
      BACKUP_TOKEN.toUpperCase(),
      BACKUP_TOKEN.slice(0, 20), // too short
      `${BACKUP_TOKEN}${BACKUP_TOKEN}${BACKUP_TOKEN}`, // too long
      encodeURIComponent(`${BACKUP_TOKEN.slice(0, 30)}/../${BACKUP_TOKEN.slice(0, 10)}`),
      encodeURIComponent(`${BACKUP_TOKEN} `),
      '%00',
    ];
    for (const t of wrong) {
      for (const method of ['POST', 'GET']) {
        expect({ t, method, ...(await ping(app, t, { method, query: '?status=fail', body: method === 'POST' ? 'x' : undefined })) }).toEqual({ t, method, ...plain });
      }
    }
    expect(plain).toEqual({ status: 404, body: '{"error":"not found"}', type: 'application/json; charset=utf-8' });
    expect(JSON.stringify(reader(app).heartbeatBook.states.all())).toBe(before);
    expect(withoutPages(app.out.take())).toBe('');
  });

  it('GET reports too (a cron line without curl); a bad status is a 400 that changes nothing', async () => {
    const app = await start();
    await at(app, '2026-11-22T00:30:00Z');
    expect((await ping(app, ETL_TOKEN, { method: 'GET', query: '?status=maybe' })).status).toBe(400);
    expect(reader(app).heartbeats().find((v) => v.id === 'orders-etl')?.lastRunAt).toBeUndefined();
    const r = await ping(app, ETL_TOKEN, { method: 'GET' });
    expect(JSON.parse(r.body)).toMatchObject({ heartbeat: 'orders-etl', result: 'ok', expected_at: '2026-11-22T01:00:00.000Z' });
    expect(reader(app).heartbeats().find((v) => v.id === 'orders-etl')).toMatchObject({ lastResult: 'ok', lastRunAt: '2026-11-22T00:30:00.000Z' });
  });

  it('status heartbeats: each job with last run, result and next expected run; one job’s recent runs', async () => {
    const app = await start();
    const empty = await app.say('status heartbeats');
    expect(empty).toContain('Heartbeats: 2 jobs');
    expect(empty).toContain('➖ Nightly database backup (nightly-backup)\nLast run: no run yet\nNext expected: Sun 22 Nov 03:00 GMT+1 (grace until Sun 22 Nov 03:30 GMT+1)');
    expect(empty).toContain("0 3 * * * Europe/Berlin · grace 30m · marks Backups degraded performance · pages Nightly backups's on-call");
    await at(app, '2026-11-22T01:30:00Z'); // 02:30: the ETL (02:00) is due, within its hour of grace
    await ping(app, BACKUP_TOKEN, { body: 'ok' });
    const now = await app.say('status heartbeats');
    expect(now).toContain('✅ Nightly database backup (nightly-backup)\nLast run: on time at 02:30 GMT+1 (expected 03:00 GMT+1)');
    expect(now).toContain('⚠️ Orders ETL (orders-etl)\nLast run: no run yet\nNow: not reported yet: expected 02:00 GMT+1, missed at 03:00 GMT+1 if nothing comes');
    const one = await app.say('status heartbeats nightly-backup');
    expect(one).toContain('✅ Heartbeat Nightly database backup');
    expect(one).toContain('Recent runs\n02:30 GMT+1 ✅ on time — expected 03:00 GMT+1 — ok');
    expect(one).not.toContain(BACKUP_TOKEN);
    expect(await app.say('status heartbeats nope')).toContain('Unknown heartbeat "nope". Heartbeats: nightly-backup, orders-etl.');
  });

  it('exports whether each heartbeat fails on /metrics', async () => {
    const app = await start();
    await at(app, '2026-11-22T02:30:00Z');
    const metrics = await (await fetch(`${app.app.url}/metrics`)).text();
    expect(metrics).toContain('switchboard_heartbeat_failing{heartbeat="nightly-backup"} 1');
    expect(metrics).toContain('switchboard_heartbeat_failing{heartbeat="orders-etl"} 1');
    expect(metrics).not.toContain(BACKUP_TOKEN);
  });
});
