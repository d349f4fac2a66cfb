// The Slack flows end to end: signed requests → real Bolt → router → skill → real store →
// fake Slack Web API. The skill is the incident-shaped `drill` fixture; after the incident
// skill merges, the same flows apply to `incident declare` (see the report).
import { afterEach, describe, expect, it } from 'vitest';
import { clickPayload, slashCommandBody, submitPayload } from '../../fakes/slack/signed-requests.js';
import { startSlackApp, storedIds, type SlackHarness } from '../../helpers/slack-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const text = (blocks: unknown) => JSON.stringify(blocks);

/** Declares a drill from Slack and returns its channel and card. */
async function declare(x: SlackHarness, title = 'Checkout is DOWN for EU — payments & <cards>', user = 'U01ALICE01') {
  const res = await x.slack.command({ command: '/drill', text: `declare sev2 ${title}`, user, responseUrl: x.fake.responseUrl('declare') });
  expect(res.status).toBe(200);
  await x.settle();
  const created = x.fake.callsTo('conversations.create').at(-1)!;
  const channel = x.fake.channelByName(created.args.name)!;
  const cardMsg = x.fake.messagesIn(channel.id)[0];
  return { channel, card: cardMsg, reply: x.fake.responses.find((r) => r.id === 'declare')?.body };
}

