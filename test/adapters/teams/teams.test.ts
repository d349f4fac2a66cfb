// The Teams adapter end to end: the real Teams SDK app on Switchboard's HTTP server, activities
// posted to /api/messages, and what reached a fake Bot Connector on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { CONVERSATIONS_COLLECTION, ConversationRecordSchema } from '../../../src/adapters/teams/conversations.js';
import { BOT, CHANNELS, TEAM, botAddedToTeam, cardAction, cardSubmit, channelMessage, personalChat, personalMessage, USERS } from '../../fakes/teams/activities.js';
import { cardsOf, executeActions, startFakeConnector, visibleText, type FakeConnector } from '../../fakes/teams/connector.js';
import { startTeamsApp, type TeamsHarness } from '../../helpers/teams-app.js';
import { exampleConfig } from '../../helpers/config.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { createStandInSkills, IncidentSchema, type StandInIncident } from './stand-in-skills.js';

let h: TeamsHarness | undefined;
const extra: FakeConnector[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await Promise.all(extra.splice(0).map((c) => c.stop()));
  await cleanupTempDirs();
});

/** A response body, as the test reads it. */
const json = (r: Response): Promise<any> => r.json();

const start = (o: Parameters<typeof startTeamsApp>[0] = {}) => startTeamsApp({ skills: createStandInSkills, ...o });

async function incidents(harness: TeamsHarness): Promise<StandInIncident[]> {
  return (await harness.app.store.collection('standin-incidents', { schema: IncidentSchema })).all();
}

describe('Teams adapter: messages', () => {
  it('answers a mention in a channel thread, and anything said in a 1:1 chat', async () => {
    h = await start();
    const c = h.connector;
    const post = channelMessage({ serviceUrl: c.url, text: 'whoami' });
    const res = await h.deliver(post);
    expect(res.status).toBe(200);
    const reply = c.posts(CHANNELS.platform).at(-1)!;
    expect(reply.threadId).toBe(post.id);
    expect(visibleText(reply.body)).toContain('Alice Martin (@alice)');

    await h.deliver(personalMessage({ serviceUrl: c.url, from: 'bob', text: 'help' }));
    const help = c.posts(personalChat('bob')).at(-1)!;
    expect(visibleText(help.body)).toContain('Switchboard commands');
    expect(visibleText(help.body)).toContain('incident declare <sev1-4> <title…>');
  });

  it('ignores channel messages that do not mention the bot, and acts once on a retried delivery', async () => {
    h = await start();
    const c = h.connector;
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'whoami', mentionBot: false }));
    expect(c.calls).toHaveLength(0);
    const msg = channelMessage({ serviceUrl: c.url, text: 'incident declare sev3 Search is slow' });
    await h.deliver(msg);
    await h.deliver(msg);
    expect(await incidents(h)).toHaveLength(1);
    expect(c.posts(CHANNELS.platform)).toHaveLength(1);
  });

  it('answers bad input with what was wrong, the usage and an example', async () => {
    h = await start();
    await h.deliver(personalMessage({ serviceUrl: h.connector.url, text: 'incident declare sev9 Oops' }));
    const text = visibleText(h.connector.posts(personalChat('alice')).at(-1)!.body);
    expect(text).toMatch(/expected one of sev1, sev2, sev3, sev4, got "sev9"/);
    expect(text).toContain('incident declare <sev1-4> <title…>');
    expect(text).toContain('incident declare sev2 Checkout is failing');
    expect(await incidents(h)).toHaveLength(0);
  });

  it('rejects what is not an activity with a 4xx and never a 500', async () => {
    h = await start();
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

describe('Teams adapter: incident threads and buttons', () => {
  it('posts the card of a declared incident as the root of a thread in the incident channel', async () => {
    h = await start();
    const c = h.connector;
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    const post = channelMessage({ serviceUrl: c.url, text: 'incident declare sev2 Checkout is failing for EU customers' });
    await h.deliver(post);

    const root = c.posts(CHANNELS.incidents).find((p) => !p.threadId)!;
    expect(root).toBeDefined();
    const [rootCard] = cardsOf(root.body);
    expect(rootCard.version).toBe('1.5');
    expect(visibleText(rootCard)).toContain('INC-1 · SEV2 · Checkout is failing for EU customers');
    expect(executeActions(rootCard).map((a) => a.title)).toEqual(['Acknowledge']);

    const inThread = c.posts(CHANNELS.incidents).filter((p) => p.threadId === root.activityId);
    expect(inThread.map((p) => visibleText(p.body)).join('\n')).toContain('Incident thread for **INC-1**');
    expect(inThread.some((p) => p.body.entities?.some((e: any) => e.mentioned.id === USERS.alice.id))).toBe(true);

    const answer = c.posts(CHANNELS.platform).find((p) => p.threadId === post.id)!;
    expect(visibleText(answer.body)).toContain('Declared **INC-1**');
    const [stored] = await incidents(h);
    expect(stored.thread).toMatchObject({ platform: 'teams', id: CHANNELS.incidents, threadId: root.activityId, serviceUrl: c.url });
  });

  it('runs a card button (Action.Execute) and answers with the card updated in place', async () => {
    h = await start();
    const c = h.connector;
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'incident declare sev1 Database is down' }));
    const root = c.posts(CHANNELS.incidents).find((p) => !p.threadId)!;
    const ack = executeActions(cardsOf(root.body)[0]).find((a) => a.title === 'Acknowledge')!;
    const click = cardAction({ serviceUrl: c.url, from: 'bob', home: { conversation: CHANNELS.incidents, thread: root.activityId, messageId: root.activityId! }, data: ack.data });

    const res = await h.deliver(click);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(visibleText(body.value)).toContain('Acknowledged by');
    expect(visibleText(body.value)).toContain('Bob Okafor');
    expect(executeActions(body.value)).toHaveLength(0);

    const edits = c.updates(root.activityId);
    expect(edits).toHaveLength(1);
    expect(visibleText(edits[0].body)).toContain('Bob Okafor');
    expect((await incidents(h))[0]).toMatchObject({ status: 'acknowledged', ackBy: 'Bob Okafor' });

    // Teams retries an invoke it did not see answered: the click acts once.
    const again = await h.deliver(click);
    expect((await json(again)).value).toBe('Already done.');
    expect(c.updates(root.activityId)).toHaveLength(1);

    // A second, new click tells only the clicker (an invoke message answer), and changes nothing.
    const late = await h.deliver({ ...click, id: `${click.id}-2`, from: USERS.alice });
    const lateBody = await json(late);
    expect(lateBody.type).toBe('application/vnd.microsoft.activity.message');
    expect(lateBody.value).toContain('already acknowledged by Bob Okafor');
    expect(c.updates(root.activityId)).toHaveLength(1);
  });

  it('opens a form as a card and replaces it by the answer once submitted (Action.Execute and Action.Submit)', async () => {
    h = await start();
    const c = h.connector;
    await h.deliver(personalMessage({ serviceUrl: c.url, text: 'incident new' }));
    const formPost = c.posts(personalChat('alice')).at(-1)!;
    const [form] = cardsOf(formPost.body);
    const inputs = JSON.stringify(form.body);
    expect(inputs).toContain('"type":"Input.ChoiceSet"');
    expect(inputs).toContain('"type":"Input.Text"');
    const submit = executeActions(form).find((a) => a.title === 'Declare')!;
    const home = { conversation: personalChat('alice'), messageId: formPost.activityId!, conversationType: 'personal' as const };

    const res = await h.deliver(cardAction({ serviceUrl: c.url, home, data: { ...submit.data, in_severity: 'sev3', in_title: 'Search "results" are stale' } }));
    const body = await json(res);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(visibleText(body.value)).toContain('Declared **INC-1**');
    expect(visibleText(c.updates(formPost.activityId)[0].body)).toContain('Declared **INC-1**');
    expect((await incidents(h))[0]).toMatchObject({ severity: 'sev3', title: 'Search "results" are stale' });

    // An older client sends Action.Submit: a message whose value is the card's data.
    await h.deliver(cardSubmit({ serviceUrl: c.url, home, data: { ...submit.data, in_severity: 'sev4', in_title: 'Typo on the status page' } }));
    expect((await incidents(h)).map((i) => i.title)).toContain('Typo on the status page');
  });
});

