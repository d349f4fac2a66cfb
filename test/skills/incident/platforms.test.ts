// The platform-neutral side through the ChatPort, with recording ports standing in for the
// adapters: one platform that creates channels (Discord-like) and one that only opens
// threads (Teams-like), next to the console. Buttons, selects and forms run the commands.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardCommands, type Button, type Card, type Form } from '../../../src/core/card.js';
import type { Inbound } from '../../../src/core/router.js';
import type { ChannelRef } from '../../../src/core/types.js';
import { RecordingChatPort } from '../../fakes/chat-port.js';
import { exampleConfig, startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { stored } from './helpers.js';

let h: ConsoleHarness;
let discord: RecordingChatPort;
let teams: RecordingChatPort;

beforeEach(async () => {
  h = await startConsoleApp();
  discord = new RecordingChatPort('discord');
  teams = new RecordingChatPort('teams', { createChannels: false });
  h.app.deps.chat.register(discord);
  h.app.deps.chat.register(teams);
});
afterEach(async () => {
  await h.stop();
  await cleanupTempDirs();
});

const DISCORD_INCIDENTS: ChannelRef = { platform: 'discord', id: '320000000000000002' };
const TEAMS_INCIDENTS: ChannelRef = { platform: 'teams', id: '19:incidents@thread.tacv2' };
const aliceOn = (platform: 'discord' | 'teams', channel: ChannelRef): Omit<Inbound, 'text'> => ({
  actor: h.app.deps.people.actor(platform, platform === 'discord' ? '310000000000000001' : '29:1alice-northwind'),
  channel,
});
const buttons = (c: Card): Button[] => c.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.filter((e): e is Button => e.type === 'button') : []));

