// The morning briefing's "Overnight jobs" section: the pure lines from heartbeat views, and
// end to end — a backup missed overnight is ❌ at the top of the next morning's section.
import { afterEach, describe, expect, it } from 'vitest';
import { latestOccurrence } from '../../../src/core/cron.js';
import type { HeartbeatView } from '../../../src/core/queries.js';
import { overnightJobsSection } from '../../../src/skills/status/index.js';
import { FakeClock } from '../../fakes/clock.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { at, BACKUP_TOKEN, ETL_TOKEN, heartbeatConfig, ping, reader } from './heartbeat-helpers.js';

const zone = 'Europe/Berlin';
const since = new Date('2026-11-20T07:00:00Z'); // Fri 08:00, the previous briefing
const now = new Date('2026-11-23T07:00:00Z'); // Mon 08:00
const view = (v: Partial<HeartbeatView> & { id: string }): HeartbeatView => ({ name: v.id, nextExpectedAt: '2026-11-24T02:00:00.000Z', deadlineAt: '2026-11-24T02:30:00.000Z', failing: false, problemsSince: 0, ...v });

describe('overnight jobs section', () => {
  it('one line per job, ❌ then ⚠️ then ✅ then ➖, and first in the briefing when anything failed', () => {
    const s = overnightJobsSection(
      [
        view({ id: 'ok', name: 'Nightly backup', lastRunAt: '2026-11-23T01:48:00Z', lastResult: 'ok', lastExpectedAt: '2026-11-23T02:00:00Z' }),
        view({ id: 'late', name: 'Orders ETL', lastRunAt: '2026-11-23T01:12:00Z', lastResult: 'late', lastExpectedAt: '2026-11-23T01:00:00Z' }),
        view({ id: 'weekly', name: 'Weekly report', nextExpectedAt: '2026-11-27T05:00:00Z', deadlineAt: '2026-11-27T06:00:00Z' }),
        view({ id: 'fail', name: 'Cert *renewal*', lastRunAt: '2026-11-23T03:31:00Z', lastResult: 'fail', lastLog: 'certbot: rate limited\nretry later', failing: true, problemsSince: 1 }),
        view({ id: 'miss', name: 'Log rotation', lastRunAt: '2026-11-23T04:30:00Z', lastResult: 'missed', lastExpectedAt: '2026-11-23T04:00:00Z', failing: true, problemsSince: 1 }),
      ],
      { since, now, zone },
    )!;
    expect(s.title).toBe('Overnight jobs');
    expect(s.first).toBe(true);
    expect(s.lines.map((l) => `${l.icon} ${l.text}`)).toEqual([
      '❌ **Cert \\*renewal\\*** — failed at 04:31 GMT+1: certbot: rate limited ⏎ retry later',
      '❌ **Log rotation** — missed: nothing reported by 05:30 GMT+1 (expected 05:00 GMT+1)',
      '⚠️ **Orders ETL** — late: reported 02:12 GMT+1, 12m after its expected run at 02:00 GMT+1',
      '✅ **Nightly backup** — on time at 02:48 GMT+1 (expected 03:00 GMT+1)',
      '➖ **Weekly report** — no run expected since Fri 20 Nov 08:00 GMT+1; next expected Fri 27 Nov 06:00 GMT+1',
    ]);
    expect(s.text.split('\n')[0]).toBe('❌ **Cert \\*renewal\\*** — failed at 04:31 GMT+1: certbot: rate limited ⏎ retry later');
  });

  it('is not first when nothing failed; a good run after a failure says so; a due job is ⚠️', () => {
    const s = overnightJobsSection(
      [
        view({ id: 'retry', name: 'Backup', lastRunAt: '2026-11-23T02:20:00Z', lastResult: 'late', lastExpectedAt: '2026-11-23T02:00:00Z', problemsSince: 1 }),
        view({ id: 'due', name: 'Early ETL', nextExpectedAt: '2026-11-23T06:55:00Z', deadlineAt: '2026-11-23T07:25:00Z', lastRunAt: '2026-11-22T06:50:00Z', lastResult: 'ok' }),
      ],
      { since, now, zone },
    )!;
    expect(s.first).toBe(false);
    expect(s.lines.map((l) => `${l.icon} ${l.text}`)).toEqual([
      '⚠️ **Backup** — late: reported 03:20 GMT+1, 20m after its expected run at 03:00 GMT+1 · after 1 failed or missed run',
      '⚠️ **Early ETL** — not reported yet: expected 07:55 GMT+1, missed at 08:25 GMT+1 if nothing comes',
    ]);
  });

  it('a job still failing from before says so, and no heartbeats means no section', () => {
    const s = overnightJobsSection([view({ id: 'x', name: 'Export', failing: true })], { since, now, zone })!;
    expect(s.lines[0]).toEqual({ heartbeatId: 'x', icon: '❌', text: '**Export** — still failing; no run since Fri 20 Nov 08:00 GMT+1' });
    expect(s.first).toBe(true);
    expect(overnightJobsSection([], { since, now, zone })).toBeUndefined();
  });
});

