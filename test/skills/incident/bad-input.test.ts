// Bad input gets a clear answer (what was wrong, usage, example) and changes nothing: no
// record, no post, no channel, no reminder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startConsoleApp, exampleConfig, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { storedIncidents } from './helpers.js';

let h: ConsoleHarness;
afterEach(async () => {
  await h?.stop();
  await cleanupTempDirs();
});

/** Says a line; expects a refusal only (no channel output) and an unchanged store. */
async function refused(line: string): Promise<string> {
  const before = JSON.stringify(await storedIncidents(h.dataDir));
  const jobs = h.app.scheduler.pending('incident-reminder:INC-1')?.due.toISOString();
  const out = await h.say(line);
  expect(out.startsWith('⚠️ ') || out.startsWith('(to @')).toBe(true);
  expect(out).not.toContain('── ');
  expect(JSON.stringify(await storedIncidents(h.dataDir))).toBe(before);
  expect(h.app.scheduler.pending('incident-reminder:INC-1')?.due.toISOString()).toBe(jobs);
  return out;
}

describe('incident bad input', () => {
  beforeEach(async () => {
    h = await startConsoleApp();
  });

  it('an unknown severity names the severities; no number is used up', async () => {
    const out = await refused('incident declare sev5 "Disk full on db-1"');
    expect(out).toContain('⚠️ Unknown severity "sev5". Severities: sev1 Critical, sev2 Major, sev3 Minor, sev4 Low.');
    expect(out).toContain('Usage: incident declare <sev1-4> <title…> [service:<id>] [private]');
    expect(out).toContain('Example: incident declare sev2 "Checkout fails for card payments" service:web');
    expect(await refused('incident declare')).toContain('⚠️ Missing <severity>: sev1 (most severe) to sev4.');
    expect(await refused('incident declare sev2')).toContain('⚠️ Missing <title>: what is broken, in one line.');
    expect(await refused('incident declare sev2 Disk full service:dbx')).toContain('⚠️ Unknown service "dbx". Services: api, web, payments, backups.');
    expect(await h.say('incident declare sev2 Disk full')).toContain('Declared INC-1');
  });

  it('a 5 000-character title is refused, and so is one just over the limit', async () => {
    const huge = await refused(`incident declare sev2 ${'x'.repeat(5000)}`);
    expect(huge).toMatch(/^⚠️ That command is 5,022 characters long; the limit is 4,000\./);
    const over = await refused(`incident declare sev2 ${'y'.repeat(151)}`);
    expect(over).toContain('⚠️ The title is 151 characters long; keep it to 150 (a one-line summary; details go in incident note).');
    expect(over).toContain('Usage: incident declare');
    expect(await storedIncidents(h.dataDir)).toEqual([]);
  });

  describe('with an incident', () => {
    beforeEach(async () => {
      await h.say('incident declare sev2 "Checkout fails" service:web');
    });

    it('an unknown incident, a missing id outside its channel, or a word that is no id', async () => {
      expect(await refused('incident update INC-99 identified found it')).toContain('⚠️ There is no incident INC-99. incident list all shows the ones you can see.');
      expect(await refused('incident resolve INC-42')).toContain('⚠️ There is no incident INC-42.');
      expect(await refused('incident show INC-7')).toContain('⚠️ There is no incident INC-7.');
      expect(await refused('incident note Rollback started')).toContain('⚠️ Which incident? Give its id (e.g. INC-7), or run this in the incident’s own channel.');
      expect(await refused('incident show 42')).toContain('⚠️ "42" is not an incident id; ids look like INC-7.');
    });

    it('resolving twice', async () => {
      await h.advance('12m');
      expect(await h.say('incident resolve INC-1 Fixed')).toContain('✅ INC-1 resolved after 12m.');
      await h.advance('3m');
      const out = await refused('incident resolve INC-1 Fixed again');
      expect(out).toContain('⚠️ INC-1 is already resolved (3m ago by Alice Martin).');
      expect(out).toContain('Usage: incident resolve [id] [summary…]');
      expect(await refused('incident update INC-1 monitoring still fine')).toContain('⚠️ INC-1 was resolved 3m ago; it takes no more status updates.');
      expect(await refused('incident severity INC-1 sev1')).toContain('⚠️ INC-1 was resolved 3m ago; its severity can no longer change.');
    });

    it('assigning an unknown person or role', async () => {
      const out = await refused('incident assign INC-1 commander @zed');
      expect(out).toContain('⚠️ No person "@zed" in the config (known: @alice, @bob, @carol, @dave, @erin, @frank).');
      expect(out).toContain('Usage: incident assign [id] <commander|comms|scribe> <person|me>');
      expect(await refused('incident assign INC-1 boss @bob')).toContain('⚠️ Unknown role "boss". Roles: commander, comms, scribe.');
      expect(await refused('incident assign INC-1 commander')).toContain('⚠️ Missing <person>: a mention, @id, or me.');
      await h.say('incident assign INC-1 commander @bob');
      expect(await refused('incident assign INC-1 commander bob')).toContain('⚠️ Bob Okafor is already the commander of INC-1.');
    });

    it('bad statuses and severities on updates', async () => {
      expect(await refused('incident update INC-1 fixed all good')).toContain('⚠️ Unknown status "fixed". Use investigating, identified, monitoring (or incident resolve).');
      expect(await refused('incident update INC-1 resolved all good')).toContain('⚠️ To resolve INC-1, use incident resolve INC-1 [summary…].');
      expect(await refused('incident update INC-1 identified')).toContain('⚠️ Missing <text>: what changed.');
      expect(await refused('incident severity INC-1 sev2')).toContain('⚠️ INC-1 is already sev2.');
      expect(await refused('incident severity INC-1 critical-ish')).toContain('⚠️ Unknown severity "critical-ish".');
      expect(await refused(`incident note INC-1 ${'n'.repeat(3001)}`)).toContain('⚠️ The note is 3,001 characters long; the limit is 3,000.');
    });
  });
});

describe('sev1 permission', () => {
  it('is decided in the core: people without it, and unknown accounts, may declare sev2–4 only', async () => {
    const config = exampleConfig();
    config.permissions.sev1 = ['alice'];
    h = await startConsoleApp({ config });
    const out = await refused('as bob incident declare sev1 "Everything is down"');
    expect(out).toContain("You can't declare a sev1: this needs the sev1 permission (held by alice and admins: alice). Declare it as sev2; someone who may can raise it.");
    expect(await h.say('as bob incident declare sev2 "Everything is down"')).toContain('Declared INC-1');
    expect(await refused('as bob incident severity INC-1 sev1')).toContain("You can't raise an incident to sev1");
    expect(await h.say('incident severity INC-1 sev1')).toContain('✅ INC-1 is now sev1 (Critical).');

    const guest = { platform: 'slack' as const, userId: 'U0GUEST', name: 'Guest', timezone: 'UTC' };
    const channel = { platform: 'console' as const, id: '#console' };
    const denied = await h.app.router.dispatch({ actor: guest, channel, text: 'incident declare sev1 "Site down"' });
    expect(denied.text).toContain("You can't declare a sev1");
    const ok = await h.app.router.dispatch({ actor: guest, channel, text: 'incident declare sev3 "Site slow"' });
    expect(ok.text).toContain('Declared **INC-2**');
    const inc = (await storedIncidents(h.dataDir)).find((i) => i.id === 'INC-2');
    expect(inc).toMatchObject({ members: [], accounts: ['slack:U0GUEST'], declaredBy: { platform: 'slack', userId: 'U0GUEST', name: 'Guest' } });
  });
});
