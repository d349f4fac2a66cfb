// Paging through Teams with the real on-call and incident skills: a page reaches the person's
// stored 1:1 chat at that chat's own serviceUrl (also after a restart), the page card's
// Acknowledge button (Action.Execute) acknowledges it and the card is edited in place, and people
// the bot never talked to get a chat opened where Teams allows it, or a note in their team channel.
import { describe, expect, it } from 'vitest';
import { CONVERSATIONS_COLLECTION, ConversationRecordSchema } from '../../../src/adapters/teams/conversations.js';
import { BOT, CHANNELS, USERS, botAddedToTeam, cardAction, channelMessage, personalChat, personalMessage } from '../../fakes/teams/activities.js';
import { cardsOf, executeActions, visibleText } from '../../fakes/teams/connector.js';
import { action, cardPost, cardTitle, homeOf, incidents, json, pages, roots, teamsApps, thread } from './helpers.js';

const apps = teamsApps();

describe('Teams: pages reach people in their 1:1 chats', () => {
  it('pages @bob at his stored 1:1 chat on its own serviceUrl after a restart; his Acknowledge click acknowledges and edits the card', async () => {
    const emea = await apps.connector();
    let h = await apps.start();
    const amer = h.connector;
    await h.deliver(personalMessage({ serviceUrl: emea.url, from: 'bob', text: 'whoami' }));
    await h.deliver(botAddedToTeam({ serviceUrl: amer.url }));
    h = await apps.restart(h);

    const typed = channelMessage({ serviceUrl: amer.url, text: 'page <at>Bob Okafor</at> Please look at the database', mentions: ['bob'] });
    await h.deliver(typed);
    const dm = cardPost(emea.posts(personalChat('bob')), '🚨 PAGE-1');
    expect(visibleText(dm.body)).toContain('Please look at the database');
    expect(visibleText(dm.body)).toMatch(/you are paged by/);
    expect(amer.posts(personalChat('bob'))).toHaveLength(0);
    // The person who paged hears where it went, in their post's thread; the page card is posted
    // in the channel itself, where the page was asked for (a post of its own, as on Slack).
    const answers = amer.posts(CHANNELS.platform).filter((p) => p.threadId === typed.id);
    expect(answers.map((p) => visibleText(p.body)).join('\n')).toContain('PAGE-1 opened (sev2): notified @bob');
    const channelCard = cardPost(amer.posts(CHANNELS.platform), '🚨 PAGE-1');
    expect(channelCard.threadId).toBeUndefined();
    expect((await pages(h))[0]).toMatchObject({ id: 'PAGE-1', status: 'triggered', target: 'person:bob' });

    const click = cardAction({ serviceUrl: emea.url, from: 'bob', home: homeOf(dm, 'personal'), data: action(dm, 'Acknowledge').data });
    const res = await h.deliver(click);
    const body = await json(res);
    // The invoke is answered with the card as it now is, so Bob sees it change under his click.
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTitle(body.value)).toMatch(/^👀 PAGE-1/);
    expect(visibleText(body.value)).toContain('Acknowledged by @bob');
    expect(executeActions(body.value).map((a) => a.title)).toEqual(['Resolve']);
    expect((await pages(h))[0]).toMatchObject({ status: 'acknowledged', acknowledgedBy: { platform: 'teams', userId: USERS.bob.id, personId: 'bob' } });
    // Both copies of the card are edited in place, each at its own connector.
    expect(emea.updates(dm.activityId).map((u) => cardTitle(cardsOf(u.body)[0]))).toEqual([expect.stringMatching(/^👀 PAGE-1/)]);
    expect(amer.updates(channelCard.activityId).map((u) => visibleText(u.body))).toEqual([expect.stringContaining('Acknowledged by @bob')]);

    // Teams retries an invoke it did not see answered: the click acts once.
    expect((await json(await h.deliver(click))).value).toBe('Already done.');
    expect(emea.updates(dm.activityId)).toHaveLength(1);
  });

  it('a sev1 incident pages the service on-call in their 1:1 chat; acknowledging there acknowledges the incident too', async () => {
    const emea = await apps.connector();
    const h = await apps.start();
    const c = h.connector;
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    h.clock.advance('1m');
    // Alice is on call for platform-primary this week (the example config); her chat is served
    // in another region, and seen last: the team's channels are still addressed at the team's.
    await h.deliver(personalMessage({ serviceUrl: emea.url, from: 'alice', text: 'oncall platform-primary' }));
    expect(visibleText(emea.posts(personalChat('alice')).at(-1)!.body)).toContain('Alice Martin');
    await h.deliver(channelMessage({ serviceUrl: c.url, from: 'bob', text: 'incident declare sev1 Database is down service:api' }));

    const dm = cardPost(emea.posts(personalChat('alice')), '🚨 PAGE-1');
    expect(visibleText(dm.body)).toContain('INC-1: Database is down');
    const res = await h.deliver(cardAction({ serviceUrl: emea.url, from: 'alice', home: homeOf(dm, 'personal'), data: action(dm, 'Acknowledge').data }));
    expect(visibleText((await json(res)).value)).toContain('Acknowledged by @alice');
    expect((await pages(h))[0]).toMatchObject({ status: 'acknowledged', incidentId: 'INC-1' });
    const [inc] = await incidents(h);
    expect(inc.timeline.map((e) => e.kind)).toContain('acknowledged');
    // The incident card in its Teams thread says so, edited in place.
    const root = roots(c)[0];
    const card = cardPost(thread(c, root), '🔥 INC-1');
    expect(visibleText(c.updates(card.activityId).at(-1)!.body)).toContain('PAGE-1 acknowledged by Alice Martin');
  });

  it('opens a 1:1 chat with someone the bot never talked to, where Teams allows it', async () => {
    const h = await apps.start();
    const c = h.connector;
    c.allowChatWith.add(USERS.dave.id);
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'page @dave Your deploy is stuck' }));
    const opened = c.calls.find((x) => x.method === 'POST' && x.conversationId === undefined)!;
    expect(opened.body).toMatchObject({ isGroup: false, bot: { id: BOT.id }, members: [{ id: USERS.dave.id }] });
    expect(visibleText(cardPost(c.posts(`a:chat-${USERS.dave.id}`), '🚨 PAGE-1').body)).toContain('Your deploy is stuck');
    const stored = (await h.app.store.collection(CONVERSATIONS_COLLECTION, { schema: ConversationRecordSchema })).get(`a:chat-${USERS.dave.id}`);
    expect(stored).toMatchObject({ kind: 'personal', userId: USERS.dave.id, serviceUrl: c.url });
    expect((await pages(h))[0].timeline.map((e) => e.text)).toContain('Notified @dave by DM on console, teams (via person dave).');
  });

  it('tells the log and the team channel when a person cannot be reached directly', async () => {
    const h = await apps.start();
    const c = h.connector;
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'page @dave The payment queue is growing' }));
    const note = c.posts(CHANNELS.platform).find((p) => visibleText(p.body).includes('could not message'))!;
    expect(note.threadId).toBeUndefined();
    expect(visibleText(note.body)).toContain('The payment queue is growing');
    expect(note.body.entities).toEqual([{ type: 'mention', text: '<at>Dave Kowalski</at>', mentioned: { id: USERS.dave.id, name: 'Dave Kowalski', role: 'user' } }]);
    expect(h.log.text('warn')).toMatch(/cannot message Dave Kowalski directly/);
  });
});