describe('overnight jobs, end to end', () => {
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
    await cleanupTempDirs();
  });

  /** Friday's briefing, a good Saturday and Sunday, and a backup that never reports Monday night. */
  async function weekend(): Promise<ConsoleHarness> {
    h = await startConsoleApp({ config: heartbeatConfig(), clock: new FakeClock('2026-11-20T07:00:00Z') });
    for (const day of ['21', '22']) {
      await at(h, `2026-11-${day}T00:50:00Z`);
      await ping(h, ETL_TOKEN);
      await at(h, `2026-11-${day}T01:50:00Z`);
      await ping(h, BACKUP_TOKEN);
    }
    await at(h, '2026-11-23T00:55:00Z');
    await ping(h, ETL_TOKEN, { body: 'loaded 48 213 orders' });
    morning = await at(h, '2026-11-23T07:00:00Z'); // Monday 08:00 in Berlin: the scheduled briefing posts
    return h;
  }
  let morning = '';

  it('a heartbeat missed overnight is ❌ at the top of the next morning’s section', async () => {
    const app = await weekend();
    // What the briefing does: the views since its previous occurrence, then the section.
    const cron = app.app.config.briefings[0];
    const previous = latestOccurrence(cron.cron, cron.timezone!, new Date(app.clock.now().getTime() - 1))!;
    expect(previous.toISOString()).toBe('2026-11-20T07:00:00.000Z');
    const s = overnightJobsSection(reader(app).heartbeats(previous), { since: previous, now: app.clock.now(), zone: cron.timezone! })!;
    expect(s.first).toBe(true);
    expect(s.lines.map((l) => `${l.icon} ${l.text}`)).toEqual([
      '❌ **Nightly database backup** — missed: nothing reported by 03:30 GMT+1 (expected 03:00 GMT+1)',
      '✅ **Orders ETL** — on time at 01:55 GMT+1 (expected 02:00 GMT+1)',
    ]);
  });

  it('the 08:00 briefing posted by the scheduler leads with the missed backup', async () => {
    await weekend();
    const first = morning.indexOf('Overnight jobs');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(morning.slice(0, first)).toMatch(/briefing · Mon 23 Nov\n$/);
    expect(morning.indexOf('❌ Nightly database backup — missed')).toBeGreaterThan(first);
    expect(morning.indexOf('✅ Orders ETL')).toBeGreaterThan(first);
    expect(morning.indexOf('Open incidents')).toBeGreaterThan(first);
  });

  it('the briefing asked for by command leads with it too', async () => {
    const app = await weekend();
    const out = await app.say('briefing');
    const first = out.indexOf('Overnight jobs');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('❌ Nightly database backup')).toBeGreaterThan(first);
    for (const other of ['Incidents', 'On call', 'On-call', 'Changes']) {
      const i = out.indexOf(other);
      if (i >= 0) expect(i).toBeGreaterThan(first);
    }
  });
});
