// The Teams adapter end to end with every real skill: the real Teams SDK app on Switchboard's
// HTTP server, activities posted to /api/messages, and what reached a fake Bot Connector on
// 127.0.0.1. Incidents, paging and standups through Teams have their own files next to this one.
import { describe, expect, it, vi } from 'vitest';
import { UNRECORDED } from '../../../src/adapters/teams/inbound.js';
import { CONVERSATIONS_COLLECTION, ConversationRecordSchema } from '../../../src/adapters/teams/conversations.js';
import { BOT, CHANNELS, TEAM, botAddedToTeam, cardAction, channelMessage, personalChat, personalMessage, USERS } from '../../fakes/teams/activities.js';
import { visibleText } from '../../fakes/teams/connector.js';
import { exampleConfig } from '../../helpers/config.js';
import { action, cardPost, homeOf, incidents, json, pages, roots, teamsApps } from './helpers.js';

const apps = teamsApps();

describe('Teams adapter: messages', () => {
  it('answers a mention in a channel thread, and anything said in a 1:1 chat', async () => {
    const h = await apps.start();
    const c = h.connector;
    const post = channelMessage({ serviceUrl: c.url, text: 'whoami' });
    const res = await h.deliver(post);
    expect(res.status).toBe(200);
    const reply = c.posts(CHANNELS.platform).at(-1)!;
    expect(reply.threadId).toBe(post.id);
    expect(visibleText(reply.body)).toContain('Alice Martin (@alice)');

    await h.deliver(personalMessage({ serviceUrl: c.url, from: 'bob', text: 'help' }));
    // Every command of every real skill is listed (the card shows Markdown escaped, as typed text).
    const help = visibleText(c.posts(personalChat('bob')).at(-1)!.body).replace(/\\([\\*_`[\]~])/g, '$1');
    const usages = h.app.router.specs().map((spec) => spec.usage);
    expect(usages).toContain('vendor [service|vendor]');
    for (const usage of usages) expect(help).toContain(usage);
  });

  it('ignores channel messages that do not mention the bot, and acts once on a retried delivery', async () => {
    const h = await apps.start();
    const c = h.connector;
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'whoami', mentionBot: false }));
    expect(c.calls).toHaveLength(0);
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    const msg = channelMessage({ serviceUrl: c.url, text: 'incident declare sev3 Search is slow' });
    await h.deliver(msg);
    const calls = c.calls.length;
    await h.deliver(msg);
    expect((await incidents(h)).map((i) => i.id)).toEqual(['INC-1']);
    expect(roots(c)).toHaveLength(1);
    expect(c.calls).toHaveLength(calls);
  });

  it('answers bad input with what was wrong, the usage and an example, and stores nothing', async () => {
    const h = await apps.start();
    await h.deliver(personalMessage({ serviceUrl: h.connector.url, text: 'incident declare sev9 Oops' }));
    const text = visibleText(h.connector.posts(personalChat('alice')).at(-1)!.body);
    expect(text).toMatch(/sev9/);
    expect(text).toContain('incident declare <sev1-4> <title…> [service:<id>] [private]');
    expect(text).toContain('incident declare sev2 "Checkout fails for card payments" service:web');
    expect(await incidents(h)).toHaveLength(0);
  });

  it('rejects what is not an activity with a 4xx and never a 500', async () => {
    const h = await apps.start();
    const bad = [
      { raw: '{"type": "message",' },
      { raw: '{}' },
      { raw: JSON.stringify({ type: 'message', text: 'hi', from: { id: 'x' }, recipient: BOT, conversation: { id: 'c' }, serviceUrl: 'ftp://nope' }) },
      { raw: '[1,2,3]' },
    ];
    for (const b of bad) {
      const res = await h.send({}, b);
      expect(res.status, b.raw).toBeGreaterThanOrEqual(400);
      expect(res.status, b.raw).toBeLessThan(500);
    }
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe('Teams adapter: a new post is said in the channel, a reply in its thread', () => {
  it('subscribes the channel to status changes from one post, tells it at the top, and unsubscribes from another post', async () => {
    const h = await apps.start();
    const c = h.connector;
    const subscribe = channelMessage({ serviceUrl: c.url, text: 'status subscribe api' });
    await h.deliver(subscribe);
    expect(visibleText(c.posts(CHANNELS.platform).find((p) => p.threadId === subscribe.id)!.body)).toContain('This channel now gets status changes of Public API');

    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'status set api major_outage "Database failover"' }));
    const notices = c.posts(CHANNELS.platform).filter((p) => visibleText(p.body).includes('🔴 Public API: Major outage'));
    expect(notices.map((p) => p.threadId)).toEqual([undefined]);

    const unsubscribe = channelMessage({ serviceUrl: c.url, text: 'status unsubscribe' });
    await h.deliver(unsubscribe);
    expect(visibleText(c.posts(CHANNELS.platform).find((p) => p.threadId === unsubscribe.id)!.body)).not.toMatch(/not subscribed/i);
    const before = c.posts(CHANNELS.platform).length;
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'status set api operational' }));
    // Only the answer to the command itself: no notice any more.
    expect(c.posts(CHANNELS.platform)).toHaveLength(before + 1);
  });

  it('answers `briefing` in the team channel once, in the thread of the post that asked', async () => {
    const h = await apps.start();
    const c = h.connector;
    const asked = channelMessage({ serviceUrl: c.url, text: 'briefing' });
    await h.deliver(asked);
    const briefings = c.posts(CHANNELS.platform).filter((p) => visibleText(p.body).includes('Northwind Traders briefing'));
    expect(briefings.map((p) => p.threadId)).toEqual([asked.id]);
  });
});

describe('Teams adapter: acknowledgements', () => {
  it('acknowledges a message at once and answers when the work is done, even when Teams is slow', async () => {
    const h = await apps.start();
    const c = h.connector;
    c.delayMs = 800;
    const t0 = performance.now();
    const res = await h.send(personalMessage({ serviceUrl: c.url, text: 'whoami' }));
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(600);
    expect(c.calls).toHaveLength(0);
    const reply = await c.waitFor((x) => x.conversationId === personalChat('alice'));
    expect(visibleText(reply.body)).toContain('Alice Martin (@alice)');
  });
});

describe('Teams adapter: a delivery the store cannot record', () => {
  it('does nothing with a message, says to try again, and acts when Teams retries it', async () => {
    const h = await apps.start();
    const c = h.connector;
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    const claim = vi.spyOn(h.app.dedupe, 'claim').mockRejectedValueOnce(new Error('EIO: disk failed'));
    const msg = channelMessage({ serviceUrl: c.url, text: 'incident declare sev3 Search is slow' });
    const res = await h.deliver(msg);
    expect(res.status).toBe(200);
    expect(c.posts(CHANNELS.platform).map((p) => [p.threadId, visibleText(p.body)])).toEqual([[msg.id, UNRECORDED]]);
    expect(await incidents(h)).toHaveLength(0);
    expect(h.log.text('error')).toContain('could not record a delivery');

    await h.deliver(msg);
    expect(claim).toHaveBeenCalledTimes(2);
    expect((await incidents(h)).map((i) => i.title)).toEqual(['Search is slow']);
  });

  it('answers a click it could not record with "try again", changes nothing, and acts on the next click', async () => {
    const h = await apps.start();
    const c = h.connector;
    await h.deliver(personalMessage({ serviceUrl: c.url, from: 'bob', text: 'whoami' }));
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'page @bob Disk 95% on db-2' }));
    const dm = cardPost(c.posts(personalChat('bob')), '🚨 PAGE-1');
    const click = cardAction({ serviceUrl: c.url, from: 'bob', home: homeOf(dm, 'personal'), data: action(dm, 'Acknowledge').data });
    vi.spyOn(h.app.dedupe, 'claim').mockRejectedValueOnce(new Error('EIO: disk failed'));

    const res = await h.deliver(click);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: UNRECORDED });
    expect((await pages(h))[0].status).toBe('triggered');
    expect(c.updates()).toHaveLength(0);

    expect(visibleText((await json(await h.deliver(click))).value)).toContain('Acknowledged by @bob');
    expect((await pages(h))[0].status).toBe('acknowledged');
  });
});

describe('Teams adapter: a throttling Teams', () => {
  it('retries a call Teams refused (429, 503) and sends the message once', async () => {
    const h = await apps.start();
    const c = h.connector;
    c.refuseNext.push(429, 503);
    await h.deliver(personalMessage({ serviceUrl: c.url, text: 'whoami' }));
    expect(c.posts(personalChat('alice'))).toHaveLength(1);
  });
});

describe('Teams adapter: identity and conversations', () => {
  it('recognises a person by the AAD object id when the config has no 29: id for them', async () => {
    const config = exampleConfig();
    config.people.find((p) => p.id === 'carol')!.teams_aad = USERS.stranger.aadObjectId;
    const h = await apps.start({ config });
    await h.deliver(personalMessage({ serviceUrl: h.connector.url, from: 'stranger', text: 'whoami' }));
    expect(visibleText(h.connector.posts(personalChat('stranger')).at(-1)!.body)).toContain('Carol Nguyen (@carol)');
  });

  it('stores the team when the bot is added, and forgets it when removed', async () => {
    let h = await apps.start();
    const col = () => h.app.store.collection(CONVERSATIONS_COLLECTION, { schema: ConversationRecordSchema });
    await h.deliver(botAddedToTeam({ serviceUrl: h.connector.url }));
    expect((await col()).get(TEAM)).toMatchObject({ kind: 'channel', teamId: TEAM, serviceUrl: h.connector.url, botId: BOT.id });
    await h.deliver(channelMessage({ serviceUrl: h.connector.url, text: 'whoami' }));
    h = await apps.restart(h);
    expect((await col()).get(TEAM)).toBeDefined();
    expect((await col()).get(CHANNELS.platform)).toMatchObject({ kind: 'channel', teamId: TEAM });
    await h.deliver({ ...botAddedToTeam({ serviceUrl: h.connector.url }), membersAdded: [], membersRemoved: [BOT] });
    expect((await col()).all()).toEqual([]);
  });
});

describe('Teams adapter: health', () => {
  it('reports itself connected on /healthz and /metrics', async () => {
    const h = await apps.start();
    const health = await json(await fetch(`${h.app.url}/healthz`));
    expect(health.adapters.teams).toBe('connected');
    expect(await (await fetch(`${h.app.url}/metrics`)).text()).toContain('switchboard_adapter_up{adapter="teams"} 1');
  });
});
