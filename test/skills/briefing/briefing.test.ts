// The morning briefing end to end: incidents, changes, statuses and standup answers seeded
// through the real commands of their skills, pages and shifts through a fake on-call view
// (that skill is built in parallel), a failing monitor against a local server; then every
// section checked as a user reads it. And a quiet day, where each section is one line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { FlakyServer } from '../status/helpers.js';
import { fakeOnCall, page, type FakeOnCall } from '../standup/fakes.js';
import { printed, SRE_STANDUP, SRE_TEAM, walkTo, withRituals } from '../standup/helpers.js';

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

const BRIEFING = `briefings:
  - id: morning
    cron: "0 8 * * 1-5"
    timezone: Europe/Berlin
    teams: [platform, sre]
`;

/** A freeze on the backups service all Tuesday, and a monitor of the payments component on the local server. */
const extras = (url: string): [string, string][] => [
  ['  templates:\n', '    - { id: backup-move, name: Backup migration freeze, start: 2026-11-24T00:00, end: 2026-11-25T00:00, services: [backups] }\n  templates:\n'],
  ['      failures_before_change: 3\n', `      failures_before_change: 3\n    - { id: payments-health, component: payments, url: "${url}", interval: 60s, timeout: 1s, failures_before_change: 2, failure_status: partial_outage }\n`],
];

function sections(briefing: string): string[] {
  return briefing.split('\n—\n');
}

