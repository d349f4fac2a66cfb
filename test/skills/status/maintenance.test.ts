// Maintenance windows: scheduled by command, started and completed by durable jobs.
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReader } from '../../../src/skills/status/index.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { record, statusSection, withStatus } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const reader = (x: ConsoleHarness) => x.app.deps.queries.get('status') as StatusReader;
const statusOf = (x: ConsoleHarness, id: string) => reader(x).components().find((c) => c.id === id)?.status;
const summary = async (x: ConsoleHarness) => (await (await fetch(`${x.app.url}/api/status.json`)).json()) as { scheduled_maintenances: Array<{ id: string; status: string; scheduled_for: string; scheduled_until: string }> };

describe('status maintenance', () => {
  it('refuses bad windows, unknown components and people without the permission, and stores nothing', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    // 09:00Z is 10:00 in Berlin, Alice's zone.
    expect(await h.say('status maintenance api 2026-11-21T14:00 2026-11-21T12:00 "Upgrade"')).toMatch(
      /⚠️ The window ends \(2026-11-21T12:00\+01:00\) before it starts \(2026-11-21T14:00\+01:00\)[\s\S]*Usage: status maintenance <component/,
    );
    expect(await h.say('status maintenance api 2026-11-20T08:00 2026-11-20T09:00 "Upgrade"')).toMatch(/ends .* in the past/);
    expect(await h.say('status maintenance apx 2026-11-21T12:00 2026-11-21T13:00 "Upgrade"')).toMatch(/Unknown component "apx"/);
    expect(await h.say('status maintenance api soon later "Upgrade"')).toMatch(/<start>: expected an ISO time/);
    expect(await h.say('status maintenance api 2026-11-21T12:00 2026-11-21T13:00')).toMatch(/Missing <message>/);
    expect(await h.say('as dave status maintenance api 2026-11-21T12:00 2026-11-21T13:00 "Upgrade"')).toMatch(/You can't do that: this needs the `?status`? permission/);
    expect(await h.say('status end MNT-1')).toMatch(/No maintenance window MNT-1/);
    expect(reader(h).maintenance.col.size).toBe(0);
    expect((await summary(h)).scheduled_maintenances).toEqual([]);
    // The first window that is accepted is MNT-1: the refusals used up no number.
    expect(await h.say('status maintenance api 2026-11-21T12:00 2026-11-21T13:00 "Upgrade"')).toContain('MNT-1 scheduled');
  });

  it('starts and completes on time, across a restart, editing one subscriber message', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    await h.say('in #ops status subscribe');
    const rec = record(h.app.deps.events, 'status.component_changed');
    const out = await h.say('status maintenance api,web 2026-11-21T11:00 2026-11-21T12:30 "Database upgrade"');
    expect(out).toContain('🔧 MNT-1 scheduled: Database upgrade');
    expect(out).toMatch(/── #ops · m1 ──[\s\S]*Scheduled by Alice Martin for Sat 21 Nov 11:00 GMT\+1 – 12:30 GMT\+1 on Public API, Web shop\./);
    expect((await summary(h)).scheduled_maintenances).toMatchObject([{ id: 'MNT-1', status: 'scheduled', scheduled_for: '2026-11-21T10:00:00.000Z', scheduled_until: '2026-11-21T11:30:00.000Z' }]);
    expect(await h.say('status')).toMatch(/MNT-1 scheduled · Sat 21 Nov 11:00 GMT\+1 – 12:30 GMT\+1 · Public API, Web shop — Database upgrade/);

    expect(await h.advance('59m')).toBe('');
    expect(statusOf(h, 'api')).toBe('operational');
    const started = await h.advance('1m');
    expect(started).toMatch(/── #ops · m1 \(updated\) ──[\s\S]*In progress until/);
    expect(statusOf(h, 'api')).toBe('under_maintenance');
    expect(statusOf(h, 'web')).toBe('under_maintenance');
    expect(rec['status.component_changed'].map((e) => `${e.componentId} ${e.to} ${e.reason}`)).toEqual(['api under_maintenance maintenance', 'web under_maintenance maintenance']);
    expect(reader(h).description()).toBe('Service Under Maintenance');
    expect((await summary(h)).scheduled_maintenances[0].status).toBe('in_progress');

    h = await h.restart();
    expect(statusOf(h, 'api')).toBe('under_maintenance');
    const done = await h.advance('90m');
    expect(done).toMatch(/── #ops · m1 \(updated\) ──[\s\S]*State: completed[\s\S]*Completed\./);
    expect(done).not.toMatch(/· m2 ──/);
    expect(statusOf(h, 'api')).toBe('operational');
    expect(statusOf(h, 'web')).toBe('operational');
    expect((await summary(h)).scheduled_maintenances).toEqual([]);
    expect(await (await fetch(`${h.app.url}/status`)).text()).toMatch(/Database upgrade.*MNT-1 · maintenance · Public API, Web shop/);
  });

  it('ends a window early, cancels one not yet started, and a real outage shows above maintenance', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    expect(await h.say('status maintenance api now +2h "Kernel patching"')).toContain('MNT-1 in progress now');
    await h.say('status set api major_outage "Patch went wrong"');
    expect(statusOf(h, 'api')).toBe('major_outage');
    await h.say('status set api operational');
    expect(statusOf(h, 'api')).toBe('under_maintenance');
    expect(await h.say('status end MNT-1')).toContain('MNT-1 completed: Public API.');
    expect(statusOf(h, 'api')).toBe('operational');
    expect(await h.say('status end MNT-1')).toMatch(/MNT-1 is already completed/);

    expect(await h.say('status maintenance web tomorrow 06:00 tomorrow 07:00 "Certificates"')).toContain('MNT-2 scheduled');
    expect(await h.say('status end mnt-2')).toContain('MNT-2 cancelled');
    await h.advance('1d');
    expect(statusOf(h, 'web')).toBe('operational'); // the cancelled window never started
    expect(reader(h).maintenance.col.get('MNT-2')?.state).toBe('cancelled');
  });

  it('runs start and end in order when both came due while the bot was down', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    await h.say('status maintenance payments 2026-11-21T10:30 2026-11-21T10:45 "Processor swap"');
    await h.stop();
    h.clock.advance('3h');
    h = await startConsoleApp({ config: withStatus(statusSection()), dataDir: h.dataDir, clock: h.clock });
    expect(reader(h).maintenance.col.get('MNT-1')?.state).toBe('completed');
    expect(statusOf(h, 'payments')).toBe('operational');
    expect(reader(h).book.state('payments').holds).toEqual([]);
  });
});
