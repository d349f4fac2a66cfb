// POST /discord/interactions with a key pair made here: PING, signed commands (the real
// `incident declare`), buttons and deferrals answered in the HTTP response; tampered, forged,
// stale or unsigned requests get 401 and change nothing; malformed bodies get 400, never a 500.
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordHarness, type DiscordHarness, type DiscordHarnessOptions } from '../../fakes/discord/harness.js';
import { APP_ID, CHANNEL, componentClick, slashCommand, STRANGER } from '../../fakes/discord/payloads.js';
import { createSlowSkill, type SlowSkill } from '../../fakes/discord/slow-skill.js';
import { createApp } from '../../../src/app.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { exampleConfig } from '../../helpers/config.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { control, field, onDisk } from './helpers.js';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const start = async (o: DiscordHarnessOptions = {}) => (h = await startDiscordHarness({ gateway: false, http: true, ...o }));
const incidents = () => h!.app.deps.queries.get('incidents')!;
const declare = (title = 'Checkout errors') => slashCommand('incident', 'declare', { severity: 'sev2', title });

describe('POST /discord/interactions', () => {
  it('answers PING with PONG and reports the adapter up without a gateway', async () => {
    await start();
    expect(await h!.post({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 })).toEqual({ status: 200, body: { type: 1 } });
    expect(((await (await fetch(`${h!.app.url}/healthz`)).json()) as { adapters: unknown }).adapters).toEqual({ discord: 'connected' });
  });

  it('runs a signed command and answers in the HTTP response', async () => {
    await start();
    const res = await h!.post(slashCommand('whoami', undefined));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Alice Martin (@alice)' }], allowed_mentions: { parse: [] } } });
    // Identity comes from people[].discord; anyone else is recognised as not configured.
    const stranger = await h!.post(slashCommand('whoami', undefined, {}, { user: STRANGER }));
    expect(stranger.body.data.embeds[0].title).toBe('You are not in the config');
    expect(stranger.body.data.embeds[0].description).toContain(STRANGER.id);
  });

  it('a signed /incident declare opens the channel and posts the card at Discord, and answers in the HTTP response', async () => {
    await start();
    const declared = await h!.post(declare('Disk full on db-2'));
    expect(declared).toMatchObject({ status: 200, body: { type: 4, data: { content: '🔥 Declared **INC-1** · sev2 Major: Disk full on db-2 → #inc-1-disk-full-on-db-2 (discord)' } } });
    const inc = incidents().get('INC-1')!;
    expect(inc).toMatchObject({ severity: 'sev2', title: 'Disk full on db-2' });
    expect(h!.rest.channels.get(inc.channels[0].id)).toMatchObject({ name: 'inc-1-disk-full-on-db-2' });
    expect(h!.rest.messagesIn(inc.channels[0].id)[0].embeds[0].title).toBe('🔥 INC-1 · Disk full on db-2');
    expect(h!.rest.messagesIn(CHANNEL.incidents)[0].embeds[0].title).toBe('🚨 INC-1 · Disk full on db-2');
    // The same through /ops, as text.
    const typed = await h!.post(slashCommand('ops', undefined, { command: 'incident declare sev3 "Search is slow"' }));
    expect(typed.body.data.content).toMatch(/^🔥 Declared \*\*INC-2\*\* · sev3 Minor: Search is slow/);
  });

  it('refuses a tampered body with 401 and changes nothing', async () => {
    await start();
    const i = declare();
    const res = await h!.post(i, { tamper: (b) => b.replace('Checkout errors', 'Checkout ERRORS') });
    expect(res).toEqual({ status: 401, body: { error: 'invalid request signature' } });
    expect(incidents().open()).toEqual([]);
    expect(await onDisk(h!.dataDir, 'incidents')).toEqual([]);
    expect(await onDisk(h!.dataDir, 'deliveries')).toEqual([]);
    expect(h!.rest.requests).toEqual([]);
    // The untampered one was never claimed, so it still works.
    expect((await h!.post(i)).status).toBe(200);
    expect((await onDisk(h!.dataDir, 'incidents')).map((x) => x.title)).toEqual(['Checkout errors']);
  });

  it('refuses forged, stale and unsigned requests with 401', async () => {
    await start();
    const i = slashCommand('whoami', undefined);
    const now = Math.floor(h!.clock.now().getTime() / 1000);
    expect((await h!.post(i, { headers: { 'x-signature-ed25519': 'ab'.repeat(64) } })).status).toBe(401);
    expect((await h!.post(i, { headers: { 'x-signature-ed25519': 'not hex' } })).status).toBe(401);
    expect((await h!.post(i, { timestamp: now - 6 * 60 })).status).toBe(401);
    const unsigned = await fetch(`${h!.app.url}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(i) });
    expect(unsigned.status).toBe(401);
    expect(h!.rest.requests).toEqual([]);
  });

  it('answers 400 to signed garbage, never 500', async () => {
    await start();
    expect((await fetch(`${h!.app.url}/discord/interactions`, { method: 'POST', body: '' })).status).toBe(401);
    expect(await h!.post(undefined, { raw: '{not json' })).toEqual({ status: 400, body: { error: 'body is not JSON' } });
    const signedJunk = await h!.post({ hello: 'world' });
    expect(signedJunk).toEqual({ status: 400, body: { error: 'not an interaction' } });
    const weird = await h!.post({ id: '5', application_id: APP_ID, type: 2, token: 't', data: { name: 'incident', type: 1, options: [{ name: 'declare', type: 1, options: 'x' }] } });
    expect(weird.status).toBe(200);
    expect(weird.body).toMatchObject({ type: 4, data: { content: '⚠️ Switchboard could not read this interaction.', flags: 64 } });
    expect(h!.rest.requests).toEqual([]);
  });

  it('acts once on a repeated interaction id', async () => {
    await start();
    const i = declare();
    await h!.post(i);
    const again = await h!.post(i);
    expect(again.body).toMatchObject({ type: 4, data: { content: 'This was already handled.', flags: 64 } });
    expect(await onDisk(h!.dataDir, 'incidents')).toHaveLength(1);
  });

  it('acknowledges a button at once and edits the clicked card through the interaction token', async () => {
    await start();
    await h!.post(declare());
    const card = h!.rest.messagesIn(incidents().get('INC-1')!.channels[0].id)[0];
    const res = await h!.post(componentClick(control(card, 'Take command').custom_id, card));
    expect(res.body).toEqual({ type: 6 });
    const edit = h!.rest.requests.find((r) => r.method === 'PATCH' && r.path.startsWith('/webhooks/'))!;
    expect(edit.path).toMatch(new RegExp(`^/webhooks/${APP_ID}/[^/]+/messages/@original$`));
    expect(edit.auth).toBeUndefined();
    expect(field(h!.rest.messages.get(card.id)!.embeds[0], 'Commander')).toBe('<@310000000000000001>');
  });

  it('defers a slow command inside the deadline and follows up', async () => {
    // The stand-in: no real skill can be held mid-command on purpose.
    await start({ ackMs: 100, skills: () => [createSlowSkill()] });
    const i = slashCommand('slow', undefined, {});
    const { url, init } = h!.signed(i);
    const t0 = performance.now();
    const res = await fetch(url, init);
    const ackMs = performance.now() - t0;
    const body = await res.json();
    expect(body).toEqual({ type: 5 });
    expect(ackMs).toBeLessThan(3000);
    h!.rest.initialResponse(i.id, i.token, body);
    expect(h!.rest.original(i.token)!.content).toBe(''); // "Switchboard is thinking…" 
    (h!.skills[0] as SlowSkill).release();
    await h!.adapter.idle();
    expect(h!.rest.original(i.token)!.content).toBe('Finally done.');
  });

  it('refuses to start with a malformed public key, naming the variable but not the value', async () => {
    const start = createApp({ config: exampleConfig(), env: { DISCORD_PUBLIC_KEY: 'deadbeef' }, dataDir: await tempDir(), host: '127.0.0.1', port: 0, log: silentLogger, timers: false });
    await expect(start).rejects.toThrow(/DISCORD_PUBLIC_KEY: expected the application's public key \(64 hex characters\)/);
    await expect(start).rejects.not.toThrow(/deadbeef/);
  });
});
