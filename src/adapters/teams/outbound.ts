// Everything the bot sends to Teams: posts, in-place edits, DMs to stored 1:1 chats, incident
// threads under a channel. Each conversation is addressed at its own serviceUrl (stored with it);
// a person the bot has never reached gets a 1:1 chat opened where Teams allows it, and otherwise
// a clear note in the log and in their team's channel.
import { toThreadedConversationId } from '@microsoft/teams.apps';
import { Client as ApiClient } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { mention, type OutMessage, type Reply } from '../../core/card.js';
import type { Config } from '../../core/config/index.js';
import type { Directory } from '../../core/people.js';
import type { CreateChannelRequest, Logger } from '../../core/ports.js';
import type { ChannelRef, MessageRef } from '../../core/types.js';
import type { ConversationBook } from './conversations.js';
import type { MarkdownContext } from './markdown.js';
import { renderMessage, type TeamsMessage } from './render.js';

export interface OutboundOptions {
  /** The SDK's authenticated HTTP client (it adds the bot's token). */
  http: ApiClient['http'];
  book: ConversationBook;
  /** Where conversations the bot has never seen are addressed. */
  defaultServiceUrl: string;
  config: Config;
  people: Directory;
  log: Logger;
  md: MarkdownContext;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * Teams throttles bots (429) and has short outages: a call it refused is tried again (3 times at
 * most, honouring Retry-After up to 5 s). Only refusals are retried, so nothing is sent twice.
 */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const res = (e as { response?: { status?: number; headers?: Record<string, unknown> } }).response;
      if (attempt >= attempts || !res?.status || !RETRYABLE.has(res.status)) throw e;
      const after = Number(res.headers?.['retry-after']);
      const ms = Math.min(Number.isFinite(after) && after > 0 ? after * 1000 : 200 * 2 ** (attempt - 1), 5000);
      await new Promise((r) => setTimeout(r, ms));
    }
  }
}

/** The conversation id that addresses a thread (`;messageid=`, for Teams' numeric message ids). */
const threaded = (id: string, threadId?: string): string | undefined => (threadId && /^\d+$/.test(threadId) && threadId !== '0' ? toThreadedConversationId(id, threadId) : undefined);

/** Called after every in-place edit, so a button click in flight can answer with the new card. */
export type UpdateListener = (ref: MessageRef, card: IAdaptiveCard | undefined) => void;

export class TeamsOutbound {
  private readonly clients = new Map<string, ApiClient>();
  private readonly listeners = new Set<UpdateListener>();

  constructor(private readonly o: OutboundOptions) {}