describe('incident spaces on every running platform', () => {
  it('opens a channel where the platform can, a thread in the incidents channel where it cannot', async () => {
    const reply = await h.app.router.dispatch({ ...aliceOn('discord', { platform: 'discord', id: '320000000000000001' }), text: 'incident declare sev2 "Checkout fails" service:web' });
    expect(reply.text).toContain('Declared **INC-1**');

    const [dc] = discord.of('createChannel');
    expect(dc.req).toMatchObject({ name: 'inc-1-checkout-fails', topic: 'sev2 · Checkout fails', parent: DISCORD_INCIDENTS });
    const [tc] = teams.of('createChannel');
    expect(tc.req.parent).toEqual(TEAMS_INCIDENTS);
    expect(tc.req.threadStarter?.card?.title).toBe('🚨 INC-1 · Checkout fails');
    expect(tc.channel).toMatchObject({ ...TEAMS_INCIDENTS, threadId: expect.any(String) });

    // Invites by each platform's account; cards in each space; the announcement once per platform.
    expect(discord.of('invite')).toEqual([{ op: 'invite', channel: dc.channel, userIds: ['310000000000000001'] }]);
    expect(teams.of('invite')).toEqual([{ op: 'invite', channel: tc.channel, userIds: ['29:1alice-northwind'] }]);
    const cardPosts = (p: RecordingChatPort) => p.of('post').filter((c) => c.msg.card?.title?.startsWith('🔥 INC-1'));
    expect(cardPosts(discord).map((c) => c.channel)).toEqual([dc.channel]);
    expect(cardPosts(teams).map((c) => c.channel)).toEqual([tc.channel]);
    expect(discord.of('post').filter((c) => c.channel.id === DISCORD_INCIDENTS.id).map((c) => c.msg.card?.title)).toEqual(['🚨 INC-1 · Checkout fails']);
    expect(teams.of('post').filter((c) => !c.channel.threadId)).toEqual([]);

    const rec = await stored(h.dataDir, 'INC-1');
    // The declarer's platform first, then every other running platform of the team.
    expect(rec.channels).toEqual([dc.channel, { platform: 'console', id: '#inc-1-checkout-fails' }, tc.channel]);
    expect(rec.declaredBy).toMatchObject({ platform: 'discord', personId: 'alice' });

    // In the Teams thread the id may be left out; in the channel itself it may not.
    const inThread = await h.app.router.dispatch({ ...aliceOn('teams', tc.channel), text: 'incident update identified Bad deploy' });
    expect(inThread.text).toContain('INC-1 is now **identified**');
    const outside = await h.app.router.dispatch({ ...aliceOn('teams', TEAMS_INCIDENTS), text: 'incident note x' });
    expect(outside.text).toContain('Which incident?');

    // The update: cards edited in place everywhere, the update posted in every space.
    for (const p of [discord, teams]) {
      const edits = p.of('update').filter((u) => u.msg.card?.title?.startsWith('🔥 INC-1'));
      expect(edits.at(-1)?.msg.card?.blocks.some((b) => b.type === 'fields' && b.fields.some((f) => f.label === 'Status' && f.value === '**identified**'))).toBe(true);
    }
    expect(teams.of('post').filter((c) => c.channel.threadId === tc.channel.threadId).map((c) => c.msg.text)).toContain('📣 **INC-1** is **identified**: Bad deploy — _Alice Martin_');
    // The thread lives in the incidents channel: the update is said once there (in the thread), and
    // the thread's root — the announcement — is edited in place like an announcement elsewhere.
    expect(teams.of('post').filter((c) => !c.channel.threadId)).toEqual([]);
    const root = { platform: 'teams', channelId: TEAMS_INCIDENTS.id, messageId: tc.channel.threadId, threadId: tc.channel.threadId };
    expect((await stored(h.dataDir, 'INC-1')).announcements).toContainEqual(root);
    const rootEdit = teams.of('update').filter((u) => u.ref.messageId === tc.channel.threadId).at(-1);
    expect(rootEdit?.msg.card?.title).toBe('🚨 INC-1 · Checkout fails');
    expect(rootEdit?.msg.card?.blocks.some((b) => b.type === 'fields' && b.fields.some((f) => f.label === 'Status' && f.value === '**identified**'))).toBe(true);
  });

  it('puts a 📌 message on the timeline once, with its author and time, from any platform', async () => {
    await h.app.router.dispatch({ ...aliceOn('discord', DISCORD_INCIDENTS), text: 'incident declare sev2 "Checkout fails" service:web' });
    const [dc] = discord.of('createChannel');
    h.clock.advance('10m');
    const bob = h.app.deps.people.actor('discord', '310000000000000002');
    const ev = {
      actor: bob,
      channel: dc.channel,
      message: { platform: 'discord' as const, channelId: dc.channel.id, messageId: '9001' },
      emoji: 'pushpin',
      target: { text: 'db-1 disk is at 100%', authorName: 'carol#1', authorId: '310000000000000003', at: new Date('2026-11-21T09:04:00Z') },
    };
    await h.app.router.reaction(ev);
    await h.app.router.reaction(ev);
    await h.app.router.reaction({ ...ev, channel: DISCORD_INCIDENTS, message: { ...ev.message, channelId: DISCORD_INCIDENTS.id } });
    await h.app.router.reaction({ ...ev, emoji: 'eyes', message: { ...ev.message, messageId: '9002' } });
    const pins = (await stored(h.dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'pinned');
    expect(pins).toEqual([
      { id: 'T2', at: '2026-11-21T09:04:00.000Z', kind: 'pinned', text: 'db-1 disk is at 100%', by: { platform: 'discord', userId: '310000000000000002', personId: 'bob', name: 'Bob Okafor' }, author: { name: 'Carol Nguyen', userId: '310000000000000003', personId: 'carol' }, ref: `discord:${dc.channel.id}:9001` },
    ]);
    expect(discord.of('ephemeral').map((e) => [e.userId, e.msg.text])).toEqual([
      ['310000000000000002', "📌 Added to INC-1's timeline."],
      ['310000000000000002', "That message is already on INC-1's timeline."],
    ]);
  });

  it('uploads the postmortem as a Markdown file in every incident space', async () => {
    await h.app.router.dispatch({ ...aliceOn('discord', DISCORD_INCIDENTS), text: 'incident declare sev2 "Checkout fails" service:web' });
    await h.say('incident resolve INC-1 Rolled back');
    const reply = await h.app.router.dispatch({ ...aliceOn('discord', DISCORD_INCIDENTS), text: 'incident postmortem INC-1' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.file).toBeUndefined();
    for (const p of [discord, teams]) {
      const [up] = p.of('uploadFile');
      expect(up.file).toMatchObject({ filename: 'INC-1-postmortem.md', mimeType: 'text/markdown', title: 'Postmortem INC-1: Checkout fails' });
      expect(up.file.content).toContain('# Postmortem: INC-1 — Checkout fails');
    }
  });
});

describe('where no space can be opened', () => {
  it('posts the card where the incident was declared and keeps updating it there', async () => {
    await h.stop();
    const config = exampleConfig();
    delete config.incidents.default_team;
    h = await startConsoleApp({ config });
    const slack = new RecordingChatPort('slack', { createChannels: false });
    h.app.deps.chat.register(slack);
    const here: ChannelRef = { platform: 'slack', id: 'C0RANDOM' };
    const reply = await h.app.router.dispatch({ actor: h.app.deps.people.actor('slack', 'U01BOB0001'), channel: here, text: 'incident declare sev3 "Wiki is slow"' });
    expect(reply.text).toContain('Declared **INC-1** · sev3 Minor: Wiki is slow (no channel could be opened; the card is here)');
    const card = slack.of('post').find((c) => c.msg.card?.title === '🔥 INC-1 · Wiki is slow');
    expect(card?.channel).toEqual(here);
    expect(await stored(h.dataDir, 'INC-1')).toMatchObject({ channels: [], cards: [card!.ref], announcements: [] });
    await h.say('incident update INC-1 monitoring Cache warmed');
    expect(slack.of('post').at(-1)).toMatchObject({ channel: { platform: 'slack', id: 'C0RANDOM' }, msg: { text: '📣 **INC-1** is **monitoring**: Cache warmed — _Alice Martin_' } });
    expect(slack.of('update').map((u) => u.ref)).toEqual([card!.ref]);
  });
});

describe('buttons, selects and forms run the commands', () => {
  it('`incident` opens the declare form where the platform can; the submitted form declares', async () => {
    const where = aliceOn('discord', DISCORD_INCIDENTS);
    const reply = await h.app.router.dispatch({ ...where, text: 'incident', canOpenForm: true });
    expect(reply.text).toBeUndefined();
    const form = reply.form as Form;
    expect(form.command).toBe('incident declare {severity} {title} service:{service} visibility:{visibility}');
    expect(form.inputs.map((i) => i.id)).toEqual(['title', 'severity', 'service', 'visibility']);
    const declared = await h.app.router.submitForm(where, form.command, { title: 'Payroll: export "stuck"', severity: 'sev3', service: 'payments', visibility: 'private' });
    expect(declared.text).toContain('Declared **INC-1** · sev3 Minor · private');
    expect(await stored(h.dataDir, 'INC-1')).toMatchObject({ title: 'Payroll: export "stuck"', serviceId: 'payments', private: true });
    const noService = await h.app.router.submitForm(where, form.command, { title: 'Login slow', severity: 'sev4', service: '', visibility: 'public' });
    expect(noService.text).toContain('Declared **INC-2** · sev4 Low: Login slow');
  });

  it("the card's select, Take command button and Resolve form act like typing", async () => {
    await h.app.router.dispatch({ ...aliceOn('discord', DISCORD_INCIDENTS), text: 'incident declare sev2 "Checkout fails" service:web' });
    const [dc] = discord.of('createChannel');
    const card = discord.of('post').find((c) => c.channel.id === dc.channel.id)!.msg.card!;
    expect(cardCommands(card)).toEqual([
      'incident update INC-1 {status} {text}',
      'incident note INC-1 {text}',
      'incident assign INC-1 commander me',
      'incident assign INC-1 {role} {person}',
      'incident severity INC-1 {value}',
      'incident resolve INC-1 {summary}',
    ]);
    const carol = { actor: h.app.deps.people.actor('discord', '310000000000000003'), channel: dc.channel, source: 'button' as const };
    expect((await h.app.router.dispatch({ ...carol, text: 'incident severity INC-1 {value}'.replace('{value}', 'sev3') })).text).toContain('INC-1 is now sev3 (Minor)');
    expect((await h.app.router.dispatch({ ...carol, text: 'incident assign INC-1 commander me' })).text).toContain('Carol Nguyen is now commander of INC-1');
    const resolveForm = buttons(card).find((b) => b.label === 'Resolve')!.form!;
    const done = await h.app.router.submitForm(carol, resolveForm.command, { summary: 'Rolled back\nweb 4.2' });
    expect(done.text).toContain('INC-1 resolved after');
    expect(await stored(h.dataDir, 'INC-1')).toMatchObject({ status: 'resolved', severity: 'sev3', roles: { commander: 'carol' }, summary: 'Rolled back web 4.2' });
  });
});
