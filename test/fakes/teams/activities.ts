// Inbound Teams activities as the Bot Connector posts them to /api/messages, for the people and
// channels of the example config (config/switchboard.yaml).
import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:switchboard-app-id', name: 'Switchboard' };
export const TENANT = '72f988bf-0000-4000-8000-000000000001';
export const TEAM = '19:platform-team@thread.tacv2';
export const CHANNELS = { platform: '19:platform@thread.tacv2', incidents: '19:incidents@thread.tacv2' };
export const USERS = {
  alice: { id: '29:1alice-northwind', name: 'Alice Martin', aadObjectId: '00000000-0000-4000-8000-00000000a11c' },
  bob: { id: '29:1bob-northwind', name: 'Bob Okafor', aadObjectId: '00000000-0000-4000-8000-000000000b0b' },
  dave: { id: '29:1dave-northwind', name: 'Dave Kowalski', aadObjectId: '00000000-0000-4000-8000-000000000dae' },
  stranger: { id: '29:1stranger', name: 'Sam Stranger', aadObjectId: '00000000-0000-4000-8000-0000000005a1' },
};
export type UserKey = keyof typeof USERS;

let seq = 1_600_000_000_000;
const nextId = () => String(++seq);

interface Where {
  serviceUrl: string;
  from?: UserKey;
  id?: string;
}

const base = <E extends object>(w: Where, conversation: object, extra: E) => ({
  id: w.id ?? nextId(),
  channelId: 'msteams',
  serviceUrl: w.serviceUrl,
  timestamp: new Date().toISOString(),
  from: USERS[w.from ?? 'alice'],
  recipient: BOT,
  conversation: { tenantId: TENANT, ...conversation },
  channelData: { tenant: { id: TENANT } },
  ...extra,
});

/** A 1:1 chat id of a user (as Teams would hand it out). */
export const personalChat = (user: UserKey) => `a:1personal-${user}`;

/** A message in a 1:1 chat with the bot. */
export function personalMessage(w: Where & { text: string }) {
  return base(w, { id: personalChat(w.from ?? 'alice'), conversationType: 'personal' }, { type: 'message', text: w.text, textFormat: 'plain', locale: 'en-US' });
}

/**
 * A channel message that @mentions the bot (and anyone in `mentions`): a new post starts a thread
 * whose id is the post's own id; `thread` replies inside an existing one.
 */
export function channelMessage(w: Where & { text: string; channel?: string; thread?: string; mentionBot?: boolean; mentions?: UserKey[] }) {
  const id = w.id ?? nextId();
  const entities: object[] = [];
  let text = w.text;
  for (const u of w.mentions ?? []) entities.push({ type: 'mention', text: `<at>${USERS[u].name}</at>`, mentioned: { id: USERS[u].id, name: USERS[u].name } });
  if (w.mentionBot !== false) {
    text = `<at>${BOT.name}</at> ${text}`;
    entities.push({ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT });
  }
  const channel = w.channel ?? CHANNELS.platform;
  return {
    ...base({ ...w, id }, { id: `${channel};messageid=${w.thread ?? id}`, conversationType: 'channel', isGroup: true }, { type: 'message', text, textFormat: 'plain', entities }),
    channelData: { tenant: { id: TENANT }, team: { id: TEAM }, channel: { id: channel } },
  };
}

/** Where a card lives, for a click on it. */
export interface CardHome {
  conversation: string;
  thread?: string;
  messageId: string;
  conversationType?: 'personal' | 'channel';
}

const homeConversation = (h: CardHome) => ({ id: h.thread ? `${h.conversation};messageid=${h.thread}` : h.conversation, conversationType: h.conversationType ?? 'channel' });

/** A click on an Action.Execute button (an `adaptiveCard/action` invoke), with its data. */
export function cardAction(w: Where & { home: CardHome; data: object; title?: string }) {
  return base(w, homeConversation(w.home), {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: w.home.messageId,
    value: { action: { type: 'Action.Execute', title: w.title ?? 'button', verb: 'switchboard', data: w.data }, trigger: 'manual' },
  });
}

/** An Action.Submit of an older card: a message with the card's data as its value. */
export function cardSubmit(w: Where & { home: CardHome; data: object }) {
  return base(w, homeConversation(w.home), { type: 'message', replyToId: w.home.messageId, value: w.data });
}

/** The bot added to the team (Teams posts it in the team's General channel). */
export function botAddedToTeam(w: Where) {
  return {
    ...base(w, { id: TEAM, conversationType: 'channel', isGroup: true }, { type: 'conversationUpdate', membersAdded: [BOT] }),
    channelData: { tenant: { id: TENANT }, team: { id: TEAM, name: 'Platform Engineering' }, eventType: 'teamMemberAdded' },
  };
}

/** The app installed for a user (their 1:1 chat with the bot). */
export function botInstalledForUser(w: Where) {
  return base(w, { id: personalChat(w.from ?? 'alice'), conversationType: 'personal' }, { type: 'installationUpdate', action: 'add' });
}

export const uniqueText = () => randomUUID().slice(0, 8);