describe('the morning briefing', () => {
  it('says every section: status, incidents, resolved, on call, changes with Approve buttons, monitors, standup blockers', async () => {
    srv.mode = 'fail';
    h = await startConsoleApp({ config: withRituals(SRE_STANDUP + BRIEFING, { extraTeams: SRE_TEAM, replace: extras(srv.url) }), clock: new FakeClock('2026-11-23T06:30:00Z') });
    // Monday 07:30 Berlin: an incident resolved more than 24 h before the briefing.
    await h.say('incident declare sev4 "Old typo" service:web');
    await h.say('incident resolve INC-1 fixed');
    await walkTo(h, '2026-11-23T07:00:00Z');
    // Monday 08:00 Berlin.
    await h.say('incident declare sev1 "Checkout down" service:api');
    await h.say('incident assign INC-2 commander @bob');
    await h.say('incident declare sev3 "Slow search" service:web');
    await h.say('incident declare sev4 "HR export mismatch" private');
    await h.say('status set web degraded_performance "Search is slow"');
    await h.say('change request "Upgrade Postgres" risk:low start:2026-11-24T14:00 end:2026-11-24T15:00 service:api');
    await h.say('as bob change approve CHG-1');
    await h.say('change request "Rotate API keys" risk:medium start:2026-11-24T16:00 end:2026-11-24T17:00 service:web');
    await h.say('change request "Move DNS" risk:low start:2026-11-26T10:00 end:2026-11-26T11:00 service:web');
    await h.say('as bob standup yesterday:"On call" today:"Reviews" blockers:none');
    await h.say('as alice standup yesterday:"Certs" today:"Postgres prep" blockers:"waiting for the <DB> credentials"');
    // Tuesday 06:00 Berlin: INC-3 resolved, 22 h after it was declared.
    await walkTo(h, '2026-11-24T05:00:00Z', 60 * 60_000);
    await h.say('incident resolve INC-3 "index rebuilt"');
    fakeOnCall(h.app.deps.queries, {
      shifts: { 'platform-primary': { scheduleId: 'platform-primary', personId: 'carol', start: new Date('2026-11-23T08:00:00Z'), end: new Date('2026-11-24T08:00:00Z') } },
      handoffs: [
        { scheduleId: 'platform-primary', at: new Date('2026-11-24T08:00:00Z'), from: 'carol', to: 'alice' },
        { scheduleId: 'payments-primary', at: new Date('2026-11-24T15:00:00Z'), from: 'dave', to: 'erin' },
      ],
      pages: [
        page({ id: 'PAGE-7', summary: 'Checkout 5xx', severity: 1, status: 'triggered', createdAt: '2026-11-24T05:40:00.000Z' }),
        page({ id: 'PAGE-6', summary: 'Disk 90%', severity: 3, status: 'acknowledged', acknowledgedBy: 'bob', acknowledgedAt: '2026-11-24T05:00:00.000Z', createdAt: '2026-11-24T04:50:00.000Z' }),
        page({ id: 'PAGE-5', summary: 'Old', status: 'resolved' }),
      ],
    });

    const out = await walkTo(h, '2026-11-24T07:00:00Z');
    const posts = [...printed(out, '#platform'), ...printed(out, '#sre')].filter((m) => m.startsWith('☀️'));
    expect(posts).toHaveLength(2);
    expect(posts[0]).toBe(posts[1]);
    const b = posts[0];
    expect(b.split('\n')[0]).toBe('☀️ Northwind Traders briefing · Tue 24 Nov');
    const s = sections(b);
    expect(s).toHaveLength(7);
    expect(s[0]).toBe(
      [
        'Status: 🔴 Major service outage',
        '• Public API — major outage since Mon 23 Nov 08:00',
        '• Web shop — degraded performance since Mon 23 Nov 08:00',
        '• Payments — partial outage since Mon 23 Nov 07:45',
      ].join('\n').replace(/^/, '☀️ Northwind Traders briefing · Tue 24 Nov\n'),
    );
    expect(s[1]).toBe(
      ['Open incidents (2)', '• 🔴 INC-2 sev1 · Checkout down — investigating, 1d old, commander Bob Okafor', '• ⚪ INC-4 sev4 · private incident — investigating, 1d old, no commander'].join('\n'),
    );
    expect(s[2]).toBe(['Resolved in the last 24 h (1)', '• 🟡 INC-3 sev3 · Slow search — resolved in 22h 00m (at 06:00)'].join('\n'));
    expect(s[3]).toBe(
      [
        'On call',
        '• Platform primary: Carol Nguyen until 09:00',
        '• 🔄 09:00 Platform primary: Carol Nguyen → Alice Martin',
        '• 🔔 PAGE-7 sev1 · Checkout 5xx — paged 06:40, ⚠️ not acknowledged',
        '• 🔔 PAGE-6 sev3 · Disk 90% — paged 05:50, acknowledged by Bob Okafor',
      ].join('\n'),
    );
    expect(s[4]).toBe(
      [
        'Changes today (2)',
        '• 14:00–15:00 CHG-1 Upgrade Postgres · low risk · approved',
        '• 16:00–17:00 CHG-2 Rotate API keys · medium risk · pending approval',
        '⏳ Waiting for approval (2)',
        '• CHG-2 Rotate API keys · medium risk · 0 of 1 · window 16:00',
        '• CHG-3 Move DNS · low risk · 0 of 1 · window Thu 26 Nov 10:00',
        '❄️ Backup migration freeze (backups) in force until Wed 25 Nov 00:00',
        '  [Approve CHG-2] → change approve CHG-2',
        '  [Approve CHG-3] → change approve CHG-3',
      ].join('\n'),
    );
    expect(s[5]).toBe('Failing monitors (1)\n• payments-health (Payments) failing since Mon 23 Nov 07:30 — HTTP 503 (expected 200)');
    expect(s[6].split('\n').slice(0, 2)).toEqual(['Standup blockers (1)', '• 🚧 Alice Martin (SRE, Mon 23 Nov): waiting for the <DB> credentials']);
    expect(b).not.toContain('HR export');
    expect(b).not.toContain('Old typo');
    expect(b).not.toContain('Dave');
    expect(b).not.toContain('@');

    // The Approve button runs the change command; `briefing` in #sre answers there and posts to #platform.
    expect(await h.say('as dave change approve CHG-2')).toContain('CHG-2 is approved');
    const again = await h.say('in #sre briefing');
    expect(again).toMatch(/^── #platform · m\d+ ──\n☀️ Northwind Traders briefing/);
    expect(again).toContain('Also posted to #platform.');
    expect(again).toContain('• CHG-3 Move DNS · low risk · 0 of 1');
    expect(again).not.toContain('[Approve CHG-2]');
    expect(h.app.deps.audit.entries().filter((e) => e.action === 'briefing.post').map((e) => e.target)).toEqual(['morning']);
  });

  it('on a quiet day every section is one line; sections of skills not running are left out', async () => {
    const quiet = `${SRE_STANDUP}briefings:
  - id: morning
    cron: "0 8 * * 1-5"
    teams: [sre]
    sections: [standups, incidents, oncall, resolved, changes, status, monitors]
`;
    h = await startConsoleApp({ config: withRituals(quiet, { extraTeams: SRE_TEAM }), clock: new FakeClock('2026-11-23T07:00:00Z') });
    // No on-call view yet (that skill not running): the section is left out.
    let b = printed(await walkTo(h, '2026-11-24T07:00:00Z', 60 * 60_000), '#sre').find((m) => m.startsWith('☀️'));
    expect(b).toBe(
      [
        '☀️ Northwind Traders briefing · Tue 24 Nov',
        'Standup blockers: none at the last standup',
        '—',
        'Open incidents: ✅ none',
        '—',
        'Resolved in the last 24 h: none',
        '—',
        'Changes: none today, none waiting for approval, no freeze',
        '—',
        'Status: 🟢 All systems operational',
        '—',
        'Monitors: ✅ all passing',
        'As of Tue 24 Nov 08:00 GMT+1 · briefing posts it again',
      ].join('\n') + '\n',
    );
    // With an on-call view but no schedule for the briefing's team, still left out.
    fakeOnCall(h.app.deps.queries, { shifts: { 'platform-primary': { scheduleId: 'platform-primary', personId: 'carol', start: new Date(), end: new Date() } } });
    b = await h.say('briefing');
    expect(b).not.toContain('On call');
  });

  it('a quiet on-call day is one line; nobody on call is flagged', async () => {
    h = await startConsoleApp({ config: withRituals(BRIEFING, { extraTeams: SRE_TEAM }), clock: new FakeClock('2026-11-24T07:30:00Z') });
    const oncall: FakeOnCall = { shifts: { 'platform-primary': { scheduleId: 'platform-primary', personId: 'carol', start: new Date('2026-11-23T08:00:00Z'), end: new Date('2026-11-30T08:00:00Z') } } };
    fakeOnCall(h.app.deps.queries, oncall);
    const b = await h.say('in #platform briefing');
    expect(b).toContain('On call: Platform primary: Carol Nguyen until Mon 30 Nov 09:00\n');
    expect(b).not.toContain('Standup blockers');
    expect(b).toContain('Also posted to #sre.');
    oncall.shifts = {};
    expect(await h.say('briefing')).toContain('On call: Platform primary: ⚠️ nobody on call\n');
  });

  it('with no briefing configured, `briefing` answers here and posts nowhere; an unknown id is refused', async () => {
    h = await startConsoleApp({ config: withRituals('standups: []\nbriefings: []'), clock: new FakeClock('2026-11-24T07:30:00Z') });
    const out = await h.say('briefing');
    expect(out).toMatch(/^☀️ Northwind Traders briefing · Tue 24 Nov\nStatus: 🟢 All systems operational\n/);
    expect(out).not.toContain('── #');
    expect(out).not.toContain('Standup blockers');
    expect(await h.say('briefing evening')).toContain('⚠️ There is no briefing "evening". Briefings: none configured.');
  });
});
