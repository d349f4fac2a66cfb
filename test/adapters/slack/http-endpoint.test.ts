// POST /slack/events on the shared server with the real Bolt app: acks, signatures,
// malformed payloads, and the built-in commands answering through response_url.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NOT_RECORDED } from '../../../src/adapters/slack/inbound.js';
import { clickPayload, eventBody, interactionBody, signedHeaders, slashCommandBody } from '../../fakes/slack/signed-requests.js';
import { startSlackApp, storedIds, type SlackHarness } from '../../helpers/slack-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { stored } from '../../skills/incident/helpers.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const FORM = 'application/x-www-form-urlencoded';

/** Everything a request could have changed: Web API calls, response_url posts, stored claims. */
async function snapshot(x: SlackHarness) {
  await x.settle();
  return { calls: x.fake.calls.length, responses: x.fake.responses.length, deliveries: await storedIds(x.dataDir, 'deliveries'), incidents: await storedIds(x.dataDir, 'incidents') };
}

describe('Slack HTTP endpoint', () => {
  it('answers a quick read command inside its ack: what Slack shows, with no response_url request', async () => {
    h = await startSlackApp();
    const run = await h.run({ command: '/ops', text: 'help', responseUrl: h.fake.responseUrl('help1') });
    expect(run.status).toBe(200);
    expect(run.ackMs).toBeLessThan(3000);
    expect(run.ack.response_type).toBe('ephemeral');
    expect(run.ack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Switchboard commands', emoji: true } });
    expect(JSON.stringify(run.ack.blocks)).toContain('whoami');
    expect(run.ack.text).toContain('Switchboard commands');
    const list = await h.run({ command: '/incident', text: 'list' });
    expect(list.ack).toMatchObject({ response_type: 'ephemeral', blocks: [{ type: 'header', text: { text: '✅ No open incidents' } }, expect.anything()] });
    await h.settle();
    expect(h.fake.responses).toHaveLength(0);
  });

  it('acks a command that waits for I/O empty at once and answers it through response_url', async () => {
    h = await startSlackApp();
    h.fake.users.set('U0STRANGER', { id: 'U0STRANGER', name: 'Sam Stranger', tz: 'Asia/Tokyo' });
    h.fake.slowDown('users.info', 400); // a stranger is looked up on Slack first
    const run = await h.run({ command: '/ops', text: 'whoami', user: 'U0STRANGER', responseUrl: h.fake.responseUrl('slow') });
    expect(run.status).toBe(200);
    expect(run.ack).toBeUndefined();
    expect(run.ackMs).toBeLessThan(300);
    const shown = await run.shown();
    expect(shown).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shown.blocks[0].text.text).toBe('You are not in the config');
  });

  it('with the quick path off, every answer goes through response_url', async () => {
    h = await startSlackApp({ slack: { answerInAck: false } });
    const run = await h.run({ command: '/ops', text: 'help', responseUrl: h.fake.responseUrl('help2') });
    expect([run.status, run.ack]).toEqual([200, undefined]);
    const reply = await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'help2'));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(reply.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Switchboard commands', emoji: true } });
  });

  it('recognises a configured person by people[].slack and a stranger as a guest', async () => {
    h = await startSlackApp();
    h.fake.users.set('U0STRANGER', { id: 'U0STRANGER', name: 'Sam Stranger', tz: 'Asia/Tokyo' });
    const bob = await (await h.run({ command: '/ops', text: 'whoami', user: 'U01BOB0001' })).shown();
    expect(bob.blocks[0].text.text).toBe('Bob Okafor (@bob)');
    expect(JSON.stringify(bob.blocks)).toContain('Europe/London');
    const sam = await (await h.run({ command: '/ops', text: 'whoami', user: 'U0STRANGER' })).shown();
    expect(sam.blocks[0].text.text).toBe('You are not in the config');
    expect(JSON.stringify(sam.blocks)).toContain('U0STRANGER');
  });

  it('answers a bad command only to its author with what was wrong, the usage and an example', async () => {
    h = await startSlackApp();
    const bad = await (await h.run({ command: '/ops', text: 'whoami extra' })).shown();
    expect(bad.response_type).toBe('ephemeral');
    expect(bad.text).toContain('Unexpected "extra"');
    expect(bad.text).toContain('*Usage:* `whoami`');
    const unknown = await (await h.run({ command: '/nonsense', text: '' })).shown();
    expect(unknown.text).toMatch(/Unknown command "nonsense"/);
    const sev = await (await h.run({ command: '/incident', text: 'declare sev9 Typo' })).shown();
    expect(sev.response_type).toBe('ephemeral');
    // Slack shows &lt; as <: the usage line reads `incident declare <sev1-4> <title…> …`.
    expect(sev.text.split('\n')).toEqual([
      '⚠️ Unknown severity "sev9". Severities: sev1 Critical, sev2 Major, sev3 Minor, sev4 Low.',
      '*Usage:* `incident declare &lt;sev1-4&gt; &lt;title…&gt; [service:&lt;id&gt;] [private]`',
      '*Example:* `incident declare sev2 "Checkout fails for card payments" service:web`',
    ]);
    await h.settle();
    expect(await storedIds(h.dataDir, 'incidents')).toEqual([]);
    expect(h.fake.callsTo('conversations.create')).toHaveLength(0);
  });

  it('refuses a forged signature and a 6-minute-old timestamp with 401 and changes nothing', async () => {
    h = await startSlackApp();
    const before = await snapshot(h);
    const body = slashCommandBody({ command: '/incident', text: 'declare sev1 forged', responseUrl: h.fake.responseUrl('forged') });
    const forged = await h.slack.post(body, FORM, {}, { secret: 'not-the-secret' });
    const stale = await h.slack.post(body, FORM, {}, { ts: Math.floor(Date.now() / 1000) - 6 * 60 });
    const unsigned = await fetch(`${h.app.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': FORM } });
    const tampered = await fetch(`${h.app.url}/slack/events`, { method: 'POST', body: body.replace('forged', 'tampered'), headers: signedHeaders(body, FORM) });
    expect([forged.status, stale.status, unsigned.status, tampered.status]).toEqual([401, 401, 401, 401]);
    expect(await snapshot(h)).toEqual(before);
    expect(h.fake.callsTo('conversations.create')).toHaveLength(0);
  });

  it('answers malformed signed payloads with a 4xx, never a 500, and changes nothing', async () => {
    h = await startSlackApp();
    const before = await snapshot(h);
    const cases: Array<[string, string]> = [
      ['payload=%7Bnot-json', FORM],
      ['{"type":"event_callback"', 'application/json'],
      ['{}', 'application/json'],
      ['{"type":"event_callback","event_id":"Ev1"}', 'application/json'],
      [interactionBody({ type: 'block_actions', user: { id: 'U01ALICE01' }, actions: 'click' }), FORM],
      [interactionBody({ type: 'view_submission', user: { id: 'U01ALICE01' }, view: { id: 'V1' } }), FORM],
      [interactionBody({ type: 'mystery' }), FORM],
      ['command=%2Fincident&text=declare', FORM],
      ['just some text', 'text/plain'],
      ['', 'application/json'],
    ];
    const t0 = performance.now();
    for (const [body, type] of cases) {
      const res = await h.slack.post(body, type);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
    expect(performance.now() - t0).toBeLessThan(2500); // answered at once, not after Bolt's 3 s timeout
    expect(await snapshot(h)).toEqual(before);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
  });

  it('answers Slack URL verification and SSL checks, and leaves other routes to the server', async () => {
    h = await startSlackApp();
    const challenge = await h.slack.post(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }), 'application/json');
    expect(await challenge.json()).toEqual({ challenge: 'abc123' });
    expect((await h.slack.post('ssl_check=1&token=x', FORM)).status).toBe(200);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.app.url}/slack/other`, { method: 'POST' })).status).toBe(404);
    expect(await (await fetch(`${h.app.url}/metrics`)).text()).toContain('switchboard_adapter_up{adapter="slack"} 1');
  });

  it('reports Slack down on /healthz when the token is refused', async () => {
    const { FakeSlackApi } = await import('../../fakes/slack/fake-slack-api.js');
    const fake = await FakeSlackApi.start();
    fake.failNext('auth.test', 'invalid_auth');
    h = await startSlackApp({ fake, ownsFake: true });
    const res = await fetch(`${h.app.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ adapters: { slack: 'disconnected' } });
  });

  it('turns deliveries away with 503 while shutting down, so Slack retries them later', async () => {
    h = await startSlackApp();
    await h.adapter.stop();
    const res = await h.slack.command({ command: '/incident', text: 'declare sev1 During shutdown', responseUrl: h.fake.responseUrl() });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    await h.settle();
    expect(h.fake.callsTo('conversations.create')).toHaveLength(0);
  });

  it('acts once on an event Slack retries, also after a restart', async () => {
    h = await startSlackApp();
    await h.run({ command: '/incident', text: 'declare sev3 Retry storm' });
    await h.settle();
    const event = { type: 'app_mention', user: 'U01BOB0001', text: '<@UBOT00001> incident note INC-1 Queue drained', channel: 'C01PLATFORM', ts: '1790000000.000100', event_ts: '1790000000.000100' };
    const body = eventBody(event, 'EvRETRY1');
    expect((await h.slack.post(body, 'application/json')).status).toBe(200);
    await h.settle();
    const retry = await h.slack.post(body, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    await h.settle();
    const notes = async (x: SlackHarness) => (await stored(x.dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'note').map((e) => e.text);
    expect(await notes(h)).toEqual(['Queue drained']);
    expect(h.fake.callsTo('chat.postEphemeral').map((c) => c.args.text)).toEqual(["📝 Added to INC-1's timeline."]);
    expect(await storedIds(h.dataDir, 'deliveries')).toEqual(['slack:ev:EvRETRY1']);
    const again = await h.restart();
    h = again;
    await again.slack.post(body, 'application/json', { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    await again.settle();
    expect(again.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(await notes(again)).toEqual(['Queue drained']);
  });

  it('acts on nothing when a delivery cannot be claimed (store refusing writes), says so, and works again after', async () => {
    h = await startSlackApp();
    await h.run({ command: '/incident', text: 'declare sev3 Disk trouble' });
    await h.settle();
    const card = h.fake.messages.find((m) => m.blocks?.[0]?.text?.text === '🔥 INC-1 · Disk trouble')!;
    // The deliveries folder becomes a file: every claim's write fails (ENOTDIR), nothing else does.
    const deliveries = join(h.dataDir, 'deliveries');
    await rm(deliveries, { recursive: true });
    await writeFile(deliveries, '');
    const updates = h.fake.callsTo('chat.update').length;
    const click = await h.slack.interaction(clickPayload(card, 'Take command', { user: 'U01BOB0001', responseUrl: h.fake.responseUrl('click') }));
    const mention = await h.slack.event({ type: 'app_mention', user: 'U01CAROL01', text: '<@UBOT00001> incident note INC-1 lost?', channel: 'C01PLATFORM', ts: '1790000000.000300' });
    expect([click.status, mention.status]).toEqual([200, 200]);
    await h.settle();
    expect(h.fake.responses.find((r) => r.id === 'click')!.body).toMatchObject({ response_type: 'ephemeral', text: NOT_RECORDED });
    expect(h.fake.callsTo('chat.postEphemeral').map((c) => [c.args.channel, c.args.user, c.args.text])).toEqual([['C01PLATFORM', 'U01CAROL01', NOT_RECORDED]]);
    expect(h.fake.callsTo('chat.update')).toHaveLength(updates);
    let inc = await stored(h.dataDir, 'INC-1');
    expect([inc.roles, inc.timeline.map((e) => e.kind)]).toEqual([{}, ['declared']]);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);

    // Writable again: the person clicks again (a new interaction) and it acts.
    await rm(deliveries);
    await mkdir(deliveries);
    await h.slack.interaction(clickPayload(card, 'Take command', { user: 'U01BOB0001', responseUrl: h.fake.responseUrl('again') }));
    await h.settle();
    expect(h.fake.responses.find((r) => r.id === 'again')!.body.text).toBe('✅ Bob Okafor is now commander of INC-1.');
    inc = await stored(h.dataDir, 'INC-1');
    expect(inc.roles).toEqual({ commander: 'bob' });
  });
});
