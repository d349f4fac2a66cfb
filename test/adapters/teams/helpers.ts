// Shared by the Teams adapter tests: one harness per test (stopped after it, with any extra
// fake connectors), what the real skills stored, and the cards a person sees at the connector.
import { afterEach } from 'vitest';
import { PageSchema, type Page } from '../../../src/skills/oncall/model.js';
import { IncidentSchema, type Incident } from '../../../src/skills/incident/model.js';
import { CHANNELS, type CardHome } from '../../fakes/teams/activities.js';
import { cardsOf, executeActions, startFakeConnector, visibleText, type ConnectorCall, type FakeConnector } from '../../fakes/teams/connector.js';
import { startTeamsApp, type TeamsHarness } from '../../helpers/teams-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

/** One harness per test: `start()` keeps it, `restart()` swaps it; both are stopped after the test. */
export function teamsApps() {
  let current: TeamsHarness | undefined;
  const extra: FakeConnector[] = [];
  afterEach(async () => {
    await current?.stop();
    current = undefined;
    await Promise.all(extra.splice(0).map((c) => c.stop()));
    await cleanupTempDirs();
  });
  return {
    start: async (o: Parameters<typeof startTeamsApp>[0] = {}) => (current = await startTeamsApp(o)),
    restart: async (h: TeamsHarness) => (current = await h.restart()),
    /** Another Bot Connector (another region's serviceUrl), stopped after the test. */
    connector: async () => {
      const c = await startFakeConnector();
      extra.push(c);
      return c;
    },
  };
}

/** A response body, as the test reads it. */
export const json = (r: Response): Promise<any> => r.json();

export const incidents = async (h: TeamsHarness): Promise<Incident[]> => (await h.app.store.collection('incidents', { schema: IncidentSchema })).all();
export const pages = async (h: TeamsHarness): Promise<Page[]> => (await h.app.store.collection('pages', { schema: PageSchema })).all();

/** The top-level posts of the team's incidents channel (thread roots), and the replies in one thread. */
export const roots = (c: FakeConnector): ConnectorCall[] => c.posts(CHANNELS.incidents).filter((p) => p.threadId === undefined);
export const thread = (c: FakeConnector, root: ConnectorCall): ConnectorCall[] => c.posts(CHANNELS.incidents).filter((p) => p.threadId === root.activityId);

/** The first post whose card title starts with `prefix` (🔥 the incident card, 🚨 a page or an announcement). */
export function cardPost(posts: ConnectorCall[], prefix: string): ConnectorCall {
  const found = posts.find((p) => cardsOf(p.body).some((card) => cardTitle(card).startsWith(prefix)));
  if (!found) throw new Error(`no card starting with "${prefix}" in:\n${posts.map((p) => visibleText(p.body).split('\n')[0]).join('\n')}`);
  return found;
}

/** The title of an Adaptive Card as rendered (the header's text block). */
export const cardTitle = (card: any): string => card?.body?.[0]?.items?.[0]?.text ?? '';

/** An Action.Execute of a recorded message's card, by its title. */
export function action(post: ConnectorCall | any, title: string): { title: string; data: any } {
  const body = 'body' in post && 'method' in post ? post.body : post;
  const all = cardsOf(body).flatMap(executeActions);
  const found = all.find((a) => a.title === title);
  if (!found) throw new Error(`no button "${title}"; buttons: ${all.map((a) => a.title).join(', ')}`);
  return found;
}

/** Where a posted card lives, for a click on it (in a channel every post is in a thread: its own, or its root's). */
export const homeOf = (post: ConnectorCall, conversationType: 'channel' | 'personal' = 'channel'): CardHome => ({
  conversation: post.conversationId!,
  thread: conversationType === 'channel' ? (post.threadId ?? post.activityId) : undefined,
  messageId: post.activityId!,
  conversationType,
});
