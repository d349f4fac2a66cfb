// The Discord ChatPort at the fake API: DMs, ephemeral fallback, user lookup, topics, files,
// forms outside interactions, threads when the config asks for them, refusals surfaced.
import { afterEach, describe, expect, it } from 'vitest';
import { rejectForm } from '../../../src/skills/change/cards.js';
import { startDiscordHarness, type DiscordHarness } from '../../fakes/discord/harness.js';
import { BOB, CHANNEL, componentClick, GUILD_ID, slashCommand } from '../../fakes/discord/payloads.js';
import { exampleConfig } from '../../helpers/config.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { onDisk } from './helpers.js';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

describe('Discord ChatPort', () => {
  it('DMs a person, and falls back to a DM for ephemeral posts outside an interaction', async () => {
    h = await startDiscordHarness();
    const port = h.adapter.port;
    const ref = await port.dm(BOB.id, { text: 'You are on call from 09:00.' });
    const dm = h.rest.channels.get(ref.channelId) as any;
    expect(dm.type).toBe(1);
    expect(h.rest.messages.get(ref.messageId)!.content).toBe('You are on call from 09:00.');
    await port.postEphemeral({ platform: 'discord', id: CHANNEL.platform }, BOB.id, { text: 'Only you see this.' });
    expect(h.rest.messagesIn(ref.channelId).map((m) => m.content)).toEqual(['You are on call from 09:00.', 'Only you see this.']);
    expect(h.rest.requests.filter((r) => r.path === '/users/@me/channels')).toHaveLength(1); // the DM channel is reused
    // ChatHub reaches the same port by person.
    const refs = await h.app.deps.chat.dmPerson('bob', { text: 'Handoff at 09:00' });
    expect(refs).toHaveLength(1);
  });

  it('looks users up once, sets topics, uploads files and opens forms by a DM button', async () => {
    h = await startDiscordHarness();
    const port = h.adapter.port;
    h.rest.users.set(BOB.id, BOB);
    expect(await port.lookupUser(BOB.id)).toEqual({ id: BOB.id, name: 'Bob Okafor' });
    expect(await port.lookupUser(BOB.id)).toEqual({ id: BOB.id, name: 'Bob Okafor' });
    expect(h.rest.requests.filter((r) => r.path === `/users/${BOB.id}`)).toHaveLength(1);
    expect(await port.lookupUser('319999999999999999')).toBeUndefined();
    await port.setTopic({ platform: 'discord', id: CHANNEL.platform }, 'INC-4 · sev2 · investigating');
    expect((h.rest.channels.get(CHANNEL.platform) as any).topic).toBe('INC-4 · sev2 · investigating');
    await port.uploadFile({ platform: 'discord', id: CHANNEL.platform }, { filename: 'INC-4.md', title: 'Postmortem', content: '# INC-4' });
    const upload = h.rest.requests.find((r) => r.files.length)!;
    expect(upload.files).toEqual([{ name: 'INC-4.md', content: '# INC-4' }]);
    expect(await port.openForm!(BOB.id, rejectForm('CHG-1'))).toBe(true);
    const prompt = [...h.rest.messages.values()].at(-1)!;
    expect(prompt.content).toBe('📝 **Reject CHG-1** — press the button to answer.');
    const open = (prompt.components![0] as any).components[0];
    expect(open.label).toBe('📝 Reject CHG-1');
    const modal = await h.interact(componentClick(open.custom_id, prompt, undefined, { user: BOB, dm: true }));
    expect(modal).toMatchObject({ type: 9, data: { title: 'Reject CHG-1', components: [{ label: 'Why is it rejected?' }] } });
  });

  it('opens a thread in the incidents channel when the config asks for threads; a private incident still gets a hidden channel', async () => {
    h = await startDiscordHarness({ config: { ...exampleConfig(), discord: { incident_channels: 'thread' } } });
    await h.interact(slashCommand('incident', 'declare', { severity: 'sev3', title: 'Checkout errors' }));
    const inc = h.app.deps.queries.get('incidents')!.get('INC-1')!;
    expect(h.rest.requests.some((r) => r.path.startsWith('/guilds/'))).toBe(false);
    expect(inc.channels).toEqual([{ platform: 'discord', id: CHANNEL.incidents, threadId: expect.any(String) }]);
    expect(h.rest.channels.get(inc.channels[0].threadId!)).toMatchObject({ type: 11, parent_id: CHANNEL.incidents, name: 'inc-1-checkout-errors' });
    expect(h.rest.messagesIn(inc.channels[0].threadId!)[0].embeds[0].title).toBe('🔥 INC-1 · Checkout errors');
    // A private incident never opens a thread in a shared channel: its title would show there.
    await h.interact(slashCommand('incident', 'declare', { severity: 'sev3', title: 'Payroll export delayed', private: true }));
    const secret = h.app.deps.queries.get('incidents')!.get('INC-2')!;
    const created = h.rest.requests.find((r) => r.path === `/guilds/${GUILD_ID}/channels`)!.body;
    expect(created).toMatchObject({ name: 'inc-2-payroll-export-delayed', type: 0, permission_overwrites: [{ id: GUILD_ID, type: 0, deny: '1024' }, expect.anything()] });
    expect(secret.channels[0].threadId).toBeUndefined();
    expect(h.rest.messagesIn(CHANNEL.incidents).map((m) => m.embeds[0]?.title)).toEqual(['🚨 INC-1 · Checkout errors']);
  });

  it('surfaces refusals to the core (which logs them) and keeps the stored change', async () => {
    h = await startDiscordHarness();
    h.rest.fail('POST', /^\/channels\/\d+\/messages$/, 500, { message: 'Internal Server Error', code: 0 });
    await expect(h.adapter.port.post({ platform: 'discord', id: CHANNEL.platform }, { text: 'x' })).rejects.toThrow();
    const res = await h.interact(slashCommand('incident', 'declare', { severity: 'sev3', title: 'Checkout errors' }));
    expect((res as any).data.content).toMatch(/^🔥 Declared \*\*INC-1\*\*/);
    const [stored] = await onDisk(h.dataDir, 'incidents');
    expect(stored).toMatchObject({ id: 'INC-1', cards: [], announcements: [] });
  });
});

describe('discord config section', () => {
  it('is optional and validated with paths', async () => {
    const { parseConfigText } = await import('../../../src/core/config/index.js');
    const { readFileSync } = await import('node:fs');
    const base = readFileSync('config/switchboard.yaml', 'utf8');
    expect(parseConfigText(base, {}).discord).toBeUndefined();
    expect(parseConfigText(`${base}\ndiscord:\n  incident_channels: thread\n  guild: "330000000000000001"\n`, {}).discord).toEqual({ incident_channels: 'thread', guild: '330000000000000001' });
    expect(() => parseConfigText(`${base}\ndiscord:\n  incident_channels: threads\n  guild: 330000000000000001\n  colour: red\n`, {})).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          'discord.incident_channels: expected channel or thread, got "threads"',
          expect.stringMatching(/^discord\.guild: expected a quoted string for the server id/),
          'discord.colour: unknown key (check its spelling)',
        ]),
      }),
    );
  });
});
