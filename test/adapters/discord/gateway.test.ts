// The real discord.js Client logged in to the fake gateway, REST calls to the fake API: a slash
// command opens a channel and posts a card, buttons and selects edit the card in place, a
// form opens as a modal and its submission runs, `!ops` messages and 📌 reactions work, and
// every delivery acts once. (The drill skill stands in for `incident declare`.)
import { afterEach, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { INTENTS } from '../../../src/adapters/discord/gateway.js';
import { createDrillSkill, type DrillSkill } from '../../fakes/discord/drill-skill.js';
import { startDiscordHarness, type DiscordHarness, type DiscordHarnessOptions } from '../../fakes/discord/harness.js';
import { BOB, CHANNEL, componentClick, GUILD_ID, messageCreate, modalSubmit, reactionAdd, slashCommand } from '../../fakes/discord/payloads.js';
import { nextId, type StoredMessage } from '../../fakes/discord/rest.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const start = async (o: DiscordHarnessOptions = {}) => (h = await startDiscordHarness({ skills: (d) => [createDrillSkill(d)], ...o }));
const drill = (x: DiscordHarness) => x.skills[0] as DrillSkill;
const field = (e: APIEmbed, name: string) => e.fields?.find((f) => f.name === name)?.value;
/** Everything an embed shows as text: text after fields keeps its place as an unnamed field. */
const shown = (e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`)].join('\n');
const buttons = (m: StoredMessage) => m.components!.flatMap((r: any) => r.components) as any[];

/** Declares DRILL-1 and returns its channel id and card message. */
async function declare(x: DiscordHarness, extra: Record<string, string | boolean> = {}) {
  const res = await x.interact(slashCommand('drill', 'declare', { title: 'Checkout errors', sev: 'sev2', ...extra }));
  const channelId = drill(x).drills().get('DRILL-1')!.channel!.id;
  return { res, channelId, card: x.rest.messagesIn(channelId)[0] };
}

describe('Discord over the gateway (real discord.js Client, fake Discord)', () => {
  it('logs in with minimal intents and reports connected', async () => {
    await start();
    const identify = h!.gateway!.identifies[0];
    expect(identify.token).toBe('fake-bot-token.abc.def');
    expect(identify.intents).toBe(INTENTS.reduce((a, b) => a | b, 0));
    const health = (await (await fetch(`${h!.app.url}/healthz`)).json()) as { adapters: unknown };
    expect(health.adapters).toEqual({ discord: 'connected' });
  });

  it('a slash command declares: the channel and the embed appear at Discord', async () => {
    await start();
    const { res, channelId, card } = await declare(h!);
    expect(res).toMatchObject({ type: 4, data: { content: 'Declared **DRILL-1**: Checkout errors' } });
    expect(res.type === 4 && res.data?.flags).toBeFalsy();
    const channel = h!.rest.channels.get(channelId) as any;
    expect(channel).toMatchObject({ name: 'drill-1-checkout-errors', type: 0, guild_id: GUILD_ID, parent_id: CHANNEL.category, topic: 'Checkout errors' });
    const embed = card.embeds[0];
    expect(embed).toMatchObject({ title: 'DRILL-1: Checkout errors', color: 0xed4245 });
    expect(field(embed, 'Severity')).toBe('sev2');
    expect(field(embed, 'Declared by')).toBe('<@310000000000000001>');
    expect(card.components).toHaveLength(2);
    expect(buttons(card).map((b) => [b.label, b.style])).toEqual([
      ['Acknowledge', 1],
      ['Resolve', 4],
      ['Add note', 2],
      [undefined, undefined],
    ]);
    expect(buttons(card)[0].custom_id).toBe('x:drill ack DRILL-1');
    expect(buttons(card)[3]).toMatchObject({ type: 3, custom_id: 'v:drill sev DRILL-1 {value}' });
    // The bot's own post went through its token.
    expect(h!.rest.requests.find((r) => r.path === `/channels/${channelId}/messages`)!.auth).toBe('Bot fake-bot-token.abc.def');
  });

  it('a button runs its command and the card is edited in place; a repeated delivery acts once', async () => {
    await start();
    const { card } = await declare(h!);
    const click = componentClick('x:drill ack DRILL-1', card, undefined, { user: BOB });
    expect(await h!.interact(click)).toEqual({ type: 6 });
    const edited = h!.rest.messages.get(card.id)!;
    expect(edited.edits).toBe(1);
    expect(field(edited.embeds[0], 'Status')).toBe('acknowledged');
    expect(edited.embeds[0].color).toBe(0xfee75c);
    expect(shown(edited.embeds[0])).toContain('• acknowledged by Bob Okafor');
    // Bob's feedback is his alone.
    const followUp = h!.rest.messagesIn(card.channel_id).find((m) => m.content.includes('You acknowledged'))!;
    expect(followUp.flags).toBe(64);
    // The same interaction again (a redelivery) changes nothing.
    await h!.interact(click);
    expect(drill(h!).drills().get('DRILL-1')!.notes).toEqual(['acknowledged by Bob Okafor']);
    expect(h!.rest.messages.get(card.id)!.edits).toBe(1);
  });

  it('a select runs its command with the chosen value', async () => {
    await start();
    const { card } = await declare(h!);
    await h!.interact(componentClick('v:drill sev DRILL-1 {value}', card, ['sev1']));
    expect(drill(h!).drills().get('DRILL-1')!.severity).toBe('sev1');
    expect(field(h!.rest.messages.get(card.id)!.embeds[0], 'Severity')).toBe('sev1');
  });

  it('a confirm button asks first, only the clicker sees it; Confirm runs, Cancel does not', async () => {
    await start();
    const { card } = await declare(h!);
    const resolveId = buttons(card)[1].custom_id as string;
    expect(resolveId).toMatch(/^c:/);
    const ask = await h!.interact(componentClick(resolveId, card));
    expect(ask).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Resolve?', description: 'Resolve DRILL-1?' }] } });
    const [confirm, cancel] = (ask as any).data.components[0].components;
    expect(cancel.label).toBe('Keep open');
    expect(await h!.interact(componentClick(cancel.custom_id, card))).toMatchObject({ type: 7, data: { content: 'Cancelled.' } });
    expect(drill(h!).drills().get('DRILL-1')!.status).toBe('open');
    await h!.interact(componentClick(confirm.custom_id, { id: nextId(), channel_id: card.channel_id, flags: 64 }));
    expect(drill(h!).drills().get('DRILL-1')!.status).toBe('resolved');
    expect(h!.rest.messages.get(card.id)!.embeds[0].color).toBe(0x57f287);
  });

  it('a form button opens a modal and its submission runs the form command', async () => {
    await start();
    const { card } = await declare(h!);
    const modal = await h!.interact(componentClick(buttons(card)[2].custom_id, card));
    expect(modal).toMatchObject({ type: 9, data: { title: 'Note on DRILL-1', components: [{ type: 18, label: 'What happened?', component: { type: 4, custom_id: 'text', style: 2, required: true } }] } });
    const modalId = (modal as any).data.custom_id as string;
    const submitted = await h!.interact(modalSubmit(modalId, { text: 'rolled back; paging @everyone' }));
    expect(submitted).toMatchObject({ type: 4, data: { content: 'Noted on DRILL-1.' } });
    expect(drill(h!).drills().get('DRILL-1')!.notes).toEqual(['rolled back; paging @everyone']);
    // Shown literally and unable to ping: the mention is broken by a zero-width space.
    expect(shown(h!.rest.messages.get(card.id)!.embeds[0])).toContain('rolled back; paging @\u200beveryone');
  });

  it('a command that answers with a form opens the modal directly', async () => {
    await start();
    await declare(h!);
    const res = await h!.interact(slashCommand('drill', 'form', { id: 'DRILL-1' }));
    expect(res).toMatchObject({ type: 9, data: { title: 'Note on DRILL-1' } });
  });

  it('`!ops <command>` in a message answers in the channel; other messages and bots are ignored', async () => {
    await start();
    const msg = messageCreate('!ops whoami', { user: BOB });
    await h!.dispatch('MESSAGE_CREATE', msg);
    const reply = h!.rest.messagesIn(CHANNEL.platform).at(-1)!;
    expect(reply.embeds[0].title).toBe('Bob Okafor (@bob)');
    const sent = h!.rest.requests.find((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL.platform}/messages`)!;
    expect(sent.body.message_reference).toEqual({ message_id: msg.id, fail_if_not_exists: false });
    await h!.dispatch('MESSAGE_CREATE', msg); // redelivered: once
    await h!.dispatch('MESSAGE_CREATE', messageCreate('just chatting about ops'));
    await h!.dispatch('MESSAGE_CREATE', messageCreate('!ops whoami', { user: { id: '1', username: 'otherbot', global_name: null, discriminator: '0', avatar: null, bot: true } }));
    expect(h!.rest.messagesIn(CHANNEL.platform)).toHaveLength(1);
    await h!.dispatch('MESSAGE_CREATE', messageCreate('!ops drill declare "Disk full on db-2"'));
    expect(drill(h!).drills().get('DRILL-1')!.title).toBe('Disk full on db-2');
    await h!.dispatch('MESSAGE_CREATE', messageCreate('!ops drill ack NOPE'));
    expect(h!.rest.messagesIn(CHANNEL.platform).at(-1)!.content).toMatch(/not valid here[\s\S]*Usage:\*\* `drill ack <id>`/);
  });

  it('a 📌 reaction in the drill channel reaches the skill with the message', async () => {
    await start();
    const { channelId, card } = await declare(h!);
    const said = h!.rest.userMessage(channelId, 'db-2 is back after the failover', BOB);
    await h!.dispatch('MESSAGE_REACTION_ADD', reactionAdd('📌', said));
    expect(drill(h!).drills().get('DRILL-1')!.notes).toEqual(['📌 Bob Okafor: db-2 is back after the failover']);
    await h!.dispatch('MESSAGE_REACTION_ADD', reactionAdd('📌', said)); // again: once
    await h!.dispatch('MESSAGE_REACTION_ADD', reactionAdd('🎉', said)); // nobody listens
    expect(drill(h!).drills().get('DRILL-1')!.notes).toHaveLength(1);
    expect(h!.rest.messages.get(card.id)!.edits).toBe(1);
  });

  it('bad input is answered only to its author with usage, and changes nothing', async () => {
    await start();
    const res = await h!.interact(slashCommand('drill', 'ack', { id: 'INC-9' }));
    expect(res).toMatchObject({ type: 4, data: { flags: 64 } });
    expect((res as any).data.content).toMatch(/"INC-9" is not valid here[\s\S]*\*\*Usage:\*\* `drill ack <id>`[\s\S]*Example/);
    expect(drill(h!).drills().all()).toEqual([]);
    const stale = await h!.interact(slashCommand('retired', undefined));
    expect((stale as any).data.content).toMatch(/out of date.*discord:register/);
  });

  it('a slow command is deferred inside the deadline, then its answer replaces the deferral', async () => {
    await start({ ackMs: 100 });
    const slow = slashCommand('drill', 'slow', {});
    h!.rest.interactions.set(slow.token, { channelId: CHANNEL.platform });
    h!.gateway!.dispatch('INTERACTION_CREATE', slow);
    await h!.rest.waitFor((r) => r.path === `/interactions/${slow.id}/${slow.token}/callback`);
    expect(h!.rest.callbacks.get(slow.id)).toEqual({ type: 5 });
    drill(h!).release();
    await h!.adapter.idle();
    expect(h!.rest.original(slow.token)!.content).toBe('Finally done.');

    const secret = slashCommand('drill', 'slow', { private: true });
    h!.rest.interactions.set(secret.token, { channelId: CHANNEL.platform });
    h!.gateway!.dispatch('INTERACTION_CREATE', secret);
    await h!.rest.waitFor((r) => r.path === `/interactions/${secret.id}/${secret.token}/callback`);
    drill(h!).release();
    await h!.adapter.idle();
    // An ephemeral answer cannot replace a public deferral: it is deleted and the answer goes to the author.
    expect(h!.rest.original(secret.token)!.deleted).toBe(true);
    expect(h!.rest.messagesIn(CHANNEL.platform).find((m) => m.content === 'Finally done.' && m.flags === 64)).toBeDefined();
  });

  it('a file answer is attached to the reply', async () => {
    await start();
    const i = slashCommand('drill', 'report', {});
    expect(await h!.interact(i)).toEqual({ type: 5, data: {} });
    const patch = h!.rest.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))!;
    expect(patch.files).toEqual([{ name: 'drill.md', content: '# Drill\n\nAll good.\n' }]);
    expect(h!.rest.original(i.token)!.content).toBe('Here is the report.');
  });

  it('a private drill gets a hidden channel and its members are let in', async () => {
    await start();
    const { channelId } = await declare(h!, { private: true });
    const created = h!.rest.requests.find((r) => r.path === `/guilds/${GUILD_ID}/channels`)!.body;
    expect(created.permission_overwrites).toEqual([
      { id: GUILD_ID, type: 0, deny: '1024' },
      { id: '350000000000000001', type: 1, allow: expect.any(String) },
    ]);
    expect(h!.rest.requests.some((r) => r.method === 'PUT' && r.path === `/channels/${channelId}/permissions/310000000000000001`)).toBe(true);
  });

  it('without Manage Channels it opens a thread in the incidents channel', async () => {
    await start();
    h!.rest.fail('POST', /^\/guilds\/\d+\/channels$/, 403);
    const { channelId, card } = await declare(h!);
    const thread = h!.rest.channels.get(channelId) as any;
    expect(thread).toMatchObject({ type: 11, parent_id: CHANNEL.incidents, name: 'drill-1-checkout-errors' });
    expect(h!.rest.messagesIn(CHANNEL.incidents)[0].content).toBe('Drill DRILL-1');
    expect(card.embeds[0].title).toBe('DRILL-1: Checkout errors');
    expect(h!.rest.requests.some((r) => r.method === 'PUT' && r.path === `/channels/${channelId}/thread-members/310000000000000001`)).toBe(true);
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
