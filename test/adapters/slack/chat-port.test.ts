// The Slack ChatPort through the core's ChatHub against the fake Web API: what skills do in
// Slack, and the fallbacks when Slack says no.
import { afterEach, describe, expect, it } from 'vitest';
import { card, text } from '../../../src/core/card.js';
import { startSlackApp, type SlackHarness } from '../../helpers/slack-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const port = (x: SlackHarness) => x.app.deps.chat.port('slack')!;

describe('Slack ChatPort', () => {
  it('posts to configured team channels and DMs a person on Slack', async () => {
    h = await startSlackApp();
    const chat = h.app.deps.chat;
    const [incidents] = chat.teamChannel('platform', 'incidents');
    expect(incidents).toEqual({ platform: 'slack', id: 'C01INCIDENT' });
    const ref = await chat.post(incidents, { card: card('INC-9 declared', [text('by **Alice**')]) });
    expect(ref).toMatchObject({ platform: 'slack', channelId: 'C01INCIDENT' });
    const dm = await chat.dmPerson('bob', { text: 'You are on call' });
    await chat.dmPerson('bob', { text: 'Still on call' });
    expect(dm).toEqual([expect.objectContaining({ channelId: 'D01BOB0001' })]);
    expect(h.fake.callsTo('conversations.open')).toHaveLength(1); // cached
    expect(h.fake.messagesIn('D01BOB0001').map((m) => m.text)).toEqual(['You are on call', 'Still on call']);
  });

  it('joins a public channel it is not in, once, and retries the post', async () => {
    h = await startSlackApp();
    h.fake.addChannel('C0PUBLIC', 'general');
    const ref = await port(h).post({ platform: 'slack', id: 'C0PUBLIC' }, { text: 'hello' });
    expect(ref.channelId).toBe('C0PUBLIC');
    expect(h.fake.callsTo('conversations.join')).toHaveLength(1);
    expect(h.fake.messagesIn('C0PUBLIC')).toHaveLength(1);
  });

  it('falls back from ephemeral to a DM', async () => {
    h = await startSlackApp();
    h.fake.failNext('chat.postEphemeral', 'user_not_in_channel');
    await port(h).postEphemeral({ platform: 'slack', id: 'C01PLATFORM' }, 'U01CAROL01', { text: 'only for you' });
    expect(h.fake.messagesIn('D01CAROL01').map((m) => m.text)).toEqual(['only for you']);
  });

  it('opens a thread in the parent when it may not create channels, and ignores already_in_channel', async () => {
    h = await startSlackApp();
    h.fake.failNext('conversations.create', 'restricted_action');
    const where = await port(h).createChannel({ name: 'inc-3-db', parent: { platform: 'slack', id: 'C01INCIDENT' }, threadStarter: { text: 'INC-3 thread' } });
    const starter = h.fake.messagesIn('C01INCIDENT')[0];
    expect(starter.text).toBe('INC-3 thread');
    expect(where).toEqual({ platform: 'slack', id: 'C01INCIDENT', threadId: starter.ts });
    await port(h).invite(where, ['U01BOB0001']); // a thread: nothing to invite
    expect(h.fake.callsTo('conversations.invite')).toHaveLength(0);

    const ch = await port(h).createChannel({ name: 'INC 4 Cache', private: true });
    await port(h).invite(ch, ['U01BOB0001', 'U01BOB0001', h.fake.botUserId]);
    await port(h).invite(ch, ['U01BOB0001']);
    const invites = h.fake.callsTo('conversations.invite');
    expect(invites.map((c) => c.args.users)).toEqual(['U01BOB0001', 'U01BOB0001']);
    expect(h.fake.channels.get(ch.id)).toMatchObject({ name: 'inc-4-cache', is_private: true });
  });

  it('refuses to create a channel without a parent when Slack refuses', async () => {
    h = await startSlackApp();
    h.fake.failNext('conversations.create', 'missing_scope', 2);
    await expect(port(h).createChannel({ name: 'inc-5-x' })).rejects.toThrow(/missing_scope/);
    expect(await h.app.deps.chat.createChannel('slack', { name: 'inc-5-x' })).toBeUndefined(); // the hub logs and goes on
    expect(h.fake.channels.size).toBe(0);
  });

  it('uploads files in three steps and falls back to posting the text', async () => {
    h = await startSlackApp();
    await port(h).uploadFile({ platform: 'slack', id: 'C01INCIDENT' }, { filename: 'INC-1-postmortem.md', title: 'Postmortem INC-1', content: '# INC-1\n<!channel> ok' });
    const done = h.fake.callsTo('files.completeUploadExternal')[0];
    expect(done.args.channel_id).toBe('C01INCIDENT');
    expect([...h.fake.uploads.values()]).toEqual(['# INC-1\n<!channel> ok']);
    h.fake.failNext('files.getUploadURLExternal', 'missing_scope');
    await port(h).uploadFile({ platform: 'slack', id: 'C01INCIDENT' }, { filename: 'x.md', title: 'X', content: '<!channel> body' });
    const fallback = h.fake.messagesIn('C01INCIDENT').at(-1)!;
    expect(fallback.text).toBe('*X* (x.md)\n```&lt;!channel&gt; body```');
  });

  it('looks users up once and caches their name and zone', async () => {
    h = await startSlackApp();
    h.fake.users.set('U0GUEST01', { id: 'U0GUEST01', name: 'gus', real_name: 'Gus Guest', tz: 'America/Chicago' });
    expect(await port(h).lookupUser('U0GUEST01')).toEqual({ id: 'U0GUEST01', name: 'gus', timezone: 'America/Chicago' });
    await port(h).lookupUser('U0GUEST01');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    h.clock.advance('2h');
    await port(h).lookupUser('U0GUEST01');
    expect(h.fake.callsTo('users.info')).toHaveLength(2);
    await expect(port(h).lookupUser('U0NOBODY')).rejects.toThrow(/user_not_found/);
  });

  it('updates a message in place and sets topics without mentions', async () => {
    h = await startSlackApp();
    const ref = await port(h).post({ platform: 'slack', id: 'C01INCIDENT' }, { card: card('v1', []) });
    await port(h).update(ref, { card: card('v2', []) });
    const m = h.fake.messagesIn('C01INCIDENT')[0];
    expect([m.edits, m.blocks![0].text.text]).toEqual([1, 'v2']);
    await expect(port(h).update({ ...ref, messageId: '1.000' }, { text: 'x' })).rejects.toThrow(/message_not_found/);
    const ch = await port(h).createChannel({ name: 'inc-7', topic: 'INC-7 <!here> '.repeat(30) });
    const topic = h.fake.channels.get(ch.id)!.topic;
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(topic).not.toContain('<!here>');
  });

  it('offers a form outside a command as a button (Slack opens modals only on a click)', async () => {
    h = await startSlackApp();
    const ok = await port(h).openForm!('U01DAVE001', { title: 'Standup', command: 'standup today:{today}', inputs: [{ type: 'text', id: 'today', label: 'Today?' }] });
    expect(ok).toBe(true);
    const m = h.fake.messagesIn('D01DAVE001')[0];
    expect(m.blocks![0].text.text).toBe('Standup');
    expect(m.blocks![1].elements[0].action_id).toMatch(/^sb\.form\./);
  });
});
