// The Slack flows end to end with the real skills: signed requests → real Bolt → router →
// incident / on-call skills → real store → fake Slack Web API. Assertions read what a Slack
// user would see at the fake (channels, messages, edits, modals, replies) and what was stored.
import { afterEach, describe, expect, it } from 'vitest';
import { clickPayload, findElement, slashCommandBody, submitPayload } from '../../fakes/slack/signed-requests.js';
import { startSlackApp, storedIds, storedRecords, type SlackHarness } from '../../helpers/slack-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { stored } from '../../skills/incident/helpers.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const json = (x: unknown) => JSON.stringify(x);
const field = (m: { blocks?: any[] }, name: string): string | undefined =>
  m.blocks?.flatMap((b) => b.fields ?? []).find((f: any) => f.text.startsWith(`*${name}*\n`))?.text.slice(name.length + 3);

/** Declares an incident with /incident from Slack; returns its channel, card, announcement and what the declarer was shown. */
async function declare(x: SlackHarness, title = 'Checkout is DOWN for EU — payments & <cards>', user = 'U01ALICE01', severity = 'sev2') {
  const run = await x.run({ command: '/incident', text: `declare ${severity} ${title}`, user });
  expect(run.status).toBe(200);
  const shown = await run.shown();
  await x.settle();
  const created = x.fake.callsTo('conversations.create').at(-1)!;
  const channel = x.fake.channelByName(created.args.name)!;
  const card = x.fake.messagesIn(channel.id).find((m) => m.blocks?.[0]?.text?.text?.startsWith('🔥 INC-'))!;
  const announcement = x.fake.messagesIn('C01INCIDENT').find((m) => m.blocks?.[0]?.text?.text?.startsWith('🚨 INC-'))!;
  return { channel, card, announcement, shown };
}