describe('Teams adapter: acknowledgements', () => {
  it('acknowledges a message at once and answers when the work is done, even when Teams is slow', async () => {
    h = await start();
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

  it('tells the clicker "working on it" when a button outlasts the invoke deadline, and still updates the card', async () => {
    h = await start({ invokeDeadlineMs: 150 });
    const c = h.connector;
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'incident declare sev2 Slow disks' }));
    const root = c.posts(CHANNELS.incidents).find((p) => !p.threadId)!;
    const ack = executeActions(cardsOf(root.body)[0])[0];
    c.delayMs = 600;
    const res = await h.send(cardAction({ serviceUrl: c.url, from: 'bob', home: { conversation: CHANNELS.incidents, thread: root.activityId, messageId: root.activityId! }, data: ack.data }));
    expect(await json(res)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '⏳ Working on it…' });
    const edit = await c.waitFor((x) => x.method === 'PUT' && x.activityId === root.activityId);
    expect(visibleText(edit.body)).toContain('Bob Okafor');
    await h.teams.idle();
    // The private answer, too late for the invoke, is posted where the button was.
    const late = await c.waitFor((x) => x.method === 'POST' && x.threadId === root.activityId && visibleText(x.body).includes('acknowledged by Bob Okafor'));
    expect(late).toBeDefined();
  });
});

