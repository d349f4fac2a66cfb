// Incidents through Teams with the real incident skill: the declaration opens a thread in the
// team's incidents channel (the announcement card is its root, the incident card the first reply),
// buttons on the card (Action.Execute) run their commands and answer with the card edited in
// place, and inside the thread the incident id may be left out.
import { describe, expect, it } from 'vitest';
import { CHANNELS, USERS, botAddedToTeam, cardAction, cardSubmit, channelMessage, personalChat, personalMessage } from '../../fakes/teams/activities.js';
import { cardsOf, executeActions, visibleText } from '../../fakes/teams/connector.js';
import type { TeamsHarness } from '../../helpers/teams-app.js';
import { action, cardPost, cardTitle, homeOf, incidents, json, roots, teamsApps, thread } from './helpers.js';

const apps = teamsApps();

/** Declares INC-1 from the platform channel; returns the declaring post, the thread root and the incident card. */
async function declare(h: TeamsHarness, text = 'incident declare sev2 Checkout is failing for EU customers') {
  const c = h.connector;
  await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
  const typed = channelMessage({ serviceUrl: c.url, text });
  await h.deliver(typed);
  const [root] = roots(c);
  return { typed, root, card: cardPost(thread(c, root), '🔥 INC-1') };
}

describe('Teams: an incident is a thread in the incidents channel', () => {
  it('posts the announcement card as the thread root and the incident card in the thread, once each', async () => {
    const h = await apps.start();
    const c = h.connector;
    const { typed, root, card } = await declare(h);

    // One post at the top of the incidents channel: the thread root (no second announcement).
    expect(roots(c)).toHaveLength(1);
    const [rootCard] = cardsOf(root.body);
    expect(rootCard.version).toBe('1.5');
    expect(cardTitle(rootCard)).toBe('🚨 INC-1 · Checkout is failing for EU customers');
    expect(visibleText(rootCard)).toContain('sev2 · Major');
    // The incident card, with the buttons of every command, is a reply in that thread.
    expect(card.threadId).toBe(root.activityId);
    expect(cardTitle(cardsOf(card.body)[0])).toBe('🔥 INC-1 · Checkout is failing for EU customers');
    expect(executeActions(cardsOf(card.body)[0]).map((a) => a.title)).toEqual(['Post update', 'Add to timeline', 'Take command', 'Assign', 'Severity', 'Resolve']);
    // The declarer is @mentioned in the thread (threads have no members), and answered where they typed.
    const looped = thread(c, root).find((p) => visibleText(p.body).includes('Looping in'))!;
    expect(looped.body.entities).toEqual([{ type: 'mention', text: '<at>Alice Martin</at>', mentioned: { id: USERS.alice.id, name: 'Alice Martin', role: 'user' } }]);
    const answer = c.posts(CHANNELS.platform).find((p) => p.threadId === typed.id)!;
    expect(visibleText(answer.body)).toContain('Declared **INC-1**');

    const [inc] = await incidents(h);
    const where = { platform: 'teams', id: CHANNELS.incidents, threadId: root.activityId, serviceUrl: c.url };
    expect(inc.channels.find((x) => x.platform === 'teams')).toEqual(where);
    expect(inc.cards).toContainEqual({ platform: 'teams', channelId: CHANNELS.incidents, messageId: card.activityId, threadId: root.activityId, serviceUrl: c.url });
    expect(inc.announcements.filter((a) => a.platform === 'teams')).toEqual([{ platform: 'teams', channelId: CHANNELS.incidents, messageId: root.activityId, threadId: root.activityId, serviceUrl: c.url }]);
  });

  it('takes commands typed in the thread without the incident id, and says the update once, in the thread', async () => {
    const h = await apps.start();
    const c = h.connector;
    const { root, card } = await declare(h);
    await h.deliver(channelMessage({ serviceUrl: c.url, channel: CHANNELS.incidents, thread: root.activityId, text: 'incident update identified Bad deploy of the checkout service' }));

    expect((await incidents(h))[0].status).toBe('identified');
    expect(roots(c)).toHaveLength(1);
    expect(thread(c, root).map((p) => visibleText(p.body))).toContain('📣 **INC-1** is **identified**: Bad deploy of the checkout service — _Alice Martin_');
    // Both the root and the card are edited in place.
    expect(visibleText(c.updates(root.activityId).at(-1)!.body)).toContain('**Latest:** identified: Bad deploy of the checkout service');
    expect(visibleText(c.updates(card.activityId).at(-1)!.body)).toContain('**identified**');

    // Another thread of the same channel is not the incident's.
    const elsewhere = channelMessage({ serviceUrl: c.url, channel: CHANNELS.incidents, text: 'incident note Rolled back' });
    await h.deliver(elsewhere);
    expect(visibleText(c.posts(CHANNELS.incidents).find((p) => p.threadId === elsewhere.id)!.body)).toContain('Which incident?');
    expect((await incidents(h))[0].timeline.map((e) => e.kind)).not.toContain('note');
  });
});

