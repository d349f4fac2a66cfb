// Response SLAs end to end through the console: the card's time left, one breach message per
// breach in the incident channel and the team's incidents channel (also across a restart),
// clocks stopped when met, /metrics, the incidents view, and the postmortem.
import { afterEach, describe, expect, it } from 'vitest';
import { slaKey } from '../../../src/skills/incident/sla-timers.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { messageId, printed, stored } from './helpers.js';
import { slaConfig } from './sla-helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const CH = '#inc-1-database-down';
const ANN = '#platform-incidents';
const breaches = (out: string, kind: string) => out.split('\n').filter((l) => l === `⏰ INC-1 breached its ${kind} SLA`).length;

describe('response SLAs in the console', () => {
  it('the card shows the time left; a breach posts once to the incident and team channels', async () => {
    h = await startConsoleApp({ config: slaConfig() });
    const declared = await h.say('incident declare sev1 "Database down" service:api');
    const cardId = messageId(declared, CH, '🔥 INC-1 · Database down');
    expect(printed(declared, CH, cardId)[0]).toContain('Acknowledge SLA: ⏱ 5m left (by 21 Nov 10:05)\nResolve SLA: ⏱ 4h 00m left (by 21 Nov 14:00)');
    h.clock.advance('2m');
    expect(await h.say('incident show INC-1')).toContain('Acknowledge SLA: ⏱ 3m left (by 21 Nov 10:05)');

    expect(await h.advance('2m59s')).toBe('');
    const due = await h.advance('1s');
    expect(breaches(due, 'acknowledge')).toBe(2);
    expect(messageId(due, CH, 'sev1 incidents are to be acknowledged within 5m; INC-1 has been open for 5m and is not acknowledged.')).toBeTruthy();
    expect(messageId(due, ANN, 'sev1 incidents are to be acknowledged within 5m')).toBeTruthy();
    expect(due).toContain('[Take command] → incident assign INC-1 commander me');
    expect(printed(due, CH, cardId).join('\n')).toContain('Acknowledge SLA: ❌ breached just now (due 21 Nov 10:05)');
    expect((await stored(h.dataDir, 'INC-1')).sla?.ack).toEqual({ dueAt: '2026-11-21T09:05:00.000Z', breachedAt: '2026-11-21T09:05:00.000Z' });

    // Once: no second message later, nor after a restart.
    expect(breaches(await h.advance('10m'), 'acknowledge')).toBe(0);
    h = await h.restart();
    expect(breaches(h.out.take(), 'acknowledge')).toBe(0);
    expect(breaches(await h.advance('1m'), 'acknowledge')).toBe(0);
    expect(await h.say('incident show INC-1')).toContain('Acknowledge SLA: ❌ breached 11m ago (due 21 Nov 10:05)');

    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(metrics).toContain('# HELP switchboard_sla_breaches_total');
    // A counter starts at zero with the process: the restart did not count the old breach again.
    expect(metrics).not.toMatch(/switchboard_sla_breaches_total\{severity="sev1",kind="ack"\} [1-9]/);
  });

  it('counts each breach on /metrics by severity and kind', async () => {
    h = await startConsoleApp({ config: slaConfig() });
    await h.say('incident declare sev1 "Database down" service:api');
    await h.say('incident declare sev2 "Checkout slow" service:web');
    await h.advance('5m');
    await h.advance('10m');
    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(metrics).toContain('switchboard_sla_breaches_total{severity="sev1",kind="ack"} 1');
    expect(metrics).toContain('switchboard_sla_breaches_total{severity="sev2",kind="ack"} 1');
    expect(metrics).not.toContain('kind="resolve"} 1');
  });

  it('an acknowledgement in time stops the clock: no breach; resolving late breaches only resolve', async () => {
    h = await startConsoleApp({ config: slaConfig() });
    await h.say('incident declare sev2 "Checkout slow" service:web');
    h.clock.advance('10m');
    const ack = await h.say('incident assign INC-1 commander @bob');
    expect(ack).toContain('Acknowledge SLA: ✅ met in 10m');
    expect(h.app.scheduler.pending(slaKey('INC-1', 'ack'))).toBeUndefined();
    expect(h.app.scheduler.pending(slaKey('INC-1', 'resolve'))?.due.toISOString()).toBe('2026-11-21T17:00:00.000Z');
    expect(await h.advance('1h')).not.toContain('breached its');
    const late = await h.advance('7h');
    expect(breaches(late, 'resolve')).toBe(2);
    expect(late).toContain('@bob (commander): sev2 incidents are to be resolved within 8h 00m');
    expect(h.app.deps.queries.get('incidents')?.get('INC-1')?.sla).toEqual({ ackDueAt: '2026-11-21T09:15:00.000Z', ack: 'met', resolveDueAt: '2026-11-21T17:00:00.000Z', resolve: 'breached' });
    await h.say('incident resolve INC-1 Cache warmed');
    const md = await (await fetch(`${h.app.url}/incidents/INC-1/postmortem.md`)).text();
    expect(md).toMatch(/\| Time to acknowledge \| 15m \| 2026-11-21 10:15 GMT\+1 \| 2026-11-21 10:10 GMT\+1 \(10m\) \| ✅ met \|/);
    expect(md).toMatch(/\| Time to resolve \| 8h 00m \| 2026-11-21 18:00 GMT\+1 \| 2026-11-21 18:10 GMT\+1 \(8h 10m\) \| ❌ breached \|/);
    expect(h.app.scheduler.pending(slaKey('INC-1', 'resolve'))).toBeUndefined();
  });

  it('raising the severity moves the clock: a target already passed is breached at once, once', async () => {
    h = await startConsoleApp({ config: slaConfig() });
    await h.say('incident declare sev2 "Checkout slow" service:web');
    h.clock.advance('10m');
    await h.say('incident severity INC-1 sev1');
    expect(h.app.scheduler.pending(slaKey('INC-1', 'ack'))?.due.toISOString()).toBe('2026-11-21T09:05:00.000Z');
    expect(breaches(await h.advance('1s'), 'acknowledge')).toBe(2);
    expect(breaches(await h.advance('1h'), 'acknowledge')).toBe(0);
    const rec = await stored(h.dataDir, 'INC-1');
    expect(rec.timeline.filter((e) => e.kind === 'sla')).toMatchObject([{ at: '2026-11-21T09:10:00.000Z', text: 'Acknowledge SLA breached: not acknowledged within 5m (sev1)' }]);
  });

  it('a breach while the bot was down is posted once on start; a private incident tells only its channel', async () => {
    h = await startConsoleApp({ config: slaConfig() });
    await h.say('incident declare sev1 "Payroll data exposed" service:backups private');
    await h.app.stop();
    h.clock.advance('30m');
    h = await h.restart();
    const out = h.out.take();
    expect(out.split('\n').filter((l) => l === '⏰ INC-1 breached its acknowledge SLA')).toHaveLength(1);
    expect(out).toMatch(/── #inc-1-payroll-data-exposed · m\d+ ──\nINC-1 breached its acknowledge SLA/);
    expect(out).not.toContain(`── ${ANN}`);
    expect(await h.advance('1m')).not.toContain('breached its');
  });

  it('without incidents.sla nothing changes: no SLA on the card, no job', async () => {
    h = await startConsoleApp();
    const declared = await h.say('incident declare sev1 "Database down" service:api');
    expect(declared).not.toContain('SLA');
    expect(h.app.scheduler.pending(slaKey('INC-1', 'ack'))).toBeUndefined();
    expect(h.app.deps.queries.get('incidents')?.get('INC-1')?.sla).toBeUndefined();
  });
});