  onUpdate(l: UpdateListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private api(serviceUrl: string): ApiClient {
    let c = this.clients.get(serviceUrl);
    if (!c) this.clients.set(serviceUrl, (c = new ApiClient(serviceUrl, this.o.http)));
    return c;
  }

  /**
   * The serviceUrl of a conversation: its own, else that of the most recently seen conversation
   * of its kind (a channel from the config is served where the bot's teams are, not where
   * someone's 1:1 chat happens to be in a multi-region tenant), else any, else the default.
   */
  serviceUrlOf(ref: { id: string; serviceUrl?: string }): string {
    const { book } = this.o;
    const like = ref.id.startsWith('19:') ? book.latest(['channel', 'groupChat']) : undefined;
    return ref.serviceUrl ?? book.get(ref.id)?.serviceUrl ?? like?.serviceUrl ?? book.latest()?.serviceUrl ?? this.o.defaultServiceUrl;
  }

  render(msg: OutMessage | Reply): TeamsMessage {
    return renderMessage(msg, this.o.md);
  }

  /** Posts to a channel, chat or thread. */
  async post(channel: ChannelRef, msg: OutMessage | Reply): Promise<MessageRef> {
    const serviceUrl = this.serviceUrlOf(channel);
    const conversations = this.api(serviceUrl).conversations;
    const activities = (id: string) => conversations.activities(id);
    const body = this.render(msg);
    const { threadId } = channel;
    const inThread = threaded(channel.id, threadId);
    const res = await withRetry(() => (inThread ? activities(inThread).create(body) : threadId ? activities(channel.id).reply(threadId, body) : activities(channel.id).create(body)));
    if (!res?.id) throw new Error('Teams accepted the message but returned no id');
    return { platform: 'teams', channelId: channel.id, messageId: res.id, threadId: channel.threadId, serviceUrl };
  }

  /** Edits a posted message in place (cards keep their place in the thread). */
  async update(ref: MessageRef, msg: OutMessage | Reply): Promise<void> {
    const body = this.render(msg);
    const conversation = threaded(ref.channelId, ref.threadId) ?? ref.channelId;
    const conversations = this.api(this.serviceUrlOf({ id: ref.channelId, serviceUrl: ref.serviceUrl })).conversations;
    await withRetry(() => conversations.activities(conversation).update(ref.messageId, body));
    const card = body.attachments?.[0]?.content;
    for (const l of this.listeners) l(ref, card);
  }

  /** A DM to a Teams user (29:… or AAD id): their stored 1:1 chat, else a new one, else the fallback. */
  async dm(userId: string, msg: OutMessage | Reply): Promise<MessageRef> {
    const known = this.o.book.personal(userId);
    if (known) return this.post({ platform: 'teams', id: known.id, serviceUrl: known.serviceUrl }, msg);
    const opened = await this.openChat(userId);
    if (opened) return this.post(opened, msg);
    return this.unreachable(userId, msg);
  }

  /** Opens a 1:1 chat (Teams allows it when the app is installed for the user or in one of their teams). */
  private async openChat(userId: string): Promise<ChannelRef | undefined> {
    const seen = this.o.book.latest();
    if (!seen?.botId) return undefined;
    try {
      const conversations = this.api(seen.serviceUrl).conversations;
      const res = await withRetry(() =>
        conversations.create({
        isGroup: false,
        bot: { id: seen.botId, role: 'bot' },
        members: [{ id: userId, role: 'user' }],
        tenantId: seen.tenantId,
          channelData: seen.tenantId ? { tenant: { id: seen.tenantId } } : undefined,
        }),
      );
      if (!res?.id) return undefined;
      const rec = await this.o.book.addPersonal({ id: res.id, serviceUrl: res.serviceUrl || seen.serviceUrl, tenantId: seen.tenantId, userId, botId: seen.botId });
      this.o.log.info({ userId }, 'teams: opened a 1:1 chat');
      return { platform: 'teams', id: rec.id, serviceUrl: rec.serviceUrl };
    } catch (e) {
      this.o.log.warn({ userId, err: { message: (e as Error).message } }, 'teams: could not open a 1:1 chat');
      return undefined;
    }
  }

  /** The channel that hears about a person the bot cannot reach: their team's, else the first team's. */
  private fallbackChannel(personId: string | undefined): ChannelRef | undefined {
    const teams = this.o.config.teams;
    const team = teams.find((t) => personId && t.members.includes(personId) && t.channels.main?.teams) ?? teams.find((t) => t.channels.main?.teams);
    const id = team?.channels.main?.teams;
    return id ? { platform: 'teams', id } : undefined;
  }

  private async unreachable(userId: string, msg: OutMessage | Reply): Promise<MessageRef> {
    const person = this.o.people.byAccount('teams', userId);
    const who = person ? mention(person.id) : userId;
    this.o.log.warn(
      { userId, personId: person?.id },
      `teams: cannot message ${person?.name ?? userId} directly: they have not started a chat with the bot and Teams would not open one (install the app for them, or ask them to message it once)`,
    );
    const channel = this.fallbackChannel(person?.id);
    if (!channel) throw new Error(`no 1:1 chat with ${userId} and no team channel on Teams to tell instead`);
    const note = `⚠️ I could not message ${who} directly in Teams: they have not opened a chat with Switchboard yet. ${person ? person.name : 'They'}, please open Switchboard in Teams and say "hi" once. Here is the message:`;
    return this.post(channel, { ...msg, text: msg.text ? `${note}\n${msg.text}` : note });
  }

  /** Shows a message meant for one user: their 1:1 chat if there is one, else the channel with a mention. */
  async postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage | Reply): Promise<void> {
    const known = this.o.book.personal(userId);
    if (known) {
      await this.post({ platform: 'teams', id: known.id, serviceUrl: known.serviceUrl }, msg);
      return;
    }
    const person = this.o.people.byAccount('teams', userId);
    await this.post(channel, { ...msg, text: [person ? `(for ${mention(person.id)})` : undefined, msg.text].filter(Boolean).join(' ') });
  }

  /** An incident's space: a thread in the parent channel, its first message the thread root. */
  async createChannel(req: CreateChannelRequest): Promise<ChannelRef> {
    const parent = req.parent;
    if (!parent || parent.platform !== 'teams') throw new Error('Teams bots cannot create channels without Microsoft Graph; a thread needs a parent channel');
    if (req.private) throw new Error('a private space cannot be a thread in a shared Teams channel; no Teams thread was opened');
    const starter: OutMessage = req.threadStarter ?? { text: `🧵 **${req.name}**${req.topic ? `\n${req.topic}` : ''}` };
    const root = await this.post({ platform: 'teams', id: parent.id, serviceUrl: parent.serviceUrl }, starter);
    return { platform: 'teams', id: parent.id, threadId: root.messageId, serviceUrl: root.serviceUrl };
  }

  /** Threads have no membership: the people are mentioned in the thread so Teams notifies them. */
  async invite(channel: ChannelRef, userIds: string[]): Promise<void> {
    if (!channel.threadId) return;
    const people = userIds.map((u) => this.o.people.byAccount('teams', u)).filter((p) => p !== undefined);
    if (people.length === 0) return;
    await this.post(channel, { text: `👋 Looping in ${people.map((p) => mention(p.id)).join(', ')}.` });
  }
}
