// Update reminders with a fake clock: due after the severity's interval, repeated, reset by
// an update, rescheduled by a severity change, cancelled on resolve, and kept across restarts.
import { afterEach, describe, expect, it } from 'vitest';
import { reminderKey } from '../../../src/skills/incident/reminders.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { exampleConfig, withoutPaging } from '../../helpers/config.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { stored } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const CH = '#inc-1-database-down';
const reminders = (out: string) => out.split('\n').filter((l) => l.startsWith('⏰ INC-1 needs a status update')).length;

describe('incident update reminders', () => {
  it('reminds the channel when a sev1 got no update for 30 minutes, and again every 30', async () => {
    h = await startConsoleApp({ config: withoutPaging(exampleConfig()) });
    await h.say('incident declare sev1 "Database down" service:api');
    expect(h.app.scheduler.pending(reminderKey('INC-1'))?.due.toISOString()).toBe('2026-11-21T09:30:00.000Z');
    expect(await h.advance('29m')).toBe('');
    const first = await h.advance('1m');
    expect(first).toContain(`── ${CH} · m`);
    expect(reminders(first)).toBe(1);
    expect(first).toContain('no update for 30m. sev1 incidents get one at least every 30m.');
    expect(first).toContain('[Update] → incident update INC-1 {status} {text}');
    expect(await h.advance('29m')).toBe('');
    expect(reminders(await h.advance('1m'))).toBe(1);
    expect(h.app.scheduler.pending(reminderKey('INC-1'))?.due.toISOString()).toBe('2026-11-21T10:30:00.000Z');
    expect((await stored(h.dataDir, 'INC-1')).remindedFor).toBe('2026-11-21T10:00:00.000Z');
  });

  it('an update resets the clock; the commander is named', async () => {
    h = await startConsoleApp({ config: withoutPaging(exampleConfig()) });
    await h.say('incident declare sev1 "Database down" service:api');
    await h.say('incident assign INC-1 commander @bob');
    await h.advance('20m');
    await h.say(`in ${CH} incident update identified Disk full on db-1`);
    expect(await h.advance('29m')).toBe('');
    const due = await h.advance('1m');
    expect(reminders(due)).toBe(1);
    expect(due).toContain('@bob (commander): no update for 30m.');
  });

  it('follows the severity: sev4 has none, raising to sev2 starts one from the last update', async () => {
    h = await startConsoleApp({ config: withoutPaging(exampleConfig()) });
    await h.say('incident declare sev4 "Typo on the status page"');
    expect(h.app.scheduler.pending(reminderKey('INC-1'))).toBeUndefined();
    expect(await h.advance('1d')).toBe('');
    await h.say('incident severity INC-1 sev2');
    // Quiet for a day already: due at once, then every hour.
    expect(reminders(await h.advance('1s'))).toBe(1);
    expect(reminders(await h.advance('59m'))).toBe(0);
    expect(reminders(await h.advance('1m'))).toBe(1);
    await h.say('incident severity INC-1 sev4');
    expect(h.app.scheduler.pending(reminderKey('INC-1'))).toBeUndefined();
    expect(await h.advance('3h')).toBe('');
  });

  it('is cancelled on resolve', async () => {
    h = await startConsoleApp({ config: withoutPaging(exampleConfig()) });
    await h.say('incident declare sev2 "Checkout slow" service:web');
    expect(h.app.scheduler.pending(reminderKey('INC-1'))).toBeDefined();
    await h.advance('10m');
    await h.say('incident resolve INC-1 Cache warmed');
    expect(h.app.scheduler.pending(reminderKey('INC-1'))).toBeUndefined();
    expect(await h.advance('5h')).toBe('');
  });

  it('survives a restart: a reminder due while down fires once on start, then keeps its rhythm', async () => {
    h = await startConsoleApp({ config: withoutPaging(exampleConfig()) });
    await h.say('incident declare sev1 "Database down" service:api');
    await h.advance('10m');
    h = await h.restart();
    expect(h.app.scheduler.pending(reminderKey('INC-1'))?.due.toISOString()).toBe('2026-11-21T09:30:00.000Z');
    expect(await h.advance('19m')).toBe('');
    expect(reminders(await h.advance('1m'))).toBe(1);
    // Down across the next due time: the missed one fires once at start, not twice.
    await h.app.stop();
    h.clock.advance('45m');
    h = await h.restart();
    const afterStart = h.out.take();
    expect(reminders(afterStart)).toBe(1);
    expect(afterStart).toContain('no update for 1h 15m');
    expect(await h.advance('1s')).toBe('');
    expect(h.app.scheduler.pending(reminderKey('INC-1'))?.due.toISOString()).toBe('2026-11-21T10:30:00.000Z');
  });
});
