// The change skill end to end through the console adapter (`as <person>`), the real router,
// store, scheduler and HTTP server, with a fake clock.
import ical from 'node-ical';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/core/domain-events.js';
import { exampleConfig, startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { someIncidents } from './incidents.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

// The fake clock starts at Sat 21 Nov 2026 09:00 UTC (10:00 in Berlin, the org's zone).
const HIGH = 'change request "Upgrade Postgres to 16" risk:high start:2026-11-24T14:00 end:2026-11-24T16:00 service:api rollback:"restore the snapshot"';

function listen(app: ConsoleHarness['app']): string[] {
  const seen: string[] = [];
  for (const n of ['change.requested', 'change.approved', 'change.rejected', 'change.started', 'change.completed', 'change.failed', 'change.cancelled'] as const) {
    app.deps.events.on(n, (e: ChangeEvent) => void seen.push(`${n}:${e.id}:${e.state}`));
  }
  return seen;
}

describe('change requests in the console', () => {
  it('a full approval and implementation with `as`: self-approval and non-approvers refused, quorum, start, complete', async () => {
    h = await startConsoleApp();
    const events = listen(h.app);
    const requested = await h.say(HIGH);
    expect(requested).toMatch(/── #changes · m1 ──\nCHG-1 · Upgrade Postgres to 16\n⏳ Pending approval — 0 of 2 approval\(s\) from Change Advisory Board/);
    expect(requested).toContain('📝 CHG-1 "Upgrade Postgres to 16" requested for Tue 24 Nov 14:00 GMT+1 – 16:00 GMT+1: it needs 2 approval(s) from Change Advisory Board');

    expect(await h.say('change approve CHG-1')).toContain('You requested CHG-1: a change is never approved by its own requester');
    expect(await h.say('as bob change approve CHG-1')).toContain('Only members of Change Advisory Board (@alice, @dave, @frank) can approve CHG-1');
    expect(await h.say('as carol change approve CHG-1')).toContain("You can't do that: this needs the changes permission");
    const first = await h.say('as dave change approve chg-1 fine by me');
    expect(first).toContain('── #changes · m1 (updated) ──');
    expect(first).toContain('Approvals: @dave: fine by me');
    expect(await h.say('as dave change approve 1')).toBe('(to @dave) You already approved CHG-1; one approval per person, so nothing changed.\n');
    const second = await h.say('as frank change approve CHG-1');
    expect(second).toMatch(/── #changes · m1 \(updated\) ──\nCHG-1 · Upgrade Postgres to 16\n✅ Approved/);
    expect(second).toMatch(/── DM to @alice · m\d+ ──\n✅ Your change CHG-1 is approved\./);

    expect(await h.say('change start CHG-1')).toMatch(/CHG-1's window opens Tue 24 Nov 14:00 .*; start it then/);
    h.clock.set('2026-11-24T13:00:00Z');
    expect(await h.say('as bob change start CHG-1')).toContain('Only the requester, members of Change Advisory Board or an admin can start CHG-1');
    expect(await h.say('change start CHG-1')).toContain('CHG-1 is in progress.');
    expect(await h.say('as dave change complete CHG-1 all green')).toContain('CHG-1 is completed.');
    const show = await h.say('change show CHG-1');
    expect(show).toContain('🏁 Completed');
    expect(show).toMatch(/@dave · completed — all green/);
    expect(show).not.toContain('[');

    expect(events).toEqual(['change.requested:CHG-1:pending', 'change.approved:CHG-1:approved', 'change.started:CHG-1:in_progress', 'change.completed:CHG-1:completed']);
    expect(h.app.deps.audit.entries('CHG-1').map((e) => `${e.action}:${e.actor.personId}`)).toEqual([
      'change.request:alice',
      'change.approve_refused:alice',
      'change.approve_refused:bob',
      'change.approve:dave',
      'change.approve:frank',
      'change.start:alice',
      'change.complete:dave',
    ]);
  });

  it('bad input gets what was wrong, the usage and an example, and changes nothing', async () => {
    h = await startConsoleApp();
    const cases: Array<[string, RegExp]> = [
      ['change request "Swap disks" risk:low start:tomorrow 10:00 end:tomorrow 09:00', /The window ends \(Sun 22 Nov 09:00 .*\) before it starts \(Sun 22 Nov 10:00 .*\): end: must be after start:/],
      ['change request "Swap disks" risk:low start:tomorrow 10:00 end:tomorrow 11:00 service:databse', /Unknown service "databse"\. Services: api, web, payments, backups\./],
      ['change request "Swap disks" risk:low start:2026-11-20T10:00 end:2026-11-20T11:00', /That window is in the past: it ended Fri 20 Nov 11:00 .* \(now is Sat 21 Nov 10:00 .*\)/],
      ['change request "Swap disks" risk:extreme start:+1h end:+2h', /risk:: expected one of low, medium, high, got "extreme"/],
      ['change request "Swap disks" risk:low start:soon end:+2h', /start:: expected an ISO time/],
      ['change request "Swap disks" risk:low start:+1h', /Missing end:/],
      ['change request "Swap disks" risk:low start:+1h end:+2h type:emergency', /An emergency change needs a linked open incident/],
    ];
    for (const [line, why] of cases) {
      const out = await h.say(line);
      expect(out, line).toMatch(why);
      expect(out, line).toContain('Usage: change request <title…> risk:<low|medium|high> start:<time> end:<time>');
      expect(out, line).toContain('Example: change request');
      expect(out, line).not.toContain('── #changes');
    }
    expect(await h.say('change approve CHG-99')).toContain('There is no change CHG-99.');
    expect(await h.say('change approve banana')).toMatch(/<id>: "banana" is not valid here/);
    expect(await h.say('change list all')).toContain('No changes.');
    expect(h.app.deps.audit.entries().filter((e) => e.action.startsWith('change.'))).toEqual([]);
    // Not even a number was used up.
    expect(await h.say('change request "Swap disks" risk:low start:+1h end:+2h')).toContain('CHG-1 "Swap disks" requested');
  });

  it('without a changes section, says what to set up', async () => {
    h = await startConsoleApp({ config: { ...exampleConfig(), changes: undefined } });
    expect(await h.say('change request "Swap disks" risk:low start:+1h end:+2h')).toContain('Change approval is not set up: the config has no changes.approver_groups.');
    expect(await h.say('change list')).toContain('No changes.');
    expect((await fetch(`${h.app.url}/changes.ics`)).status).toBe(200);
  });

  it('refuses a normal change in a freeze window, naming it', async () => {
    h = await startConsoleApp();
    const out = await h.say('change request "Deploy shop v2" risk:medium start:2026-12-21T10:00 end:2026-12-21T12:00 service:web');
    expect(out).toContain('The window runs into the freeze window "Year-end freeze" (Fri 18 Dec 18:00');
    expect(out).toContain('normal changes are blocked then');
    expect(await h.say('change list all')).toContain('No changes.');
  });

  it('a rejection from the form template rejects at once and tells the requester', async () => {
    h = await startConsoleApp();
    const events = listen(h.app);
    await h.say('as erin change request "Drop legacy tables" risk:low start:+2h end:+3h service:payments');
    // The console has no forms: the card shows the form's command template instead.
    expect(await h.say('as bob change reject CHG-1')).toContain('Missing <reason…>');
    const out = await h.say('as bob change reject CHG-1 "no backup taken"');
    expect(out).toMatch(/── #changes · m1 \(updated\) ──\nCHG-1 · Drop legacy tables\n⛔ Rejected — by @bob: no backup taken/);
    expect(out).toContain('── DM to @erin');
    expect(await h.say('as dave change approve CHG-1')).toContain('CHG-1 was rejected by @bob (no backup taken); it cannot be approved now.');
    expect(events).toEqual(['change.requested:CHG-1:pending', 'change.rejected:CHG-1:rejected']);
  });

  it('standard changes from a template are approved at once', async () => {
    h = await startConsoleApp();
    const events = listen(h.app);
    const out = await h.say('as erin change request type:standard template:cert-rotation start:tomorrow 09:00 end:tomorrow 10:00');
    expect(out).toContain('✅ Approved — pre-approved standard change (template cert-rotation)');
    expect(out).toContain('CHG-1 "Rotate TLS certificates" is a pre-approved standard change');
    expect(events).toEqual(['change.requested:CHG-1:approved', 'change.approved:CHG-1:approved']);
    expect(await h.say('as erin change request type:standard template:nope start:+1h end:+2h')).toContain('There is no standard change template "nope" (templates: cert-rotation).');
  });

  it('emergency changes need an open incident, skip freezes, and are reviewed after', async () => {
    h = await startConsoleApp({});
    const { open, resolved } = await someIncidents(h);
    h.clock.set('2026-12-21T09:00:00Z'); // inside the year-end freeze
    expect(await h.say('as erin change request "Roll back payments" risk:medium start:now end:+1h service:payments')).toContain('"Year-end freeze"');
    expect(await h.say(`as erin change request "Roll back payments" risk:medium start:now end:+1h service:payments type:emergency incident:${resolved}`)).toContain(
      `${resolved} is resolved; an emergency change needs an open incident.`,
    );
    expect(await h.say('as erin change request "Roll back payments" risk:medium start:now end:+1h type:emergency incident:INC-999')).toContain('There is no incident INC-999.');
    const ok = await h.say(`as erin change request "Roll back payments" risk:medium start:now end:+1h service:payments type:emergency incident:${open}`);
    expect(ok).toContain(`CHG-1 "Roll back payments" is an emergency change for ${open}: approved now, reviewed after by Change Advisory Board.`);
    expect(ok).toContain('🔎 Emergency change: reviewed after by Change Advisory Board (0 of 1).');
    expect(await h.say('as erin change start CHG-1')).toContain('CHG-1 is in progress.');
    expect(await h.say('as frank change approve CHG-1 sensible rollback')).toContain('The review of emergency change CHG-1 is complete: accepted.');
    expect(h.app.deps.audit.entries('CHG-1').map((e) => e.action)).toEqual(['change.request', 'change.start', 'change.review']);
  });
});

describe('durable timers', () => {
  it('reminds the approvers still missing before the window, once, and keeps those DMs current', async () => {
    h = await startConsoleApp();
    // Window 13:00 Berlin = 12:00 UTC; remind_before 1h → 11:00 UTC.
    await h.say('change request "Resize the API cluster" risk:high start:today 13:00 end:today 15:00 service:api');
    expect(await h.advance('1h')).toBe('');
    const reminded = await h.advance('1h');
    expect(reminded).toMatch(/── DM to @dave · m\d+ ──\n⏰ CHG-1 starts in 1h 00m \(Sat 21 Nov 13:00 .*\) and still needs 2 approval\(s\) from Change Advisory Board\./);
    expect(reminded).toContain('── DM to @frank');
    expect(reminded).not.toContain('DM to @alice');
    const approved = await h.say('as dave change approve CHG-1');
    expect(approved.match(/\(updated\)/g)?.length).toBe(3); // the channel card and both reminder DMs
    expect(await h.advance('30m')).toBe('');
  });

  it('a change still pending when its window ends lapses, also across a restart', async () => {
    h = await startConsoleApp();
    await h.say('as erin change request "Patch the bastion" risk:medium start:+1h end:+2h');
    h = await h.restart();
    const events = listen(h.app);
    expect(await h.advance('1h59m')).not.toContain('Cancelled');
    const lapsed = await h.advance('1m');
    expect(lapsed).toMatch(/CHG-1 · Patch the bastion\n🚫 Cancelled — its window passed before it was approved/);
    expect(lapsed).toContain('── DM to @erin');
    expect(lapsed).toContain('⌛ Your change CHG-1 lapsed');
    expect(events).toEqual(['change.cancelled:CHG-1:cancelled']);
    expect(h.app.deps.audit.entries('CHG-1').map((e) => e.action)).toEqual(['change.request', 'change.lapse']);
    expect(await h.say('as bob change approve CHG-1')).toContain('CHG-1 lapsed: its window passed before it was approved; it cannot be approved now.');
    expect(await h.advance('1d')).toBe('');
  });
});

describe('what other skills and calendars see', () => {
  it('ChangeQueries: pending, in a window (rejected and cancelled left out), freezes', async () => {
    h = await startConsoleApp();
    await h.say('as erin change request "A" risk:low start:today 14:00 end:today 15:00 service:api');
    await h.say('as erin change request "B" risk:low start:today 12:00 end:today 13:00 service:web');
    await h.say('as erin change cancel CHG-2');
    const q = h.app.deps.queries.get('changes')!;
    expect(q.pending().map((c) => c.id)).toEqual(['CHG-1']);
    expect(q.inWindow(new Date('2026-11-21T00:00:00Z'), new Date('2026-11-22T00:00:00Z')).map((c) => c.id)).toEqual(['CHG-1']);
    expect(q.get('CHG-1')).toMatchObject({ requestedBy: 'erin', approvalsNeeded: 1, serviceId: 'api', start: '2026-11-21T19:00:00.000Z' }); // 14:00 in New York, erin's zone
    expect(q.freezesAt(new Date('2026-12-24T12:00:00Z')).map((f) => f.name)).toEqual(['Year-end freeze']);
    expect(q.freezesAt(new Date('2026-11-24T12:00:00Z'))).toEqual([]);
    expect(await h.say('change list today')).toMatch(/Changes today \(Sat 21 Nov\)\n\*\*CHG-1\*\*|Changes today \(Sat 21 Nov\)\nCHG-1 · pending/);
    expect(await h.say('change list')).not.toContain('CHG-2');
  });

  it('GET /changes.ics serves the change calendar with freezes', async () => {
    h = await startConsoleApp();
    await h.say(HIGH);
    await h.say('as erin change request "Old idea" risk:low start:+1h end:+2h');
    await h.say('as erin change cancel CHG-2 not needed');
    const res = await fetch(`${h.app.url}/changes.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = Object.values(ical.sync.parseICS(await res.text())).filter((e): e is ical.VEvent => e?.type === 'VEVENT');
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const chg1 = byUid.get('chg-1@switchboard')!;
    expect(chg1.start.toISOString()).toBe('2026-11-24T13:00:00.000Z');
    expect(chg1.end?.toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(chg1.summary).toBe('CHG-1 Upgrade Postgres to 16 [high, pending]');
    expect(chg1.status).toBe('TENTATIVE');
    expect(byUid.get('chg-2@switchboard')?.status).toBe('CANCELLED');
    const freeze = byUid.get('freeze-year-end@switchboard')!;
    expect(freeze.summary).toBe('Change freeze: Year-end freeze');
    expect(freeze.start.toISOString()).toBe('2026-12-18T17:00:00.000Z');
  });
});