describe('Teams: buttons on the incident card', () => {
  it('changes the severity from the card’s select and answers with the card edited in place', async () => {
    const h = await apps.start();
    const c = h.connector;
    const { root, card } = await declare(h);
    const severity = action(card, 'Severity');
    const click = cardAction({ serviceUrl: c.url, from: 'bob', home: homeOf(card), data: { ...severity.data, [severity.data.input]: 'sev1' } });

    const body = await json(await h.deliver(click));
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTitle(body.value)).toBe('🔥 INC-1 · Checkout is failing for EU customers');
    expect(visibleText(body.value)).toContain('sev1 · Critical');
    expect((await incidents(h))[0].severity).toBe('sev1');
    expect(c.updates(card.activityId)).toHaveLength(1);
    expect(visibleText(c.updates(root.activityId).at(-1)!.body)).toContain('sev1 · Critical');
    expect(thread(c, root).map((p) => visibleText(p.body))).toContain('⏫ **INC-1** severity sev2 → **sev1** (Critical) — _Bob Okafor_');

    // Teams retries an invoke it did not see answered: it acts once.
    expect((await json(await h.deliver(click))).value).toBe('Already done.');
    expect(c.updates(card.activityId)).toHaveLength(1);

    // Someone who may not raise to sev1 is told so, alone, and nothing changes.
    await h.deliver(channelMessage({ serviceUrl: c.url, channel: CHANNELS.incidents, thread: root.activityId, text: 'incident severity sev3' }));
    const refused = await json(await h.deliver({ ...click, id: `${click.id}-stranger`, from: USERS.stranger }));
    expect(refused.type).toBe('application/vnd.microsoft.activity.message');
    expect(refused.value).toContain("You can't raise an incident to sev1");
    expect((await incidents(h))[0].severity).toBe('sev3');
  });

  it('resolves from the Resolve form on the card: the card turns resolved in place, with its summary stored', async () => {
    const h = await apps.start();
    const c = h.connector;
    const { root, card } = await declare(h);
    const resolve = action(card, 'Resolve');
    const body = await json(await h.deliver(cardAction({ serviceUrl: c.url, home: homeOf(card), data: { ...resolve.data, in_summary: 'Rolled back the 14:02 deploy; "payments" flow again' } })));

    expect(cardTitle(body.value)).toBe('✅ INC-1 · Checkout is failing for EU customers');
    expect(executeActions(body.value).map((a) => a.title)).toEqual(['Postmortem', 'Show']);
    expect((await incidents(h))[0]).toMatchObject({ status: 'resolved', summary: 'Rolled back the 14:02 deploy; "payments" flow again' });
    expect(cardTitle(cardsOf(c.updates(root.activityId).at(-1)!.body)[0])).toBe('✅ INC-1 · Checkout is failing for EU customers');
    expect(thread(c, root).some((p) => visibleText(p.body).startsWith('✅ **INC-1** is **resolved**'))).toBe(true);
    expect(roots(c)).toHaveLength(1);
  });

  it('sends the card a Show button answers with to the clicker alone, in their 1:1 chat', async () => {
    const h = await apps.start();
    const c = h.connector;
    await h.deliver(personalMessage({ serviceUrl: c.url, from: 'bob', text: 'whoami' }));
    const { root } = await declare(h);
    const inChannel = c.posts(CHANNELS.incidents).length;

    const body = await json(await h.deliver(cardAction({ serviceUrl: c.url, from: 'bob', home: homeOf(root), data: action(root, 'Show').data })));
    expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '📬 Sent to you: 🔥 INC-1 · Checkout is failing for EU customers' });
    const shown = c.posts(personalChat('bob')).at(-1)!;
    expect(cardTitle(cardsOf(shown.body)[0])).toBe('🔥 INC-1 · Checkout is failing for EU customers');
    expect(visibleText(shown.body)).toContain('Time to acknowledge');
    expect(c.posts(CHANNELS.incidents)).toHaveLength(inChannel);
  });

  it('opens the declare form in a 1:1 chat and replaces it with the answer (Action.Execute, and Action.Submit of older clients)', async () => {
    const h = await apps.start();
    const c = h.connector;
    await h.deliver(botAddedToTeam({ serviceUrl: c.url }));
    await h.deliver(personalMessage({ serviceUrl: c.url, text: 'incident' }));
    const formPost = c.posts(personalChat('alice')).at(-1)!;
    const inputs = JSON.stringify(cardsOf(formPost.body)[0].body);
    expect(inputs).toContain('"id":"in_title"');
    expect(inputs).toContain('"type":"Input.ChoiceSet"');
    const submit = action(formPost, 'Declare');
    const home = homeOf(formPost, 'personal');

    const body = await json(await h.deliver(cardAction({ serviceUrl: c.url, home, data: { ...submit.data, in_severity: 'sev3', in_title: 'Search "results" are stale', in_service: 'web', in_visibility: 'public' } })));
    expect(visibleText(body.value)).toContain('Declared **INC-1**');
    expect(visibleText(c.updates(formPost.activityId)[0].body)).toContain('Declared **INC-1**');
    expect((await incidents(h))[0]).toMatchObject({ severity: 'sev3', title: 'Search "results" are stale', serviceId: 'web' });
    expect(cardTitle(cardsOf(roots(c)[0].body)[0])).toBe('🚨 INC-1 · Search "results" are stale');

    await h.deliver(cardSubmit({ serviceUrl: c.url, home, data: { ...submit.data, in_severity: 'sev4', in_title: 'Typo on the status page', in_visibility: 'public' } }));
    expect((await incidents(h)).map((i) => i.title)).toContain('Typo on the status page');
  });
});