describe('Teams adapter: proactive messages', () => {
  it('DMs a person at their stored 1:1 chat, at that chat’s own serviceUrl, also after a restart', async () => {
    const emea = await startFakeConnector();
    extra.push(emea);
    h = await start();
    const amer = h.connector;
    await h.deliver(personalMessage({ serviceUrl: emea.url, from: 'bob', text: 'hi' }));
    await h.deliver(botAddedToTeam({ serviceUrl: amer.url }));
    h = await h.restart();

    await h.deliver(channelMessage({ serviceUrl: amer.url, text: 'nudge <at>Bob Okafor</at> Please look at the database', mentions: ['bob'] }));
    const dm = emea.posts(personalChat('bob')).find((p) => visibleText(p.body).includes('Please look at the database'));
    expect(dm).toBeDefined();
    expect(visibleText(dm!.body)).toContain('Alice Martin needs you');
    expect(amer.posts(personalChat('bob'))).toHaveLength(0);
    expect(visibleText(amer.posts(CHANNELS.platform).at(-1)!.body)).toContain('Sent to Bob Okafor');
  });

  it('opens a 1:1 chat with someone the bot never talked to, where Teams allows it', async () => {
    h = await start();
    const c = h.connector;
    c.allowChatWith.add(USERS.dave.id);
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'nudge @dave Your deploy is stuck' }));
    const opened = c.calls.find((x) => x.method === 'POST' && x.conversationId === undefined)!;
    expect(opened.body).toMatchObject({ isGroup: false, bot: { id: BOT.id }, members: [{ id: USERS.dave.id }] });
    expect(visibleText(c.posts(`a:chat-${USERS.dave.id}`)[0].body)).toContain('Your deploy is stuck');
    const stored = (await h.app.store.collection(CONVERSATIONS_COLLECTION, { schema: ConversationRecordSchema })).get(`a:chat-${USERS.dave.id}`);
    expect(stored).toMatchObject({ kind: 'personal', userId: USERS.dave.id, serviceUrl: c.url });
  });

  it('tells the log and the team channel when a person cannot be reached directly', async () => {
    h = await start();
    const c = h.connector;
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'nudge @dave The payment queue is growing' }));
    const note = c.posts(CHANNELS.platform).find((p) => visibleText(p.body).includes('could not message'))!;
    expect(note).toBeDefined();
    expect(note.threadId).toBeUndefined();
    expect(visibleText(note.body)).toContain('The payment queue is growing');
    expect(note.body.entities).toEqual([{ type: 'mention', text: '<at>Dave Kowalski</at>', mentioned: { id: USERS.dave.id, name: 'Dave Kowalski', role: 'user' } }]);
    expect(h.log.text('warn')).toMatch(/cannot message Dave Kowalski directly/);
  });
});

describe('Teams adapter: a throttling or failing Teams', () => {
  it('retries a call Teams refused (429, 503) and sends the message once', async () => {
    h = await start();
    const c = h.connector;
    c.refuseNext.push(429, 503);
    await h.deliver(personalMessage({ serviceUrl: c.url, text: 'whoami' }));
    expect(c.posts(personalChat('alice'))).toHaveLength(1);
  });

  it('keeps the change and logs the failure when Teams stays down', async () => {
    h = await start();
    const c = h.connector;
    c.failWith = 500;
    const res = await h.deliver(channelMessage({ serviceUrl: c.url, text: 'incident declare sev2 Everything is down' }));
    expect(res.status).toBe(200);
    expect((await incidents(h)).map((i) => i.title)).toEqual(['Everything is down']);
    expect(h.log.text()).toMatch(/chat createChannel failed|handling an activity failed/);
  });
});

describe('Teams adapter: identity and conversations', () => {
  it('recognises a person by the AAD object id when the config has no 29: id for them', async () => {
    const config = exampleConfig();
    config.people.find((p) => p.id === 'carol')!.teams_aad = USERS.stranger.aadObjectId;
    h = await start({ config });
    await h.deliver(personalMessage({ serviceUrl: h.connector.url, from: 'stranger', text: 'whoami' }));
    expect(visibleText(h.connector.posts(personalChat('stranger')).at(-1)!.body)).toContain('Carol Nguyen (@carol)');
  });

  it('stores the team when the bot is added, and forgets it when removed', async () => {
    h = await start();
    const col = () => h!.app.store.collection(CONVERSATIONS_COLLECTION, { schema: ConversationRecordSchema });
    await h.deliver(botAddedToTeam({ serviceUrl: h.connector.url }));
    expect((await col()).get(TEAM)).toMatchObject({ kind: 'channel', teamId: TEAM, serviceUrl: h.connector.url, botId: BOT.id });
    await h.deliver(channelMessage({ serviceUrl: h.connector.url, text: 'whoami' }));
    h = await h.restart();
    expect((await col()).get(TEAM)).toBeDefined();
    expect((await col()).get(CHANNELS.platform)).toMatchObject({ kind: 'channel', teamId: TEAM });
    await h.deliver({ ...botAddedToTeam({ serviceUrl: h.connector.url }), membersAdded: [], membersRemoved: [BOT] });
    expect((await col()).all()).toEqual([]);
  });
});

describe('Teams adapter: health', () => {
  it('reports itself connected on /healthz and /metrics', async () => {
    h = await start();
    const health = await json(await fetch(`${h.app.url}/healthz`));
    expect(health.adapters.teams).toBe('connected');
    expect(await (await fetch(`${h.app.url}/metrics`)).text()).toContain('switchboard_adapter_up{adapter="teams"} 1');
  });
});
