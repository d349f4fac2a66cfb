// The real discord.js Client logged in to the fake gateway, REST calls to the fake API, the
// real skills behind it: `/incident declare` opens the channel and posts the card, the buttons
// of an incident's, a page's and a change's card run their commands and edit the card in place,
// forms open as modals and their submissions run, `!ops` messages and 📌 reactions work, and
// every delivery acts once.
import { afterEach, describe, expect, it } from 'vitest';
import { INTENTS } from '../../../src/adapters/discord/gateway.js';
import { startDiscordHarness, type DiscordHarness, type DiscordHarnessOptions } from '../../fakes/discord/harness.js';
import { ALICE, BOB, CHANNEL, componentClick, GUILD_ID, messageCreate, modalSubmit, reactionAdd, slashCommand, user } from '../../fakes/discord/payloads.js';
import type { StoredMessage } from '../../fakes/discord/rest.js';
import { createSlowSkill, type SlowSkill } from '../../fakes/discord/slow-skill.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { components, control, field, onDisk, shown } from './helpers.js';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const start = async (o: DiscordHarnessOptions = {}) => (h = await startDiscordHarness(o));
const CAROL = user('310000000000000003', 'carol', 'Carol Nguyen');
const incidents = (x: DiscordHarness) => x.app.deps.queries.get('incidents')!;
const changes = (x: DiscordHarness) => x.app.deps.queries.get('changes')!;

/** `/incident declare severity:sev2 title:…` from Discord; returns the incident channel and its card. */
async function declare(x: DiscordHarness, extra: Record<string, string | boolean> = {}) {
  const res = await x.interact(slashCommand('incident', 'declare', { severity: 'sev2', title: 'Checkout errors', ...extra }));
  const channelId = incidents(x).get('INC-1')!.channels[0].id;
  return { res, channelId, card: x.rest.messagesIn(channelId)[0] };
}

/** `/change request` from Discord as Carol (not an approver); returns the card in #changes. */
async function requestChange(x: DiscordHarness, title: string, risk = 'low'): Promise<StoredMessage> {
  const before = x.rest.messagesIn(CHANNEL.changes).length;
  const res = await x.interact(slashCommand('change', 'request', { title, risk, start: '2026-11-24T14:00', end: '2026-11-24T16:00', service: 'api' }, { user: CAROL }));
  expect((res as any).data.content).toMatch(/^📝 CHG-\d+ /);
  return x.rest.messagesIn(CHANNEL.changes)[before];
}

