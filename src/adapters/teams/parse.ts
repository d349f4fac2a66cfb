// Teams activities → what Switchboard should do with them (pure). Validates the payload, works
// out the conversation (1:1, channel thread, group chat), strips the bot's own mention and turns
// other people's mentions into `<@teams:29:…>` tokens the core Directory resolves, and reads the
// data of Adaptive Card buttons and forms.
import { z } from 'zod';
import { readAction, type CardAction } from './action-data.js';
import { normalizeServiceUrl } from './settings.js';

const AccountSchema = z.looseObject({
  id: z.string().min(1).max(300),
  name: z.string().max(300).nullish(),
  aadObjectId: z.string().max(100).nullish(),
});

const EntitySchema = z.looseObject({ type: z.string().max(100), text: z.string().max(1000).nullish(), mentioned: AccountSchema.nullish() });

/** The fields of an inbound activity Switchboard reads; anything else passes through unread. */
export const ActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().min(1).max(300).optional(),
  name: z.string().max(200).nullish(),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(500),
  channelId: z.string().max(100).nullish(),
  from: AccountSchema,
  recipient: AccountSchema,
  conversation: z.looseObject({
    id: z.string().min(1).max(1000),
    conversationType: z.string().max(50).nullish(),
    tenantId: z.string().max(100).nullish(),
    isGroup: z.boolean().nullish(),
  }),
  text: z.string().max(50_000).nullish(),
  entities: z.array(EntitySchema).max(200).nullish(),
  value: z.unknown().optional(),
  replyToId: z.string().max(300).nullish(),
  action: z.string().max(50).nullish(),
  membersAdded: z.array(AccountSchema).max(1000).nullish(),
  membersRemoved: z.array(AccountSchema).max(1000).nullish(),
  channelData: z
    .looseObject({
      team: z.looseObject({ id: z.string().max(500) }).nullish(),
      tenant: z.looseObject({ id: z.string().max(100) }).nullish(),
    })
    .nullish(),
});
export type TeamsActivity = z.infer<typeof ActivitySchema>;

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** Where an activity happened and who sent it: the facts every kind of activity shares. */
export interface ActivityOrigin {
  activityId?: string;
  /** Conversation id without the `;messageid=` thread suffix. */
  conversationId: string;
  /** The thread's root message id, for a channel thread. */
  threadId?: string;
  kind: ConversationKind;
  serviceUrl: string;
  tenantId?: string;
  teamId?: string;
  /** The bot's own account id in this conversation (28:…). */
  botId: string;
  user: { id: string; name?: string; aadObjectId?: string };
}

export type Parsed =
  | { kind: 'command'; origin: ActivityOrigin; text: string }
  | { kind: 'action'; origin: ActivityOrigin; action: CardAction; invoke: boolean; messageId?: string }
  | { kind: 'joined'; origin: ActivityOrigin }
  | { kind: 'left'; origin: ActivityOrigin }
  | { kind: 'ignore'; origin: ActivityOrigin; reason: string };

/** `19:abc@thread.tacv2;messageid=123` → its conversation and thread. */
export function splitConversationId(id: string): { conversationId: string; threadId?: string } {
  const m = /^(.*?);messageid=(\d+)$/i.exec(id);
  return m ? { conversationId: m[1], threadId: m[2] } : { conversationId: id };
}

function kindOf(a: TeamsActivity): ConversationKind {
  const t = a.conversation.conversationType;
  if (t === 'personal' || t === 'channel' || t === 'groupChat') return t;
  return a.conversation.isGroup ? 'groupChat' : 'personal';
}

export function originOf(a: TeamsActivity): ActivityOrigin {
  const { conversationId, threadId } = splitConversationId(a.conversation.id);
  return {
    activityId: a.id,
    conversationId,
    threadId,
    kind: kindOf(a),
    serviceUrl: normalizeServiceUrl(a.serviceUrl),
    tenantId: a.conversation.tenantId ?? a.channelData?.tenant?.id ?? undefined,
    teamId: a.channelData?.team?.id ?? undefined,
    botId: a.recipient.id,
    user: { id: a.from.id, name: a.from.name ?? undefined, aadObjectId: a.from.aadObjectId ?? undefined },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, code: string) => {
    if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? whole;
    const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
  });

/**
 * The command in a message's text: the bot's own `<at>` mention removed, other mentions as
 * `<@teams:<id>>`, leftover markup dropped and HTML entities decoded.
 */
export function commandText(text: string, entities: TeamsActivity['entities'], botId: string): { text: string; mentionsBot: boolean } {
  let s = text;
  let mentionsBot = false;
  const people: string[] = [];
  for (const e of entities ?? []) {
    if (e.type !== 'mention' || !e.mentioned || !e.text) continue;
    const at = s.indexOf(e.text);
    if (at < 0) continue;
    let replacement = ' ';
    if (e.mentioned.id === botId) mentionsBot = true;
    else replacement = ` \uE010${people.push(e.mentioned.id) - 1}\uE011 `;
    s = s.slice(0, at) + replacement + s.slice(at + e.text.length);
  }
  s = decodeEntities(s.replace(/<\/?[a-z][^>]*>/gi, ' '));
  s = s.replace(/\uE010(\d+)\uE011/g, (_m, i: string) => `<@teams:${people[Number(i)]}>`);
  return { text: s.replace(/\s+/g, ' ').trim(), mentionsBot };
}

/** Reads one validated activity. */
export function parseActivity(a: TeamsActivity): Parsed {
  const origin = originOf(a);
  switch (a.type) {
    case 'message': {
      if (a.value !== undefined && a.value !== null && !a.text?.trim()) {
        const action = readAction(a.value);
        return action ? { kind: 'action', origin, action, invoke: false, messageId: a.replyToId ?? undefined } : { kind: 'ignore', origin, reason: 'card data of another app' };
      }
      const { text, mentionsBot } = commandText(a.text ?? '', a.entities, origin.botId);
      if (origin.kind !== 'personal' && !mentionsBot) return { kind: 'ignore', origin, reason: 'not addressed to the bot' };
      return { kind: 'command', origin, text };
    }
    case 'invoke': {
      if (a.name !== 'adaptiveCard/action') return { kind: 'ignore', origin, reason: `invoke ${a.name ?? ''}` };
      const value = z.looseObject({ action: z.looseObject({ data: z.unknown() }) }).safeParse(a.value);
      const action = value.success ? readAction(value.data.action.data) : undefined;
      return action ? { kind: 'action', origin, action, invoke: true, messageId: a.replyToId ?? undefined } : { kind: 'ignore', origin, reason: 'card data of another app' };
    }
    case 'conversationUpdate':
      if (a.membersRemoved?.some((m) => m.id === origin.botId)) return { kind: 'left', origin };
      return { kind: 'joined', origin };
    case 'installationUpdate':
      return a.action === 'remove' ? { kind: 'left', origin } : { kind: 'joined', origin };
    default:
      return { kind: 'ignore', origin, reason: `activity type ${a.type}` };
  }
}