describe('Teams: slow or failing Teams', () => {
  it('tells the clicker "working on it" when a click outlasts the invoke deadline, and still edits the card', async () => {
    const h = await apps.start({ invokeDeadlineMs: 150 });
    const c = h.connector;
    const { root, card } = await declare(h);
    const severity = action(card, 'Severity');
    c.delayMs = 600;
    const res = await h.send(cardAction({ serviceUrl: c.url, from: 'bob', home: homeOf(card), data: { ...severity.data, [severity.data.input]: 'sev3' } }));
    expect(await json(res)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '⏳ Working on it…' });
    const edit = await c.waitFor((x) => x.method === 'PUT' && x.activityId === card.activityId);
    expect(visibleText(edit.body)).toContain('sev3 · Minor');
    await h.teams.idle();
    // The clicker's own answer, too late for the invoke, is posted where the button was, naming
    // them (Bob has no 1:1 chat with the bot yet).
    const late = thread(c, root).find((p) => visibleText(p.body).includes('INC-1 is now sev3'))!;
    expect(late.body.entities).toEqual([{ type: 'mention', text: '<at>Bob Okafor</at>', mentioned: { id: USERS.bob.id, name: 'Bob Okafor', role: 'user' } }]);
    expect((await incidents(h))[0].severity).toBe('sev3');
  });

  it('keeps the declared incident and logs the failure when Teams stays down', async () => {
    const h = await apps.start();
    const c = h.connector;
    c.failWith = 500;
    const res = await h.deliver(channelMessage({ serviceUrl: c.url, text: 'incident declare sev2 Everything is down' }));
    expect(res.status).toBe(200);
    expect((await incidents(h)).map((i) => i.title)).toEqual(['Everything is down']);
    expect(h.log.text('warn')).toMatch(/chat createChannel failed/);
  });
});
