// A whole incident run from Slack (issue 4), through the real Bolt app, router, incident skill,
// store and HTTP server, with Slack's Web API faked on 127.0.0.1: declare → channel created
// and card posted → update → assign → 📌 → resolve (from the card's form) → postmortem (from
// the card's button). Each step asserts what people see at the fake and what was stored.
import { afterEach, describe, expect, it } from 'vitest';
import { clickPayload, submitPayload } from '../../fakes/slack/signed-requests.js';
import { startSlackApp, type SlackHarness } from '../../helpers/slack-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { stored } from '../../skills/incident/helpers.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const field = (m: { blocks?: any[] }, name: string): string | undefined =>
  m.blocks?.flatMap((b) => b.fields ?? []).find((f: any) => f.text.startsWith(`*${name}*\n`))?.text.slice(name.length + 3);
const buttons = (m: { blocks?: any[] }) => m.blocks?.find((b) => b.type === 'actions')?.elements.map((e: any) => e.text?.text ?? e.placeholder?.text);
const json = (x: unknown) => JSON.stringify(x);

describe('incident, end to end in Slack', () => {
  it('runs a whole incident from declaration to postmortem', async () => {
    h = await startSlackApp();
    const { fake } = h;
    const t0 = h.clock.now();

    // Declare from #platform: the channel, the invitation, the card there, the announcement.
    const declared = await h.run({ command: '/incident', text: 'declare sev2 "Checkout fails for card payments" service:web', channel: 'C01PLATFORM' });
    expect(declared.status).toBe(200);
    expect(declared.ackMs).toBeLessThan(3000);
    expect((await declared.shown()).text).toBe('🔥 Declared *INC-1* · sev2 Major: Checkout fails for card payments → #inc-1-checkout-fails-for-card-payments (slack)');
    const channel = fake.channelByName('inc-1-checkout-fails-for-card-payments')!;
    expect(channel).toMatchObject({ is_private: false, topic: 'sev2 · Checkout fails for card payments' });
    expect([...channel.members]).toEqual(expect.arrayContaining(['U01ALICE01']));
    const card = fake.messagesIn(channel.id).find((m) => m.blocks?.[0]?.text?.text === '🔥 INC-1 · Checkout fails for card payments')!;
    expect([field(card, 'Severity'), field(card, 'Status'), field(card, 'Service')]).toEqual(['sev2 · Major', '*investigating*', 'Web shop']);
    const announcement = fake.messagesIn('C01INCIDENT').find((m) => m.blocks?.[0]?.text?.text === '🚨 INC-1 · Checkout fails for card payments')!;
    expect(json(announcement.blocks)).toContain('Join #inc-1-checkout-fails-for-card-payments');
    let rec = await stored(h.dataDir, 'INC-1');
    expect(rec).toMatchObject({ status: 'investigating', severity: 'sev2', serviceId: 'web', members: ['alice'] });
    expect(rec.cards).toEqual([{ platform: 'slack', channelId: channel.id, messageId: card.ts }]);
    expect(rec.announcements).toEqual([{ platform: 'slack', channelId: 'C01INCIDENT', messageId: announcement.ts }]);

    // Update inside the incident channel, without the id: posted there and announced; both cards edited in place.
    h.clock.advance('5m');
    const updated = await h.run({ command: '/incident', text: 'update identified Bad deploy of web 4.2', channel: channel.id });
    expect((await updated.shown())).toMatchObject({ response_type: 'ephemeral', text: '✅ INC-1 is now *identified*; the update is posted.' });
    expect(field(card, 'Status')).toBe('*identified*');
    expect(json(card.blocks)).toContain('*Latest:* identified: Bad deploy of web 4.2');
    expect(field(announcement, 'Status')).toBe('*identified*');
    const updateText = '📣 *INC-1* is *identified*: Bad deploy of web 4.2 — _Alice Martin_';
    const updateMsg = fake.messagesIn(channel.id).find((m) => m.text === updateText)!;
    expect(updateMsg).toBeDefined();
    expect(fake.messagesIn('C01INCIDENT').map((m) => m.text)).toContain(updateText);

    // Assign: Bob is invited and shown as commander, on the card and the announcement.
    const assigned = await h.run({ command: '/incident', text: 'assign INC-1 commander <@U01BOB0001>', channel: channel.id });
    expect((await assigned.shown()).text).toBe('✅ Bob Okafor is now commander of INC-1.');
    expect(channel.members.has('U01BOB0001')).toBe(true);
    expect(field(card, 'Commander')).toBe('<@U01BOB0001>');
    expect(field(announcement, 'Commander')).toBe('<@U01BOB0001>');

    // 📌 on what Carol wrote in the channel: on the timeline at its own time and author, once.
    h.clock.advance('3m');
    const written = new Date(t0.getTime() + 7 * 60_000);
    const said = fake.addMessage({ channel: channel.id, text: 'Rolled back web 4.2 on 3 of 5 nodes &amp; watching &lt;errors&gt;', user: 'U01CAROL01', ts: `${written.getTime() / 1000}.000100` });
    await h.slack.event({ type: 'reaction_added', user: 'U01CAROL01', reaction: 'pushpin', item: { type: 'message', channel: channel.id, ts: said.ts }, event_ts: '1' });
    await h.settle();
    await h.slack.event({ type: 'reaction_added', user: 'U01BOB0001', reaction: 'pushpin', item: { type: 'message', channel: channel.id, ts: said.ts }, event_ts: '2' });
    await h.settle();
    expect(fake.callsTo('conversations.history').map((c) => [c.args.channel, c.args.latest])).toEqual([
      [channel.id, said.ts],
      [channel.id, said.ts],
    ]);
    expect(fake.callsTo('chat.postEphemeral').map((c) => [c.args.user, c.args.text])).toEqual([
      ['U01CAROL01', "📌 Added to INC-1's timeline."],
      ['U01BOB0001', "That message is already on INC-1's timeline."],
    ]);
    expect(json(card.blocks)).toContain('📌');
    rec = await stored(h.dataDir, 'INC-1');
    const pins = rec.timeline.filter((e) => e.kind === 'pinned');
    expect(pins).toHaveLength(1);
    expect(pins[0]).toMatchObject({
      at: written.toISOString(),
      text: 'Rolled back web 4.2 on 3 of 5 nodes & watching <errors>',
      by: { personId: 'carol', platform: 'slack' },
      author: { personId: 'carol', userId: 'U01CAROL01' },
      ref: `slack:${channel.id}:${said.ts}`,
    });

    // Resolve from the card: Bob clicks Resolve, the modal asks for a summary, he submits it.
    h.clock.advance('32m');
    await h.slack.interaction(clickPayload(card, 'Resolve', { user: 'U01BOB0001', triggerId: 'trig.resolve' }));
    await h.settle();
    const modal = fake.callsTo('views.open').find((c) => c.args.trigger_id === 'trig.resolve')!.args.view;
    expect(modal.title.text).toBe('Resolve INC-1');
    await h.slack.interaction(submitPayload(modal, { summary: 'Rolled back web 4.2' }, { user: 'U01BOB0001' }));
    await h.settle();
    expect(card.blocks![0].text.text).toBe('✅ INC-1 · Checkout fails for card payments');
    expect(field(card, 'Status')).toBe('*resolved*');
    expect(buttons(card)).toEqual(['Postmortem', 'Show']);
    expect(announcement.blocks![0].text.text).toBe('✅ INC-1 · Checkout fails for card payments');
    expect(fake.messagesIn(channel.id).map((m) => m.text)).toContain('✅ INC-1 resolved after 40m. Next: `incident postmortem INC-1`.');
    rec = await stored(h.dataDir, 'INC-1');
    expect(rec).toMatchObject({ status: 'resolved', summary: 'Rolled back web 4.2', roles: { commander: 'bob' }, members: ['alice', 'bob'] });
    expect(rec.timeline.map((e) => e.kind)).toEqual(['declared', 'status', 'role', 'pinned', 'resolved']);
    expect(rec.timeline.find((e) => e.kind === 'resolved')?.by).toMatchObject({ personId: 'bob', platform: 'slack' });
    // One card and one announcement the whole time: edited in place, never reposted.
    expect(fake.messagesIn(channel.id).filter((m) => m.blocks?.[0]?.text?.text?.includes('INC-1 · Checkout'))).toEqual([card]);
    expect(card.edits).toBeGreaterThanOrEqual(4);

    // Postmortem from the card's button: uploaded as a file to the channel, served over HTTP.
    await h.slack.interaction(clickPayload(card, 'Postmortem', { user: 'U01ALICE01', responseUrl: fake.responseUrl('pm') }));
    await h.settle();
    const done = fake.callsTo('files.completeUploadExternal');
    expect(done).toHaveLength(1);
    expect(done[0].args).toMatchObject({ channel_id: channel.id, files: [{ title: 'Postmortem INC-1: Checkout fails for card payments' }] });
    const requested = fake.callsTo('files.getUploadURLExternal')[0].args;
    expect(requested.filename).toBe('INC-1-postmortem.md');
    const file = fake.uploads.get(done[0].args.files[0].id)!;
    for (const s of ['## Summary', '## Impact', '## Key times', '## Severity history', '## Roles', '## Timeline (Europe/Berlin)', '## Contributing changes', '## Action items']) expect(file).toContain(s);
    expect(file).toContain('Rolled back web 4.2 on 3 of 5 nodes & watching <errors>');
    expect(file).toContain('- **Time to resolve:** 40m');
    expect(file).toContain('- **commander:** Bob Okafor');
    expect(fake.responses.find((r) => r.id === 'pm')!.body.text).toContain(`/incidents/INC-1/postmortem.md`);
    const res = await fetch(`${h.app.url}/incidents/INC-1/postmortem.md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await res.text()).toBe(file);
  });
});
