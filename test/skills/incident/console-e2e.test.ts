// End to end through the console adapter: declare → channel created and card posted →
// update → assign → 📌 note → resolve → postmortem, asserting what a user sees and what is
// stored on disk (through router, skill, real store and the HTTP server).
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { messageId, printed, stored } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const CH = '#inc-1-checkout-fails-for-card-payments';
const ANN = '#platform-incidents';

describe('incident, end to end in the console', () => {
  it('runs a whole incident from declaration to postmortem', async () => {
    h = await startConsoleApp();
    const t0 = h.clock.now();

    // Declare: the channel, the invitation, the card there, the announcement, the answer.
    const declared = await h.say('incident declare sev2 "Checkout fails for card payments" service:web');
    expect(declared).toContain(`── created channel ${CH} (topic: sev2 · Checkout fails for card payments) ──`);
    expect(declared).toContain(`── ${CH}: invited @alice ──`);
    const cardId = messageId(declared, CH, '🔥 INC-1 · Checkout fails for card payments');
    const [card] = printed(declared, CH, cardId);
    expect(card).toContain('Severity: sev2 · Major');
    expect(card).toContain('Status: investigating');
    expect(card).toContain('Service: Web shop');
    expect(card).toContain('[Resolve] → incident resolve INC-1 {summary}');
    expect(card).toContain('[Severity: sev1 | sev2 | sev3 | sev4] → incident severity INC-1 {value}');
    const annId = messageId(declared, ANN, '🚨 INC-1 · Checkout fails for card payments');
    expect(printed(declared, ANN, annId)[0]).toContain(`Join ${CH}`);
    expect(declared).toMatch(new RegExp(`🔥 Declared INC-1 · sev2 Major: Checkout fails for card payments → ${CH}\\n?$`));
    let rec = await stored(h.dataDir, 'INC-1');
    expect(rec).toMatchObject({ file: 'open.json', status: 'investigating', severity: 'sev2', serviceId: 'web', teamId: 'platform', private: false, members: ['alice'] });
    expect(rec.channels).toEqual([{ platform: 'console', id: CH }]);
    expect(rec.cards).toEqual([{ platform: 'console', channelId: CH, messageId: cardId }]);
    expect(rec.announcements).toEqual([{ platform: 'console', channelId: ANN, messageId: annId }]);

    // Update inside the incident channel, without the id: the card changes in place.
    h.clock.advance('5m');
    const updated = await h.say(`in ${CH} incident update identified Bad deploy of web 4.2`);
    expect(printed(updated, CH, cardId).join('\n')).toContain('Status: identified');
    expect(printed(updated, CH, cardId).join('\n')).toContain('Latest: identified: Bad deploy of web 4.2');
    expect(printed(updated, ANN, annId).join('\n')).toContain('Status: identified');
    const updateMsg = messageId(updated, CH, '📣 INC-1 is identified: Bad deploy of web 4.2 — Alice Martin');
    messageId(updated, ANN, '📣 INC-1 is identified: Bad deploy of web 4.2 — Alice Martin');
    expect(updated).toContain('✅ INC-1 is now identified; the update is posted.');

    // Assign: the commander is invited and shown on the card.
    const assigned = await h.say('incident assign INC-1 commander @bob');
    expect(assigned).toContain(`── ${CH}: invited @bob ──`);
    expect(printed(assigned, CH, cardId).join('\n')).toContain('Commander: @bob');
    expect(assigned).toContain('👤 @bob is now commander of INC-1 — assigned by Alice Martin');

    // 📌 on the update message, later: it lands on the timeline at its own time, once.
    h.clock.advance('3m');
    const pinned = await h.say(`as carol react ${updateMsg} 📌`);
    expect(pinned).toContain(`── ${CH} (only @carol sees this) ──\n📌 Added to INC-1's timeline.`);
    expect(printed(pinned, CH, cardId).join('\n')).toContain('📌');
    const again = await h.say(`as bob react ${updateMsg} 📌`);
    expect(again).toContain("That message is already on INC-1's timeline.");
    rec = await stored(h.dataDir, 'INC-1');
    const pins = rec.timeline.filter((e) => e.kind === 'pinned');
    expect(pins).toHaveLength(1);
    expect(pins[0]).toMatchObject({ at: new Date(t0.getTime() + 5 * 60_000).toISOString(), by: { personId: 'carol', platform: 'console' }, ref: `console:${CH}:${updateMsg}` });
    expect(pins[0].text).toContain('Bad deploy of web 4.2');

    // Resolve, as the commander, in the channel.
    h.clock.advance('32m');
    const resolved = await h.say(`as bob in ${CH} incident resolve Rolled back web 4.2`);
    expect(resolved).toContain('✅ INC-1 is resolved: Rolled back web 4.2 — Bob Okafor');
    expect(printed(resolved, CH, cardId).join('\n')).toContain('[Postmortem] → incident postmortem INC-1');
    expect(printed(resolved, ANN, annId).join('\n')).toContain('✅ INC-1 · Checkout fails for card payments');
    expect(resolved).toContain('✅ INC-1 resolved after 40m. Next: incident postmortem INC-1.');
    rec = await stored(h.dataDir, 'INC-1');
    expect(rec).toMatchObject({ file: '2026-11.json', status: 'resolved', summary: 'Rolled back web 4.2', roles: { commander: 'bob' }, members: ['alice', 'bob'] });
    expect(rec.timeline.map((e) => e.kind)).toEqual(['declared', 'status', 'role', 'pinned', 'resolved']);
    expect(rec.timeline.find((e) => e.kind === 'resolved')?.by).toMatchObject({ personId: 'bob', platform: 'console', name: 'Bob Okafor' });

    // Postmortem: posted as a file in the channel and served over HTTP, the same text.
    const pm = await h.say('incident postmortem INC-1');
    const file = /----- INC-1-postmortem\.md -----\n([\s\S]*?)\n----- end of INC-1-postmortem\.md -----/.exec(pm)?.[1];
    expect(file).toBeDefined();
    expect(pm).toContain(`── ${CH} · m`);
    expect(pm).toContain(`📄 Postmortem of INC-1 posted in its channel. Also at ${h.app.deps.publicUrl}/incidents/INC-1/postmortem.md`);
    for (const s of ['## Summary', '## Impact', '## Key times', '## Severity history', '## Roles', '## Timeline (Europe/Berlin)', '## Contributing changes', '## Action items']) expect(file).toContain(s);
    expect(file).toContain('Rolled back web 4.2');
    expect(file).toContain('| 2026-11-21 10:05 GMT+1 | Alice Martin (console) | identified: Bad deploy of web 4.2 |');
    expect(file).toContain('- **Time to acknowledge:** 5m');
    expect(file).toContain('- **Time to resolve:** 40m');
    expect(file).toContain('- **commander:** Bob Okafor');
    const res = await fetch(`${h.app.url}/incidents/inc-1/postmortem.md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect((await res.text()).trimEnd()).toBe(file!.trimEnd());

    // Metrics: nothing open any more, one time to resolve of 40 minutes.
    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(metrics).toContain('switchboard_incidents_open{severity="sev2"} 0');
    expect(metrics).toContain('switchboard_incident_time_to_resolve_seconds_sum{severity="sev2"} 2400');
    expect(metrics).toContain('switchboard_incident_time_to_resolve_seconds_count{severity="sev2"} 1');
  });

  it('lists and shows incidents, counts open ones on /metrics, and serves 404 for unknown postmortems', async () => {
    h = await startConsoleApp();
    await h.say('incident declare sev3 "Slow search" service:api');
    await h.say('incident declare sev1 "Payments down" service:payments');
    h.clock.advance('2h');
    const list = await h.say('incident list');
    expect(list).toContain('2 open incidents');
    expect(list.indexOf('INC-2 sev1 · investigating · Payments down · 2h 00m')).toBeLessThan(list.indexOf('INC-1 sev3 · investigating · Slow search · 2h 00m'));
    // Times in the reader's zone: Dave is in New York.
    const show = await h.say('as dave incident show INC-2');
    expect(show).toContain('Open for: 2h 00m');
    expect(show).toContain('Time to resolve: —');
    expect(show).toContain('Timeline (America/New_York)');
    expect(show).toContain('21 Nov 04:00 Declared sev1: Payments down — Alice Martin (console)');
    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(metrics).toContain('switchboard_incidents_open{severity="sev1"} 1');
    expect(metrics).toContain('switchboard_incidents_open{severity="sev3"} 1');
    for (const path of ['/incidents/INC-9/postmortem.md', '/incidents/nonsense/postmortem.md']) {
      const res = await fetch(`${h.app.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not found' });
    }
    expect(await h.say('incident list all')).toContain('Incidents (2)');
  });

  it('answers `incident` with the declare form as a text prompt, and `incident help` with every subcommand', async () => {
    h = await startConsoleApp();
    const bare = await h.say('incident');
    expect(bare).toContain('Declare an incident with incident declare <sev1-4> <title…> [service:<id>] [private].');
    expect(bare).toContain('sev1 Critical — Customer-facing outage or data loss');
    expect(bare).toContain('incident declare <severity> <title> service:<service> visibility:<visibility>');
    const help = await h.say('incident help');
    for (const sub of ['declare', 'update', 'severity', 'assign', 'note', 'resolve', 'list', 'show', 'postmortem']) expect(help).toContain(`incident ${sub}`);
    expect(await h.say('incident frobnicate now')).toContain('Unknown subcommand "frobnicate" of incident.');
  });
});