describe('Slack flows with the real skills', () => {
  it('/incident declare creates inc-<n>-<slug>, invites the declarer, sets the topic, posts the card and the announcement', async () => {
    h = await startSlackApp();
    const { channel, card, announcement, shown } = await declare(h);
    expect(channel.name).toBe('inc-1-checkout-is-down-for-eu-payments-cards');
    expect(channel.members.has('U01ALICE01')).toBe(true);
    expect(channel.topic).toBe('sev2 · Checkout is DOWN for EU — payments &amp; &lt;cards&gt;');
    expect(card.blocks![0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔥 INC-1 · Checkout is DOWN for EU — payments & <cards>', emoji: true } });
    expect([field(card, 'Severity'), field(card, 'Status'), field(card, 'Commander')]).toEqual(['sev2 · Major', '*investigating*', '_unassigned_']);
    const buttons = card.blocks!.find((b) => b.type === 'actions').elements.map((e: any) => e.text?.text ?? e.placeholder.text);
    expect(buttons).toEqual(['Update', 'Note', 'Take command', 'Assign', 'Severity', 'Resolve']);
    expect(findElement(card, 'Take command').value).toBe('c:incident assign INC-1 commander me');
    expect(card.text).toContain('INC-1 · Checkout is DOWN for EU — payments &amp; &lt;cards&gt;');
    expect(field(announcement, 'Status')).toBe('*investigating*');
    expect(json(announcement.blocks)).toContain('Join #inc-1-checkout-is-down-for-eu-payments-cards');
    expect(shown).toMatchObject({ response_type: 'in_channel', text: '🔥 Declared *INC-1* · sev2 Major: Checkout is DOWN for EU — payments &amp; &lt;cards&gt; → #inc-1-checkout-is-down-for-eu-payments-cards (slack)' });
    const rec = await stored(h.dataDir, 'INC-1');
    expect(rec).toMatchObject({ status: 'investigating', severity: 'sev2', members: ['alice'], title: 'Checkout is DOWN for EU — payments & <cards>' });
    expect(rec.channels).toEqual([{ platform: 'slack', id: channel.id }]);
    expect(rec.cards).toEqual([{ platform: 'slack', channelId: channel.id, messageId: card.ts }]);
    expect(rec.announcements).toEqual([{ platform: 'slack', channelId: 'C01INCIDENT', messageId: announcement.ts }]);
  });

  it('keeps the number when the title is long and handles name_taken', async () => {
    h = await startSlackApp();
    h.fake.addChannel('C0TAKEN', 'inc-1-disk-full');
    await h.run({ command: '/incident', text: 'declare sev3 Disk full' });
    await h.run({ command: '/incident', text: `declare sev3 ${'very long title '.repeat(9)}` });
    await h.settle();
    const names = h.fake.callsTo('conversations.create').map((c) => c.args.name);
    expect(names[0]).toBe('inc-1-disk-full');
    expect(names[1]).toBe('inc-1-disk-full-2');
    const long = names.find((n) => n.startsWith('inc-2-'))!;
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^inc-2-very-long-title-very/);
    expect((await stored(h.dataDir, 'INC-1')).channels).toEqual([{ platform: 'slack', id: h.fake.channelByName('inc-1-disk-full-2')!.id }]);
  });

  it('a button click on the incident card runs its command and updates the card in place', async () => {
    h = await startSlackApp();
    const { card, announcement, channel } = await declare(h);
    const before = h.fake.messagesIn(channel.id).length;
    const res = await h.slack.interaction(clickPayload(card, 'Take command', { user: 'U01BOB0001', responseUrl: h.fake.responseUrl('take') }));
    expect(res.status).toBe(200);
    await h.settle();
    const updates = h.fake.callsTo('chat.update');
    expect(updates.map((u) => [u.args.channel, u.args.ts])).toEqual(expect.arrayContaining([[card.channel, card.ts], [announcement.channel, announcement.ts]]));
    expect(card.edits).toBe(1);
    expect(field(card, 'Commander')).toBe('<@U01BOB0001>');
    expect(field(announcement, 'Commander')).toBe('<@U01BOB0001>');
    // Updated, not reposted: the only new message in the channel is the role announcement.
    expect(h.fake.messagesIn(channel.id).slice(before).map((m) => m.text)).toEqual(['👤 <@U01BOB0001> is now *commander* of INC-1 — _assigned by Bob Okafor_']);
    expect(channel.members.has('U01BOB0001')).toBe(true);
    expect(h.fake.responses.find((r) => r.id === 'take')!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: '✅ Bob Okafor is now commander of INC-1.' });
    expect((await stored(h.dataDir, 'INC-1')).roles).toEqual({ commander: 'bob' });
  });

  it('the severity select runs its command with the chosen value', async () => {
    h = await startSlackApp();
    const { card } = await declare(h);
    await h.slack.interaction(clickPayload(card, 'Severity', { option: 'sev3 · Minor', responseUrl: h.fake.responseUrl() }));
    await h.settle();
    expect(field(card, 'Severity')).toBe('sev3 · Minor');
    expect(findElement(card, 'Severity').initial_option.text.text).toBe('sev3 · Minor');
    expect((await stored(h.dataDir, 'INC-1')).severity).toBe('sev3');
  });

  it('a repeated interaction payload acts once, also after a restart', async () => {
    h = await startSlackApp();
    const { card } = await declare(h);
    const click = clickPayload(card, 'Take command', { user: 'U01BOB0001', responseUrl: h.fake.responseUrl() });
    await h.slack.interaction(click);
    await h.slack.interaction(click);
    await h.settle();
    const roleEntries = async (x: SlackHarness) => (await stored(x.dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'role');
    expect(await roleEntries(h)).toHaveLength(1);
    const updates = h.fake.callsTo('chat.update').length;
    const again = await h.restart();
    h = again;
    expect((await again.slack.interaction(click)).status).toBe(200);
    await again.settle();
    expect(again.fake.callsTo('chat.update')).toHaveLength(updates);
    expect(await roleEntries(again)).toHaveLength(1);
  });

  it('a repeated slash command payload acts once', async () => {
    h = await startSlackApp();
    const body = slashCommandBody({ command: '/incident', text: 'declare sev3 Twice', responseUrl: h.fake.responseUrl(), triggerId: 'trig.twice' });
    await h.slack.post(body, 'application/x-www-form-urlencoded');
    await h.slack.post(body, 'application/x-www-form-urlencoded');
    await h.settle();
    expect(h.fake.callsTo('conversations.create')).toHaveLength(1);
    expect(await storedIds(h.dataDir, 'incidents')).toEqual(['INC-1']);
  });

  it('answers through the Web API when the response_url is gone', async () => {
    h = await startSlackApp({ slack: { answerInAck: false } });
    await h.run({ command: '/ops', text: 'whoami', channel: 'C01PLATFORM', responseUrl: `${h.fake.url}/gone/1` });
    await h.run({ command: '/incident', text: 'declare sev3 Gone', channel: 'C01PLATFORM', responseUrl: `${h.fake.url}/gone/2` });
    await h.settle();
    expect(h.fake.callsTo('chat.postEphemeral')[0].args).toMatchObject({ channel: 'C01PLATFORM', user: 'U01ALICE01' });
    expect(h.fake.messagesIn('C01PLATFORM').map((m) => m.text)).toEqual(['🔥 Declared *INC-1* · sev3 Minor: Gone → #inc-1-gone (slack)']);
  });

  it('/incident alone opens the declare modal; submitting it declares', async () => {
    h = await startSlackApp();
    const run = await h.run({ command: '/incident', text: '', channel: 'C01PLATFORM', triggerId: 'trig.modal1' });
    expect(run.status).toBe(200);
    await h.settle();
    const open = h.fake.callsTo('views.open')[0];
    expect(open.args.trigger_id).toBe('trig.modal1');
    const view = open.args.view;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'sb.form', title: { text: 'Declare an incident' }, submit: { text: 'Declare' } });
    expect(view.blocks.map((b: any) => [b.block_id, b.element.type])).toEqual([
      ['title', 'plain_text_input'],
      ['severity', 'static_select'],
      ['service', 'static_select'],
      ['visibility', 'static_select'],
    ]);
    expect(await run.shown()).toBeUndefined(); // the modal is the answer
    expect(h.fake.responses).toHaveLength(0);
    const res = await h.slack.interaction(submitPayload(view, { severity: 'v:sev2', title: 'Payments "down" in <!here>', service: 'v:payments', visibility: 'v:public' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.settle();
    expect(h.fake.callsTo('conversations.create')[0].args.name).toBe('inc-1-payments-down-in-here');
    const post = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C01PLATFORM')!;
    expect(post.args.text).toBe('🔥 Declared *INC-1* · sev2 Major: Payments "down" in &lt;!here&gt; → #inc-1-payments-down-in-here (slack)');
    expect(await stored(h.dataDir, 'INC-1')).toMatchObject({ severity: 'sev2', serviceId: 'payments', title: 'Payments "down" in <!here>', private: false });
  });

  it('/incident declare and /ops incident declare alone open the same modal; with arguments they declare at once', async () => {
    h = await startSlackApp();
    await h.run({ command: '/incident', text: 'declare', triggerId: 'trig.alone1' });
    await h.run({ command: '/ops', text: 'incident declare', triggerId: 'trig.alone2' });
    await h.settle();
    expect(h.fake.callsTo('views.open').map((c) => [c.args.trigger_id, c.args.view.title.text])).toEqual([
      ['trig.alone1', 'Declare an incident'],
      ['trig.alone2', 'Declare an incident'],
    ]);
    await h.run({ command: '/ops', text: 'incident declare sev4 Typo on status page' });
    await h.settle();
    expect(h.fake.callsTo('views.open')).toHaveLength(2);
    expect(h.fake.callsTo('conversations.create')[0].args.name).toBe('inc-1-typo-on-status-page');
  });

  it('a form button on the card opens its modal with the click trigger; the submission runs the filled command', async () => {
    h = await startSlackApp();
    const { card } = await declare(h);
    await h.slack.interaction(clickPayload(card, 'Note', { triggerId: 'trig.note1', responseUrl: h.fake.responseUrl() }));
    await h.settle();
    const open = h.fake.callsTo('views.open')[0];
    expect(open.args.trigger_id).toBe('trig.note1');
    expect(open.args.view.title.text).toBe('Note on INC-1');
    await h.slack.interaction(submitPayload(open.args.view, { Note: 'rolled back 2.41 <!channel>' }, { user: 'U01CAROL01' }));
    await h.settle();
    expect(json(card.blocks)).toContain('rolled back 2.41 &lt;!channel&gt; — _Carol Nguyen (slack)_');
    const notes = (await stored(h.dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'note');
    expect(notes).toMatchObject([{ text: 'rolled back 2.41 <!channel>', by: { personId: 'carol', platform: 'slack' } }]);
  });

  it('when the modal cannot open, the person gets a button that opens it', async () => {
    h = await startSlackApp();
    const run = await h.run({ command: '/incident', text: '', triggerId: 'expired.1' });
    const offer = await run.shown();
    expect(offer.response_type).toBe('ephemeral');
    const button = offer.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(button.text.text).toBe('Declare');
    expect(button.action_id).toMatch(/^sb\.form\./);
    expect(await storedIds(h.dataDir, 'incidents')).toEqual([]);
  });

  it('mentions and DMs speak the same language; the bot ignores itself', async () => {
    h = await startSlackApp();
    await h.slack.event({ type: 'app_mention', user: 'U01BOB0001', text: '<@UBOT00001> incident declare sev3 Queue backlog', channel: 'C01PLATFORM', ts: '1790000001.000100' });
    await h.settle();
    await h.slack.event({ type: 'message', channel_type: 'im', user: 'U01BOB0001', text: 'incident list', channel: 'D01BOB', ts: '1790000001.000200' });
    await h.slack.event({ type: 'message', channel_type: 'im', user: 'UBOT00001', bot_id: 'BBOT00001', text: 'incident list', channel: 'D01BOB', ts: '1790000001.000300' });
    await h.slack.event({ type: 'message', channel_type: 'im', subtype: 'message_changed', user: 'U01BOB0001', text: 'incident list', channel: 'D01BOB', ts: '1790000001.000400' });
    await h.settle();
    expect(h.fake.callsTo('conversations.create')[0].args.name).toBe('inc-1-queue-backlog');
    const inChannel = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C01PLATFORM')!;
    expect(inChannel.args.text).toBe('🔥 Declared *INC-1* · sev3 Minor: Queue backlog → #inc-1-queue-backlog (slack)');
    const dms = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D01BOB');
    expect(dms).toHaveLength(1);
    expect(dms[0].args.blocks[0].text.text).toBe('🟠 1 open incident');
    expect(json(dms[0].args.blocks)).toContain('*INC-1* sev3 · investigating · Queue backlog');
  });

  it('a 📌 interests the incident skill; other reactions are not even fetched', async () => {
    h = await startSlackApp();
    const { channel } = await declare(h);
    const said = h.fake.addMessage({ channel: channel.id, text: 'restarted &lt;db-1&gt; with <@U01BOB0001>', user: 'U01CAROL01' });
    await h.slack.event({ type: 'reaction_added', user: 'U01ALICE01', reaction: 'tada', item: { type: 'message', channel: channel.id, ts: said.ts }, event_ts: '2' });
    await h.settle();
    expect(h.fake.callsTo('conversations.history')).toHaveLength(0);
    await h.slack.event({ type: 'reaction_added', user: 'U01ALICE01', reaction: 'pushpin', item: { type: 'message', channel: channel.id, ts: said.ts }, event_ts: '1' });
    await h.settle();
    expect(h.fake.callsTo('conversations.history')).toHaveLength(1);
    const pins = (await stored(h.dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'pinned');
    expect(pins).toMatchObject([{ text: 'restarted <db-1> with @Bob Okafor', by: { personId: 'alice', platform: 'slack' }, author: { personId: 'carol', userId: 'U01CAROL01' } }]);
  });

  it('an unknown Slack user may declare and page, but not declare a sev1, approve a change or edit schedules', async () => {
    h = await startSlackApp();
    h.fake.users.set('U0GUEST01', { id: 'U0GUEST01', name: 'Gus Guest', tz: 'America/Chicago' });
    const { channel, card } = await declare(h, 'Guest declared', 'U0GUEST01');
    expect(channel.name).toBe('inc-1-guest-declared');
    expect(channel.members.has('U0GUEST01')).toBe(true);
    expect(field(card, 'Declared')).toMatch(/ by Gus Guest$/);
    const sev1 = await (await h.run({ command: '/incident', text: 'declare sev1 Everything is down', user: 'U0GUEST01' })).shown();
    expect(sev1.response_type).toBe('ephemeral');
    expect(sev1.text).toMatch(/You can't declare a sev1/);
    const override = 'override platform-primary @bob 2026-11-21T18:00 2026-11-22T09:00';
    const refused = await (await h.run({ command: '/oncall', text: override, user: 'U0GUEST01' })).shown();
    expect(refused.response_type).toBe('ephemeral');
    expect(refused.text).toMatch(/You can't do that: .*schedules/);
    const allowed = await (await h.run({ command: '/oncall', text: override, user: 'U01ALICE01' })).shown();
    expect(allowed.text).toMatch(/^✅ Override OVR-1: <@U01BOB0001> is on call for \*Platform primary\*/);
    expect(await storedIds(h.dataDir, 'incidents')).toEqual(['INC-1']);
    expect(h.app.deps.audit.entries().filter((e) => e.action.startsWith('oncall.override')).map((e) => e.actor.personId)).toEqual(['alice']);

    const paged = await (await h.run({ command: '/page', text: '@bob Guest sees errors', user: 'U0GUEST01' })).shown();
    expect(paged.text).toMatch(/^🚨 PAGE-1 opened/);
    await h.settle();
    expect(h.fake.messagesIn('D01BOB0001').map((m) => m.blocks?.find((b) => b.type === 'header')?.text.text)).toEqual(['🚨 PAGE-1 · sev2 · Guest sees errors']);
    const requested = await (await h.run({ command: '/change', text: 'request "Rotate certs" risk:low start:+1h end:+2h', user: 'U01BOB0001' })).shown();
    expect(requested.text).toMatch(/CHG-1/);
    const approve = await (await h.run({ command: '/change', text: 'approve CHG-1', user: 'U0GUEST01' })).shown();
    expect(approve.response_type).toBe('ephemeral');
    expect(approve.text).toMatch(/You can't do that/);
    expect(await storedRecords(h.dataDir, 'changes')).toMatchObject([{ id: 'CHG-1', state: 'pending', approvals: [] }]);
  });
});
