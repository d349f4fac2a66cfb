// The Slack ChatPort: what skills do in Slack through the core's ChatHub — post, update in
// place, ephemeral (falling back to a DM), DM, create an incident channel (`name_taken`
// handled, a thread under `parent` when creation is refused), invite, topic, files, users.
import type { webApi } from '@slack/bolt';
import { formButton, type FileAttachment, type Form, type OutMessage } from '../../core/card.js';
import type { Directory } from '../../core/people.js';
import type { ChatCapabilities, ChatPort, ChatUser, CreateChannelRequest, Logger } from '../../core/ports.js';
import type { ChannelRef, MessageRef } from '../../core/types.js';
import { slackChannelName } from './channel-name.js';
import { LIMITS, truncatePlain } from './limits.js';
import { escapeMrkdwn, type PeopleView } from './mrkdwn.js';
import type { PayloadStore } from './payload-store.js';
import { renderMessage, type SlackMessage } from './render.js';
import type { Overflow } from './slots.js';
import type { UserCache } from './user-cache.js';

type WebClient = webApi.WebClient;

/** The `error` code of a failed Web API call (`name_taken`, `not_in_channel`, …). */
export function slackError(e: unknown): string | undefined {
  return (e as { data?: { error?: string } } | undefined)?.data?.error;
}

export interface SlackChatDeps {
  client: WebClient;
  people: Directory;
  payloads: PayloadStore;
  users: UserCache;
  log: Logger;
  /** The bot's own user id once known (never invited, never answered). */
  botUserId: () => string | undefined;
}

const MAX_NAME_ATTEMPTS = 20;