describe('Slack flows', () => {
  it('declaring creates inc-<n>-<slug>, invites the declarer, sets the topic and posts the card', async () => {
    h = await startSlackApp();
    const { channel, card, reply } = await declare(h);
    expect(channel.name).toBe('inc-1-checkout-is-down-for-eu-payments-cards');
    expect(channel.members.has('U01ALICE01')).toBe(true);
    expect(channel.topic).toBe('DRL-1 · sev2 · Checkout is DOWN for EU — payments &amp; &lt;cards&gt;');
    expect(card.blocks![0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔥 DRL-1 — Checkout is DOWN for EU — payments & <cards>', emoji: true } });
    expect(card.blocks![1]).toMatchObject({ type: 'section', fields: [{ text: '*Severity*\nsev2' }, { text: '*Status*\nopen' }, { text: '*Declared by*\n<@U01ALICE01>' }] });
    const actions = card.blocks!.find((b) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.text?.text ?? e.placeholder.text)).toEqual(['Acknowledge', 'Resolve', 'Severity', 'Add note']);
    expect(actions.elements[1]).toMatchObject({ style: 'danger', value: 'c:drill resolve DRL-1', confirm: { title: { text: 'Resolve?' }, style: 'danger' } });
    expect(card.text).toContain('DRL-1');
    expect(reply).toMatchObject({ response_type: 'in_channel', text: 'Declared *DRL-1*: Checkout is DOWN for EU — payments &amp; &lt;cards&gt;' });
    const stored = await storedIds(h.dataDir, 'drills');
    expect(stored).toEqual(['DRL-1']);
  });

  it('keeps the number when the title is long and handles name_taken', async () => {
    h = await startSlackApp();
    h.fake.addChannel('C0TAKEN', 'inc-1-disk-full');
    await h.slack.command({ command: '/drill', text: 'declare sev3 Disk full', responseUrl: h.fake.responseUrl() });
    await h.slack.command({ command: '/drill', text: `declare sev3 ${'very long title '.repeat(10)}`, responseUrl: h.fake.responseUrl() });
    await h.settle();
    const names = h.fake.callsTo('conversations.create').map((c) => c.args.name);
    expect(names[0]).toBe('inc-1-disk-full');
    expect(names[1]).toBe('inc-1-disk-full-2');
    const long = names.find((n) => n.startsWith('inc-2-'))!;
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^inc-2-very-long-title-very/);
  });

  it('a button click runs its command and updates the card in place', async () => {
    h = await startSlackApp();
    const { card } = await declare(h);
    const res = await h.slack.interaction(clickPayload(card, 'Acknowledge', { user: 'U01BOB0001', responseUrl: h.fake.responseUrl('ack') }));
    expect(res.status).toBe(200);
    await h.settle();
    const updates = h.fake.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0].args).toMatchObject({ channel: card.channel, ts: card.ts });
    expect(card.edits).toBe(1);
    expect(card.blocks![1].fields[1].text).toBe('*Status*\nacknowledged');
    expect(h.fake.messagesIn(card.channel)).toHaveLength(1); // updated, not reposted
    const ack = h.fake.responses.find((r) => r.id === 'ack')!.body;
    expect(ack).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'DRL-1 acknowledged by Bob Okafor.' });
  });

  it('a select runs its command with the chosen value', async () => {
    h = await startSlackApp();
    const { card } = await declare(h);
    await h.slack.interaction(clickPayload(card, 'Severity', { option: 'sev1', responseUrl: h.fake.responseUrl() }));
    await h.settle();
    expect(card.blocks![1].fields[0].text).toBe('*Severity*\nsev1');
    const select = card.blocks!.find((b) => b.type === 'actions').elements[2];
    expect(select.initial_option.text.text).toBe('sev1');
  });

  it('a repeated interaction payload acts once, also after a restart', async () => {
    h = await startSlackApp();
    const { card } = await declare(h);
    const click = clickPayload(card, 'Acknowledge', { responseUrl: h.fake.responseUrl() });
    await h.slack.interaction(click);
    await h.slack.interaction(click);
    await h.settle();
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
    const again = await h.restart();
    h = again;
    expect((await again.slack.interaction(click)).status).toBe(200);
    await again.settle();
    expect(again.fake.callsTo('chat.update')).toHaveLength(1);
  });

  it('a repeated slash command payload acts once', async () => {
    h = await startSlackApp();
    const body = slashCommandBody({ command: '/drill', text: 'declare sev3 Twice', responseUrl: h.fake.responseUrl(), triggerId: 'trig.twice' });
    await h.slack.post(body, 'application/x-www-form-urlencoded');
    await h.slack.post(body, 'application/x-www-form-urlencoded');
    await h.settle();
    expect(h.fake.callsTo('conversations.create')).toHaveLength(1);
    expect(await storedIds(h.dataDir, 'drills')).toEqual(['DRL-1']);
  });

  it('answers through the Web API when the response_url is gone', async () => {
    h = await startSlackApp();
    await h.slack.command({ command: '/ops', text: 'whoami', channel: 'C01PLATFORM', responseUrl: `${h.fake.url}/gone/1` });
    await h.slack.command({ command: '/drill', text: 'declare sev3 Gone', channel: 'C01PLATFORM', responseUrl: `${h.fake.url}/gone/2` });
    await h.settle();
    expect(h.fake.callsTo('chat.postEphemeral')[0].args).toMatchObject({ channel: 'C01PLATFORM', user: 'U01ALICE01' });
    expect(h.fake.messagesIn('C01PLATFORM').map((m) => m.text)).toEqual(['Declared *DRL-1*: Gone']);
  });

  it('/drill alone opens a modal built from the declare spec; submitting it declares', async () => {
    h = await startSlackApp();
    await h.slack.command({ command: '/drill', text: '', channel: 'C01INCIDENT', triggerId: 'trig.modal1', responseUrl: h.fake.responseUrl('bare') });
    await h.settle();
    const open = h.fake.callsTo('views.open')[0];
    expect(open.args.trigger_id).toBe('trig.modal1');
    const view = open.args.view;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'sb.form', title: { text: 'Declare drill' }, submit: { text: 'Declare' } });
    expect(view.blocks.map((b: any) => [b.block_id, b.element.type])).toEqual([
      ['severity', 'static_select'],
      ['title', 'plain_text_input'],
    ]);
    expect(h.fake.responses).toHaveLength(0); // the modal is the answer
    const res = await h.slack.interaction(submitPayload(view, { severity: 'sev1', title: 'Payments "down" in <!here>' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.settle();
    expect(h.fake.callsTo('conversations.create')[0].args.name).toBe('inc-1-payments-down-in-here');
    const post = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C01INCIDENT')!;
    expect(post.args.text).toBe('Declared *DRL-1*: Payments "down" in &lt;!here&gt;');
    expect(await storedIds(h.dataDir, 'drills')).toEqual(['DRL-1']);
  });

  it('/drill declare with arguments does not open the modal', async () => {
    h = await startSlackApp();
    await h.slack.command({ command: '/ops', text: 'drill declare sev4 Typo on status page', responseUrl: h.fake.responseUrl() });
    await h.settle();
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
    expect(h.fake.callsTo('conversations.create')[0].args.name).toBe('inc-1-typo-on-status-page');
  });

  it('a reply with a form opens a modal; a form button opens it too; submissions run the filled command', async () => {
    h = await startSlackApp();
    const { card } = await declare(h);
    await h.slack.command({ command: '/drill', text: 'form DRL-1', triggerId: 'trig.form1', responseUrl: h.fake.responseUrl() });
    await h.settle();
    const view = h.fake.callsTo('views.open')[0].args.view;
    expect(view.title.text).toBe('Add a note to DRL-1');
    await h.slack.interaction(submitPayload(view, { Note: 'rolled back 2.41' }, { user: 'U01CAROL01' }));
    await h.settle();
    expect(card.blocks!.some((b) => b.type === 'section' && b.text?.text.includes('rolled back 2.41 — Carol Nguyen'))).toBe(true);

    await h.slack.interaction(clickPayload(card, 'Add note', { triggerId: 'trig.form2', responseUrl: h.fake.responseUrl() }));
    await h.settle();
    const second = h.fake.callsTo('views.open')[1];
    expect(second.args.trigger_id).toBe('trig.form2');
    expect(second.args.view.title.text).toBe('Add a note to DRL-1');
  });

  it('when the modal cannot open, the person gets a button that opens it', async () => {
    h = await startSlackApp();
    await declare(h);
    await h.slack.command({ command: '/drill', text: 'form DRL-1', triggerId: 'expired.1', responseUrl: h.fake.responseUrl('late') });
    await h.settle();
    const offer = h.fake.responses.find((r) => r.id === 'late')!.body;
    expect(offer.response_type).toBe('ephemeral');
    expect(text(offer.blocks)).toContain('Add note');
    expect(offer.blocks.find((b: any) => b.type === 'actions').elements[0].action_id).toMatch(/^sb\.form\./);
  });

  it('mentions and DMs speak the same language; the bot ignores itself', async () => {
    h = await startSlackApp();
    await h.slack.event({ type: 'app_mention', user: 'U01BOB0001', text: '<@UBOT00001> drill declare sev3 Queue backlog', channel: 'C01PLATFORM', ts: '1790000001.000100' });
    await h.slack.event({ type: 'message', channel_type: 'im', user: 'U01BOB0001', text: 'whoami', channel: 'D01BOB', ts: '1790000001.000200' });
    await h.slack.event({ type: 'message', channel_type: 'im', user: 'UBOT00001', bot_id: 'BBOT00001', text: 'whoami', channel: 'D01BOB', ts: '1790000001.000300' });
    await h.slack.event({ type: 'message', channel_type: 'im', subtype: 'message_changed', user: 'U01BOB0001', text: 'whoami', channel: 'D01BOB', ts: '1790000001.000400' });
    await h.settle();
    expect(h.fake.callsTo('conversations.create')[0].args.name).toBe('inc-1-queue-backlog');
    const inChannel = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C01PLATFORM')!;
    expect(inChannel.args.text).toBe('Declared *DRL-1*: Queue backlog');
    const dms = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D01BOB');
    expect(dms).toHaveLength(1);
    expect(dms[0].args.blocks[0].text.text).toBe('Bob Okafor (@bob)');
  });

  it('a 📌 reaction hands the reacted message to the skill', async () => {
    h = await startSlackApp();
    const { channel, card } = await declare(h);
    const said = h.fake.addMessage({ channel: channel.id, text: 'restarted &lt;db-1&gt; with <@U01BOB0001>', user: 'U01CAROL01' });
    await h.slack.event({ type: 'reaction_added', user: 'U01ALICE01', reaction: 'pushpin', item: { type: 'message', channel: channel.id, ts: said.ts }, event_ts: '1' });
    await h.slack.event({ type: 'reaction_added', user: 'U01ALICE01', reaction: 'tada', item: { type: 'message', channel: channel.id, ts: said.ts }, event_ts: '2' });
    await h.settle();
    expect(text(card.blocks)).toContain('📌 restarted &lt;db-1&gt; with @Bob Okafor (Carol Nguyen) — Alice Martin');
    expect(h.fake.callsTo('conversations.history')).toHaveLength(1); // 🎉 interests no skill: not even fetched
  });

  it('an unknown Slack user may declare but not use a permission-gated command', async () => {
    h = await startSlackApp();
    h.fake.users.set('U0GUEST01', { id: 'U0GUEST01', name: 'Gus Guest', tz: 'America/Chicago' });
    const { channel, card } = await declare(h, 'Guest declared', 'U0GUEST01');
    expect(channel.name).toBe('inc-1-guest-declared');
    expect(card.blocks![1].fields[2].text).toBe('*Declared by*\nGus Guest');
    await h.slack.command({ command: '/drill', text: 'lock', user: 'U0GUEST01', responseUrl: h.fake.responseUrl('guest') });
    await h.slack.command({ command: '/drill', text: 'lock', user: 'U01ALICE01', responseUrl: h.fake.responseUrl('admin') });
    await h.settle();
    const refused = h.fake.responses.find((r) => r.id === 'guest')!.body;
    expect(refused.response_type).toBe('ephemeral');
    expect(refused.text).toMatch(/You can't do that: this needs the `schedules` permission/);
    expect(h.fake.responses.find((r) => r.id === 'admin')!.body.text).toBe('Locked by Alice Martin.');
    expect(h.app.deps.audit.entries().filter((e) => e.action === 'drill.lock').map((e) => e.actor.personId)).toEqual(['alice']);
  });
});