describe('Discord over the gateway (real discord.js Client, fake Discord, real skills)', () => {
  it('logs in with minimal intents and reports connected', async () => {
    await start();
    const identify = h!.gateway!.identifies[0];
    expect(identify.token).toBe('fake-bot-token.abc.def');
    expect(identify.intents).toBe(INTENTS.reduce((a, b) => a | b, 0));
    const health = (await (await fetch(`${h!.app.url}/healthz`)).json()) as { adapters: unknown };
    expect(health.adapters).toEqual({ discord: 'connected' });
  });

  it('/incident declare: the channel, the card and the announcement appear at Discord', async () => {
    await start();
    const { res, channelId, card } = await declare(h!);
    expect(res).toMatchObject({ type: 4, data: { content: '🔥 Declared **INC-1** · sev2 Major: Checkout errors → #inc-1-checkout-errors (discord)' } });
    expect(res.type === 4 && res.data?.flags).toBeFalsy();
    expect(h!.rest.channels.get(channelId)).toMatchObject({ name: 'inc-1-checkout-errors', type: 0, guild_id: GUILD_ID, parent_id: CHANNEL.category, topic: 'sev2 · Checkout errors' });
    const embed = card.embeds[0];
    expect(embed).toMatchObject({ title: '🔥 INC-1 · Checkout errors', color: 0xfee75c });
    expect(field(embed, 'Severity')).toBe('sev2 · Major');
    expect(field(embed, 'Status')).toBe('**investigating**');
    expect(field(embed, 'Commander')).toBe('*unassigned*');
    expect(embed.footer!.text).toMatch(/^21 Nov 10:00 Declared sev2: Checkout errors/);
    // Buttons in rows of at most five, the severity select on a row of its own.
    expect(card.components!.map((r: any) => r.components.map((c: any) => c.label ?? c.placeholder))).toEqual([['Update', 'Note', 'Take command', 'Assign'], ['Severity'], ['Resolve']]);
    expect(control(card, 'Take command')).toMatchObject({ style: 2, custom_id: 'x:incident assign INC-1 commander me' });
    expect(control(card, 'Severity')).toMatchObject({ type: 3, custom_id: 'v:incident severity INC-1 {value}' });
    expect(control(card, 'Update')).toMatchObject({ style: 1, custom_id: expect.stringMatching(/^c:/) });
    // The announcement in the team's incidents channel, and the bot's posts under its token.
    const announcement = h!.rest.messagesIn(CHANNEL.incidents)[0];
    expect(announcement.embeds[0].title).toBe('🚨 INC-1 · Checkout errors');
    expect(components(announcement).map((c) => c.custom_id)).toEqual(['x:incident show INC-1']);
    expect(h!.rest.requests.find((r) => r.path === `/channels/${channelId}/messages`)!.auth).toBe('Bot fake-bot-token.abc.def');
    // Stored with its Discord channel and card, durably.
    const [stored] = await onDisk(h!.dataDir, 'incidents');
    expect(stored).toMatchObject({ id: 'INC-1', severity: 'sev2', channels: [{ platform: 'discord', id: channelId }], cards: [{ platform: 'discord', channelId, messageId: card.id }] });
  });

  it("an incident card's button runs its command and the card is edited in place; a repeated delivery acts once", async () => {
    await start();
    const { card } = await declare(h!);
    const click = componentClick(control(card, 'Take command').custom_id, card, undefined, { user: BOB });
    expect(await h!.interact(click)).toEqual({ type: 6 });
    const edited = h!.rest.messages.get(card.id)!;
    expect(edited.edits).toBe(1);
    expect(field(edited.embeds[0], 'Commander')).toBe('<@310000000000000002>');
    expect(incidents(h!).get('INC-1')!.commander).toBe('bob');
    // The announcement follows, and Bob's feedback is his alone.
    expect(field(h!.rest.messagesIn(CHANNEL.incidents)[0].embeds[0], 'Commander')).toBe('<@310000000000000002>');
    const feedback = h!.rest.messagesIn(card.channel_id).find((m) => m.content.includes('is now commander'))!;
    expect(feedback).toMatchObject({ content: '✅ Bob Okafor is now commander of INC-1.', flags: 64 });
    // The same interaction again (a redelivery) changes nothing.
    await h!.interact(click);
    expect(h!.rest.messages.get(card.id)!.edits).toBe(1);
    expect((await onDisk(h!.dataDir, 'incidents'))[0].timeline.filter((e: any) => e.kind === 'role')).toHaveLength(1);
  });

  it("the card's select runs its command with the chosen value", async () => {
    await start();
    const { card } = await declare(h!);
    await h!.interact(componentClick(control(card, 'Severity').custom_id, card, ['sev3']));
    expect(incidents(h!).get('INC-1')!.severity).toBe('sev3');
    const embed = h!.rest.messages.get(card.id)!.embeds[0];
    expect(field(embed, 'Severity')).toBe('sev3 · Minor');
    expect(embed.color).toBe(0x5865f2);
  });

  it("a page's Acknowledge in the DM stops the page and edits that DM", async () => {
    await start();
    const res = await h!.interact(slashCommand('page', 'trigger', { target: 'platform-primary', message: 'Disk full on db-2', sev: '2' }, { user: BOB }));
    expect((res as any).data.content ?? JSON.stringify(res)).toMatch(/PAGE-1/);
    // Alice is on call: her DM carries the card.
    const dmChannel = h!.rest.dmChannelWith(ALICE.id)!;
    const dm = h!.rest.messagesIn(dmChannel.id).find((m) => m.embeds[0]?.title?.startsWith('🚨 PAGE-1'))!;
    expect(dm.embeds[0].description).toBe('<@310000000000000001>, you are paged by **schedule Platform primary** (level 1 of 1, round 1 of 3, via schedule platform-primary).');
    expect(components(dm).map((c) => c.label)).toEqual(['Acknowledge', 'Resolve', 'Escalate']);
    expect(await h!.interact(componentClick(control(dm, 'Acknowledge').custom_id, dm, undefined, { dm: true, channelId: dmChannel.id }))).toEqual({ type: 6 });
    const edited = h!.rest.messages.get(dm.id)!;
    expect(edited.embeds[0].title).toBe('👀 PAGE-1 · sev2 · Disk full on db-2');
    expect(field(edited.embeds[0], 'Status')).toBe('Acknowledged by @alice · Sat 21 Nov 10:00 GMT+1');
    expect(components(edited).map((c) => c.label)).toEqual(['Resolve']);
    expect(h!.app.deps.queries.get('oncall')!.pages()[0]).toMatchObject({ id: 'PAGE-1', status: 'acknowledged', acknowledgedBy: 'alice' });
  });

  it("a change's Approve by an approver approves it and edits the card in #changes", async () => {
    await start();
    const card = await requestChange(h!, 'Rotate the API keys');
    expect(card.embeds[0]).toMatchObject({ title: 'CHG-1 · Rotate the API keys', color: 0xfee75c });
    expect(components(card).map((c) => [c.label, c.style])).toEqual([
      ['Approve', 1],
      ['Reject', 4],
    ]);
    // Carol, who asked, is no approver; Alice is.
    await h!.interact(componentClick(control(card, 'Approve').custom_id, card, undefined, { user: CAROL }));
    expect(changes(h!).get('CHG-1')!.state).toBe('pending');
    expect(h!.rest.messagesIn(CHANNEL.changes).find((m) => m.flags === 64)!.content).toMatch(/^⚠️ /);
    await h!.interact(componentClick(control(card, 'Approve').custom_id, card));
    expect(changes(h!).get('CHG-1')).toMatchObject({ state: 'approved', approvedBy: ['alice'] });
    const edited = h!.rest.messages.get(card.id)!;
    expect(edited.embeds[0].color).toBe(0x57f287);
    expect(edited.embeds[0].description).toContain('✅ Approved');
    expect(field(edited.embeds[0], 'Approvals')).toBe('<@310000000000000001> (discord)');
    expect(components(edited).map((c) => c.label)).toEqual(['Start', 'Cancel']);
  });

  it('a confirm button asks first, only the clicker sees it; Confirm runs, Keep does not', async () => {
    await start();
    const card = await requestChange(h!, 'Rotate the API keys');
    await h!.interact(componentClick(control(card, 'Approve').custom_id, card));
    const approved = h!.rest.messages.get(card.id)!;
    const ask = await h!.interact(componentClick(control(approved, 'Cancel').custom_id, approved));
    expect(ask).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Cancel CHG-1?', description: 'The change will not go ahead.' }] } });
    const [confirm, keep] = (ask as any).data.components[0].components;
    expect([confirm.label, keep.label]).toEqual(['Cancel it', 'Keep it']);
    expect(await h!.interact(componentClick(keep.custom_id, approved))).toMatchObject({ type: 7, data: { content: 'Cancelled.' } });
    expect(changes(h!).get('CHG-1')!.state).toBe('approved');
    await h!.interact(componentClick(confirm.custom_id, { id: '990000000000000001', channel_id: card.channel_id, flags: 64 }));
    expect(changes(h!).get('CHG-1')!.state).toBe('cancelled');
    expect(h!.rest.messages.get(card.id)!.embeds[0].description).toContain('🚫 Cancelled');
  });

  it("a change's Reject opens the reason form as a modal; its submission rejects and edits the card", async () => {
    await start();
    const card = await requestChange(h!, 'Drop the legacy tables', 'medium');
    const modal = await h!.interact(componentClick(control(card, 'Reject').custom_id, card));
    expect(modal).toMatchObject({ type: 9, data: { title: 'Reject CHG-1', components: [{ type: 18, label: 'Why is it rejected?', component: { type: 4, custom_id: 'reason', style: 2, required: true, max_length: 500 } }] } });
    const submitted = await h!.interact(modalSubmit((modal as any).data.custom_id, { reason: 'No tested rollback; ping @everyone' }, { message: card }));
    expect((submitted as any).data.content).toMatch(/^⛔ CHG-1 is rejected: No tested rollback; ping @\u200beveryone/);
    expect(changes(h!).get('CHG-1')!.state).toBe('rejected');
    const edited = h!.rest.messages.get(card.id)!;
    expect(edited.embeds[0].color).toBe(0xed4245);
    // Shown literally and unable to ping: the mention is broken by a zero-width space.
    expect(edited.embeds[0].description).toContain('by <@310000000000000001>: No tested rollback; ping @\u200beveryone');
    expect(components(edited)).toEqual([]);
  });

  it('/incident without a subcommand opens the declare form as a modal; submitting it declares', async () => {
    await start();
    const modal = await h!.interact(slashCommand('incident', 'new', {}));
    expect(modal).toMatchObject({ type: 9, data: { title: 'Declare an incident' } });
    const inputs = (modal as any).data.components.map((c: any) => [c.label, c.component.type, c.component.custom_id]);
    expect(inputs).toEqual([
      ['What is broken?', 4, 'title'],
      ['Severity', 3, 'severity'],
      ['Service', 3, 'service'],
      ['Visibility', 3, 'visibility'],
    ]);
    const res = await h!.interact(modalSubmit((modal as any).data.custom_id, { title: 'Search is slow', severity: ['sev3'], service: ['api'], visibility: ['public'] }));
    expect((res as any).data.content).toMatch(/^🔥 Declared \*\*INC-1\*\* · sev3 Minor: Search is slow/);
    expect(incidents(h!).get('INC-1')).toMatchObject({ title: 'Search is slow', severity: 'sev3', serviceId: 'api', private: false });
  });

  it('`!ops <command>` in a message answers in the channel; other messages and bots are ignored', async () => {
    await start();
    const msg = messageCreate('!ops status', { user: BOB });
    await h!.dispatch('MESSAGE_CREATE', msg);
    const reply = h!.rest.messagesIn(CHANNEL.platform).at(-1)!;
    expect(reply.embeds[0].title).toMatch(/operational/i);
    expect(shown(reply.embeds[0])).toContain('Public API');
    const sent = h!.rest.requests.find((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL.platform}/messages`)!;
    expect(sent.body.message_reference).toEqual({ message_id: msg.id, fail_if_not_exists: false });
    await h!.dispatch('MESSAGE_CREATE', msg); // redelivered: once
    await h!.dispatch('MESSAGE_CREATE', messageCreate('just chatting about ops'));
    await h!.dispatch('MESSAGE_CREATE', messageCreate('!ops status', { user: { ...user('1', 'otherbot'), bot: true } }));
    expect(h!.rest.messagesIn(CHANNEL.platform)).toHaveLength(1);
    await h!.dispatch('MESSAGE_CREATE', messageCreate('!ops incident declare sev3 "Disk full on db-2"'));
    expect(incidents(h!).get('INC-1')!.title).toBe('Disk full on db-2');
    await h!.dispatch('MESSAGE_CREATE', messageCreate('!ops incident update INC-9 identified found it'));
    expect(h!.rest.messagesIn(CHANNEL.platform).at(-1)!.content).toMatch(/INC-9[\s\S]*\*\*Usage:\*\* `incident update \[id\]/);
  });

  it('a 📌 reaction in the incident channel puts the message on the timeline, once', async () => {
    await start();
    const { channelId, card } = await declare(h!);
    const said = h!.rest.userMessage(channelId, 'db-2 is back after the failover', BOB);
    await h!.dispatch('MESSAGE_REACTION_ADD', reactionAdd('📌', said));
    const pinned = (await onDisk(h!.dataDir, 'incidents'))[0].timeline.filter((e: any) => e.kind === 'pinned');
    expect(pinned).toEqual([expect.objectContaining({ text: 'db-2 is back after the failover', author: expect.objectContaining({ personId: 'bob' }) })]);
    expect(h!.rest.messages.get(card.id)!.embeds[0].footer!.text).toContain('db-2 is back after the failover');
    const edits = h!.rest.messages.get(card.id)!.edits;
    await h!.dispatch('MESSAGE_REACTION_ADD', reactionAdd('📌', said)); // again: once
    await h!.dispatch('MESSAGE_REACTION_ADD', reactionAdd('🎉', said)); // nobody listens
    expect((await onDisk(h!.dataDir, 'incidents'))[0].timeline.filter((e: any) => e.kind === 'pinned')).toHaveLength(1);
    expect(h!.rest.messages.get(card.id)!.edits).toBe(edits);
    // The reactor is told, outside an interaction by DM.
    expect(h!.rest.dmsWith(ALICE.id).map((m) => m.content)).toContain("📌 Added to INC-1's timeline.");
  });

  it('bad input is answered only to its author with usage, and changes nothing', async () => {
    await start();
    const res = await h!.interact(slashCommand('incident', 'declare', { severity: 'sev9', title: 'Checkout errors' }));
    expect(res).toMatchObject({ type: 4, data: { flags: 64 } });
    expect((res as any).data.content).toMatch(/sev9[\s\S]*\*\*Usage:\*\* `incident declare <sev1-4> <title…>/);
    expect(incidents(h!).open()).toEqual([]);
    expect(await onDisk(h!.dataDir, 'incidents')).toEqual([]);
    const stale = await h!.interact(slashCommand('retired', undefined));
    expect((stale as any).data.content).toMatch(/out of date.*discord:register/);
  });

  it('a slow command is deferred inside the deadline, then its answer replaces the deferral', async () => {
    // The stand-in: no real skill can be held mid-command on purpose.
    await start({ ackMs: 100, skills: () => [createSlowSkill()] });
    const slowSkill = h!.skills[0] as SlowSkill;
    const slow = slashCommand('slow', undefined, {});
    h!.rest.interactions.set(slow.token, { channelId: CHANNEL.platform });
    h!.gateway!.dispatch('INTERACTION_CREATE', slow);
    await h!.rest.waitFor((r) => r.path === `/interactions/${slow.id}/${slow.token}/callback`);
    expect(h!.rest.callbacks.get(slow.id)).toEqual({ type: 5 });
    slowSkill.release();
    await h!.adapter.idle();
    expect(h!.rest.original(slow.token)!.content).toBe('Finally done.');

    const secret = slashCommand('slow', undefined, { private: true });
    h!.rest.interactions.set(secret.token, { channelId: CHANNEL.platform });
    h!.gateway!.dispatch('INTERACTION_CREATE', secret);
    await h!.rest.waitFor((r) => r.path === `/interactions/${secret.id}/${secret.token}/callback`);
    slowSkill.release();
    await h!.adapter.idle();
    // An ephemeral answer cannot replace a public deferral: it is deleted and the answer goes to the author.
    expect(h!.rest.original(secret.token)!.deleted).toBe(true);
    expect(h!.rest.messagesIn(CHANNEL.platform).find((m) => m.content === 'Finally done.' && m.flags === 64)).toBeDefined();
  });

  it('the postmortem is uploaded as a file to the incident channel', async () => {
    await start();
    const { channelId } = await declare(h!);
    const res = await h!.interact(slashCommand('incident', 'postmortem', { id: 'INC-1' }));
    expect((res as any).data).toMatchObject({ flags: 64, content: expect.stringMatching(/^📄 Postmortem of INC-1 posted in its channel/) });
    const upload = h!.rest.requests.find((r) => r.path === `/channels/${channelId}/messages` && r.files.length)!;
    expect(upload.files[0].name).toBe('INC-1-postmortem.md');
    expect(upload.files[0].content).toMatch(/^# Postmortem: INC-1 — Checkout errors\n/);
  });

  it('a private incident gets a hidden channel and its members are let in', async () => {
    await start();
    const { channelId } = await declare(h!, { private: true });
    const created = h!.rest.requests.find((r) => r.path === `/guilds/${GUILD_ID}/channels`)!.body;
    expect(created.permission_overwrites).toEqual([
      { id: GUILD_ID, type: 0, deny: '1024' },
      { id: '350000000000000001', type: 1, allow: expect.any(String) },
    ]);
    expect(h!.rest.requests.some((r) => r.method === 'PUT' && r.path === `/channels/${channelId}/permissions/310000000000000001`)).toBe(true);
    // Private: no announcement in the shared incidents channel.
    expect(h!.rest.messagesIn(CHANNEL.incidents)).toEqual([]);
  });

  it('without Manage Channels it opens a thread in the incidents channel, announced once', async () => {
    await start();
    h!.rest.fail('POST', /^\/guilds\/\d+\/channels$/, 403);
    const { res } = await declare(h!);
    const inc = incidents(h!).get('INC-1')!;
    expect(inc.channels).toEqual([{ platform: 'discord', id: CHANNEL.incidents, threadId: expect.any(String) }]);
    const thread = h!.rest.channels.get(inc.channels[0].threadId!) as any;
    expect(thread).toMatchObject({ type: 11, parent_id: CHANNEL.incidents, name: 'inc-1-checkout-errors' });
    // The thread starts on the announcement; it is not announced a second time.
    const inIncidents = h!.rest.messagesIn(CHANNEL.incidents);
    expect(inIncidents.map((m) => m.embeds[0]?.title)).toEqual(['🚨 INC-1 · Checkout errors']);
    expect((thread as any).starter).toBe(inIncidents[0].id);
    expect(h!.rest.messagesIn(thread.id)[0].embeds[0].title).toBe('🔥 INC-1 · Checkout errors');
    expect(h!.rest.requests.some((r) => r.method === 'PUT' && r.path === `/channels/${thread.id}/thread-members/310000000000000001`)).toBe(true);
    expect((res as any).data.content).toContain('#inc-1-checkout-errors');
    // Inside the thread the id may be left out, as in a channel of its own; the announcement
    // the thread starts on is kept current in place like any other.
    await h!.interact(slashCommand('incident', 'update', { status: 'identified', text: 'Bad deploy' }, { channelId: thread.id, threadOf: CHANNEL.incidents }));
    expect(h!.rest.messages.get(inIncidents[0].id)!.edits).toBeGreaterThanOrEqual(1);
    expect(field(h!.rest.messages.get(inIncidents[0].id)!.embeds[0], 'Status')).toBe('**identified**');
    const noted = await h!.interact(slashCommand('incident', 'note', { text: 'Rolled back' }, { channelId: thread.id, threadOf: CHANNEL.incidents }));
    expect((noted as any).data.content).toBe("📝 Added to INC-1's timeline.");
    expect(h!.rest.messagesIn(thread.id)[0].embeds[0].footer!.text).toContain('Rolled back');
    // So does a 📌 on a message in the thread (its channel is the thread's id at Discord).
    const said = h!.rest.userMessage(thread.id, 'cache flushed', BOB);
    await h!.dispatch('MESSAGE_REACTION_ADD', reactionAdd('📌', said));
    expect((await onDisk(h!.dataDir, 'incidents'))[0].timeline.map((e: any) => e.text)).toContain('cache flushed');
  });

  it('the real cards at their largest stay within Discord limits (the fake refuses anything past them)', async () => {
    await start();
    const title = `Checkout **fails** for @everyone <@&123> ${'and more '.repeat(20)}`.slice(0, 150);
    await h!.interact(slashCommand('incident', 'declare', { severity: 'sev2', title, service: 'payments' }));
    const inc = incidents(h!).get('INC-1')!;
    const card = h!.rest.messagesIn(inc.channels[0].id)[0];
    expect(components(card).map((c) => c.label ?? c.placeholder)).toEqual(['Update', 'Note', 'Take command', 'Assign', 'Severity', 'Resolve', 'Escalate to vendor']);
    for (let n = 1; n <= 12; n++) {
      const res = await h!.interact(slashCommand('incident', 'note', { id: 'INC-1', text: `Note ${n}: ${'x'.repeat(2990)}` }));
      expect((res as any).data.content).toBe("📝 Added to INC-1's timeline.");
    }
    const show = await h!.interact(slashCommand('incident', 'show', { id: 'INC-1' }));
    const embed = (show as any).data.embeds[0];
    expect(embed.title).toMatch(/^🔥 INC-1 · Checkout/);
    // Mentions in embeds never ping; the message allows none but the people a skill meant.
    expect((show as any).data.allowed_mentions).toMatchObject({ parse: [] });
    expect(shown(embed).length).toBeLessThanOrEqual(6000);
    expect(h!.rest.messages.get(card.id)!.edits).toBe(12);
    expect(h!.rest.refused).toEqual([]);
  });

  it('reconnects by itself when the gateway drops the connection', async () => {
    await start();
    h!.gateway!.drop(4000);
    const deadline = Date.now() + 10_000;
    while (h!.gateway!.resumes.length + h!.gateway!.identifies.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    while (h!.gateway!.connections === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));
    expect(h!.gateway!.resumes.length + h!.gateway!.identifies.length).toBe(2);
    expect((await fetch(`${h!.app.url}/healthz`)).status).toBe(200);
    const res = await h!.interact(slashCommand('whoami', undefined));
    expect((res as any).data.embeds[0].title).toBe('Alice Martin (@alice)');
  });
});