export class SlackChat implements ChatPort {
  readonly platform = 'slack' as const;
  readonly capabilities: ChatCapabilities = { createChannels: true, forms: true, ephemeral: true, reactions: true, files: true, editMessages: true };
  readonly view: PeopleView;
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly deps: SlackChatDeps) {
    this.view = { slackIdOf: (id) => deps.people.get(id)?.slack, nameOf: (id) => deps.people.nameOf(id) };
  }

  private get client(): WebClient {
    return this.deps.client;
  }

  /** Renders a message and stores its overflow slots first (durable before visible). */
  async prepare(msg: OutMessage): Promise<SlackMessage> {
    const r = renderMessage(msg, this.view);
    await this.saveOverflow(r.overflow);
    return { text: r.text, blocks: r.blocks };
  }

  /** Stores slot values that did not fit, before anything refers to them. */
  async saveOverflow(overflow: Overflow): Promise<void> {
    if (Object.keys(overflow).length) await this.deps.payloads.save(overflow);
  }

  /** Runs a call in a channel; when the bot is not a member of a public channel, joins once and retries. */
  private async inChannel<T>(channel: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (slackError(e) !== 'not_in_channel') throw e;
      await this.client.conversations.join({ channel });
      return call();
    }
  }

  async post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef> {
    const m = await this.prepare(msg);
    const res = await this.inChannel(channel.id, () =>
      this.client.chat.postMessage({ channel: channel.id, thread_ts: channel.threadId, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false }),
    );
    if (msg.file) await this.uploadFile(channel, msg.file);
    return { platform: 'slack', channelId: res.channel ?? channel.id, messageId: String(res.ts), threadId: channel.threadId };
  }

  async update(ref: MessageRef, msg: OutMessage): Promise<void> {
    const m = await this.prepare(msg);
    await this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text: m.text, blocks: m.blocks ?? [] });
  }

  async postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void> {
    const m = await this.prepare(msg);
    try {
      await this.client.chat.postEphemeral({ channel: channel.id, user: userId, thread_ts: channel.threadId, text: m.text, blocks: m.blocks });
    } catch (e) {
      this.deps.log.debug({ err: { message: (e as Error).message }, channel: channel.id }, 'slack ephemeral failed; sending a DM instead');
      await this.dm(userId, msg);
    }
  }

  /** The DM channel with a user (conversations.open, cached). */
  async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const res = await this.client.conversations.open({ users: userId });
    const id = res.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    this.dmChannels.set(userId, id);
    return id;
  }

  async dm(userId: string, msg: OutMessage): Promise<MessageRef> {
    return this.post({ platform: 'slack', id: await this.dmChannel(userId) }, msg);
  }

  async createChannel(req: CreateChannelRequest): Promise<ChannelRef> {
    for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
      const name = slackChannelName(req.name, attempt);
      try {
        const res = await this.client.conversations.create({ name, is_private: req.private ?? false });
        const id = res.channel?.id;
        if (!id) throw new Error('conversations.create returned no channel');
        const channel: ChannelRef = { platform: 'slack', id };
        if (req.topic) await this.setTopic(channel, req.topic).catch((e) => this.deps.log.warn({ err: { message: (e as Error).message } }, 'slack setTopic failed'));
        return channel;
      } catch (e) {
        if (slackError(e) === 'name_taken') continue;
        if (!req.parent) throw e;
        // Not allowed to create channels here (scope, workspace policy): a thread in the parent.
        this.deps.log.warn({ err: { message: (e as Error).message }, name }, 'slack channel creation refused; using a thread');
        const starter = await this.post(req.parent, req.threadStarter ?? { text: `**${req.name}**` });
        return { platform: 'slack', id: starter.channelId, threadId: starter.messageId };
      }
    }
    throw new Error(`no free Slack channel name for "${req.name}" after ${MAX_NAME_ATTEMPTS} attempts`);
  }

  async invite(channel: ChannelRef, userIds: string[]): Promise<void> {
    const bot = this.deps.botUserId();
    const users = [...new Set(userIds)].filter((u) => u !== bot);
    if (channel.threadId || users.length === 0) return;
    try {
      await this.client.conversations.invite({ channel: channel.id, users: users.join(','), force: true });
    } catch (e) {
      if (slackError(e) !== 'already_in_channel') throw e;
    }
  }

  async setTopic(channel: ChannelRef, topic: string): Promise<void> {
    if (channel.threadId) return;
    await this.client.conversations.setTopic({ channel: channel.id, topic: truncatePlain(escapeMrkdwn(topic), LIMITS.topic) });
  }

  async uploadFile(channel: ChannelRef, file: FileAttachment): Promise<void> {
    try {
      const where = channel.threadId ? { channel_id: channel.id, thread_ts: channel.threadId } : { channel_id: channel.id };
      await this.client.files.uploadV2({ ...where, filename: file.filename, title: file.title, content: file.content });
    } catch (e) {
      this.deps.log.warn({ err: { message: (e as Error).message } }, 'slack file upload failed; posting its text');
      const body = file.content.length > 2900 ? `${file.content.slice(0, 2900)}\n…` : file.content;
      await this.client.chat.postMessage({ channel: channel.id, thread_ts: channel.threadId, text: `*${escapeMrkdwn(file.title)}* (${escapeMrkdwn(file.filename)})\n\`\`\`${escapeMrkdwn(body)}\`\`\`` });
    }
  }

  async lookupUser(userId: string): Promise<ChatUser | undefined> {
    return this.deps.users.get(userId);
  }

  /** A user's name if it was looked up before (no request). */
  cachedName(userId: string): string | undefined {
    return this.deps.users.cachedName(userId);
  }

  /** Slack opens modals only on a click: the person gets a message with a button that opens it. */
  async openForm(userId: string, form: Form, channel?: ChannelRef): Promise<boolean> {
    const msg: OutMessage = { card: { title: form.title, blocks: [{ type: 'actions', elements: [formButton(form.submitLabel ?? 'Open', form, 'primary')] }] } };
    if (channel) await this.postEphemeral(channel, userId, msg);
    else await this.dm(userId, msg);
    return true;
  }
}

/** users.info → name and zone. */
export async function fetchSlackUser(client: WebClient, userId: string): Promise<ChatUser | undefined> {
  const res = await client.users.info({ user: userId });
  const u = res.user;
  if (!u?.id) return undefined;
  return { id: u.id, name: u.profile?.display_name || u.profile?.real_name || u.real_name || u.name || u.id, timezone: u.tz };
}
