// The ChatPort over Discord's REST API: post, edit in place, ephemeral (inside an interaction,
// else a DM), DMs, incident channels (a text channel, or a thread when the config asks for
// threads or the bot lacks Manage Channels), members, topics, files and user lookup. A thread
// is `{ id: parent, threadId: thread }` as the core models threads; Discord addresses it by
// the thread's own id, so every call uses `threadId ?? id`.
import { ChannelType, DiscordAPIError, OverwriteType, PermissionFlagsBits, Routes, type APIChannel, type APIUser } from 'discord.js';
import { escapeMarkup, type FileAttachment, type Form, type OutMessage, type Reply } from '../../core/card.js';
import type { Config } from '../../core/config/index.js';
import type { ChatCapabilities, ChatPort, ChatUser, CreateChannelRequest, Logger } from '../../core/ports.js';
import type { ChannelRef, MessageRef } from '../../core/types.js';
import type { MentionLookup } from './markdown.js';
import { sessions, type Outbound } from './outbound.js';
import { channelRef, displayName } from './parse.js';
import { renderMessage } from './render.js';

export interface DiscordChatDeps {
  out: Outbound;
  mentions: MentionLookup;
  log: Logger;
  config: Config['discord'];
  /** The bot's own user id (for the overwrite that keeps it in private channels). */
  botUserId: () => Promise<string | undefined>;
  /** Servers the gateway knows, to pick the only one when nothing else names it. */
  knownGuilds: () => string[];
}

const THREAD_TYPES = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);
const MEMBER_ALLOW = String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ReadMessageHistory | PermissionFlagsBits.AddReactions | PermissionFlagsBits.AttachFiles | PermissionFlagsBits.EmbedLinks);
const ONE_WEEK_MINUTES = 10_080;

/** A valid Discord channel name: lowercase words joined by dashes, at most 100 characters. */
export function channelName(wanted: string): string {
  return (
    wanted
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 100) || 'incident'
  );
}

const isPermissionError = (e: unknown) => e instanceof DiscordAPIError && (e.status === 403 || e.code === 50013 || e.code === 50001);

export class DiscordChat implements ChatPort {
  readonly platform = 'discord' as const;
  // Ephemeral works inside an interaction; elsewhere it falls back to a DM (see postEphemeral).
  readonly capabilities: ChatCapabilities = { createChannels: true, forms: true, ephemeral: true, reactions: true, files: true, editMessages: true };
  private readonly channels = new Map<string, APIChannel>();
  private readonly dmChannels = new Map<string, string>();
  private readonly users = new Map<string, ChatUser>();

  constructor(private readonly d: DiscordChatDeps) {}

  private get rest() {
    return this.d.out.rest;
  }

  private render(msg: OutMessage, ephemeral = false) {
    return renderMessage(msg, this.d.mentions, { ephemeral });
  }

  private async channel(id: string): Promise<APIChannel> {
    const known = this.channels.get(id);
    if (known) return known;
    const ch = (await this.rest.get(Routes.channel(id))) as APIChannel;
    this.channels.set(id, ch);
    return ch;
  }

  async post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef> {
    if (channel.id.startsWith('dm:')) return this.dm(channel.id.slice(3), msg);
    const m = await this.d.out.createMessage(channel.threadId ?? channel.id, this.render(msg));
    return { platform: 'discord', channelId: m.channel_id, messageId: m.id };
  }

  async update(ref: MessageRef, msg: OutMessage): Promise<void> {
    const s = sessions.getStore();
    if (s?.messageId === ref.messageId) {
      // The clicked message: its interaction token can edit it, even when it is ephemeral.
      await s.acked;
      return this.d.out.editOriginal(s, this.render(msg));
    }
    await this.d.out.editMessage(ref.channelId, ref.messageId, this.render(msg));
  }

  async postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void> {
    const s = sessions.getStore();
    if (s && s.userId === userId && s.channelId === (channel.threadId ?? channel.id)) {
      // Sent after the initial response without holding up the command that asked for it.
      void s.acked
        .then(() => this.d.out.followUp(s, this.render(msg, true)))
        .catch((e: unknown) => this.d.log.warn({ err: { message: (e as Error).message } }, 'discord ephemeral follow-up failed'));
      return;
    }
    await this.dm(userId, msg);
  }

  async dm(userId: string, msg: OutMessage): Promise<MessageRef> {
    let channelId = this.dmChannels.get(userId);
    if (!channelId) {
      channelId = ((await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel).id;
      this.dmChannels.set(userId, channelId);
    }
    const m = await this.d.out.createMessage(channelId, this.render(msg));
    return { platform: 'discord', channelId: m.channel_id, messageId: m.id };
  }

  async createChannel(req: CreateChannelRequest): Promise<ChannelRef> {
    const name = channelName(req.name);
    if (this.d.config?.incident_channels !== 'thread' || !req.parent) {
      try {
        return await this.createTextChannel(req, name);
      } catch (e) {
        if (!req.parent || !isPermissionError(e)) throw e;
        this.d.log.warn({ parent: req.parent.id }, 'discord: no permission to create channels (Manage Channels); opening a thread instead');
      }
    }
    return this.createThread(req, req.parent!, name);
  }

  private async createTextChannel(req: CreateChannelRequest, name: string): Promise<ChannelRef> {
    const parent = req.parent ? await this.channel(req.parent.id) : undefined;
    const guilds = this.d.knownGuilds();
    const guildId = (parent && 'guild_id' in parent ? parent.guild_id : undefined) ?? this.d.config?.guild ?? (guilds.length === 1 ? guilds[0] : undefined);
    if (!guildId) throw new Error('no Discord server to create the channel in: set discord.guild in the config');
    const category = this.d.config?.category ?? (parent && 'parent_id' in parent ? (parent.parent_id ?? undefined) : undefined);
    const overwrites = [];
    if (req.private) {
      overwrites.push({ id: guildId, type: OverwriteType.Role, deny: String(PermissionFlagsBits.ViewChannel) });
      const bot = await this.d.botUserId();
      if (bot) overwrites.push({ id: bot, type: OverwriteType.Member, allow: MEMBER_ALLOW });
    }
    const body = { name, type: ChannelType.GuildText, ...(req.topic ? { topic: req.topic.slice(0, 1024) } : {}), ...(category ? { parent_id: category } : {}), ...(overwrites.length ? { permission_overwrites: overwrites } : {}) };
    const ch = (await this.rest.post(Routes.guildChannels(guildId), { body })) as APIChannel;
    this.channels.set(ch.id, ch);
    return { platform: 'discord', id: ch.id };
  }

  private async createThread(req: CreateChannelRequest, parent: ChannelRef, name: string): Promise<ChannelRef> {
    const parentId = parent.threadId ?? parent.id;
    let thread: APIChannel;
    if (req.threadStarter) {
      const starter = await this.post(parent, req.threadStarter);
      thread = (await this.rest.post(Routes.threads(parentId, starter.messageId), { body: { name, auto_archive_duration: ONE_WEEK_MINUTES } })) as APIChannel;
    } else {
      const type = req.private ? ChannelType.PrivateThread : ChannelType.PublicThread;
      thread = (await this.rest.post(Routes.threads(parentId), { body: { name, type, auto_archive_duration: ONE_WEEK_MINUTES, ...(req.private ? { invitable: false } : {}) } })) as APIChannel;
    }
    this.channels.set(thread.id, thread);
    return channelRef({ ...thread, parent_id: parentId });
  }

  /** The neutral ref of a channel id from the gateway (a thread names its parent); never throws. */
  async refOf(channelId: string): Promise<ChannelRef> {
    try {
      return channelRef(await this.channel(channelId));
    } catch {
      return { platform: 'discord', id: channelId };
    }
  }

  async invite(channel: ChannelRef, userIds: string[]): Promise<void> {
    const ch = await this.channel(channel.threadId ?? channel.id);
    if (THREAD_TYPES.has(ch.type)) {
      for (const u of userIds) await this.rest.put(Routes.threadMembers(ch.id, u));
      return;
    }
    const guildId = 'guild_id' in ch ? ch.guild_id : undefined;
    const overwrites = 'permission_overwrites' in ch ? (ch.permission_overwrites ?? []) : [];
    const hidden = overwrites.some((o) => o.id === guildId && (BigInt(o.deny) & PermissionFlagsBits.ViewChannel) !== 0n);
    // Everyone sees a public channel already; a private one needs a member overwrite each.
    if (!hidden) return;
    for (const u of userIds) await this.rest.put(Routes.channelPermission(ch.id, u), { body: { type: OverwriteType.Member, allow: MEMBER_ALLOW } });
  }

  async setTopic(channel: ChannelRef, topic: string): Promise<void> {
    const ch = await this.channel(channel.threadId ?? channel.id);
    if (THREAD_TYPES.has(ch.type)) return; // threads have no topic
    await this.rest.patch(Routes.channel(ch.id), { body: { topic: topic.slice(0, 1024) } });
  }

  async uploadFile(channel: ChannelRef, file: FileAttachment): Promise<void> {
    await this.post(channel, { file });
  }

  async lookupUser(userId: string): Promise<ChatUser | undefined> {
    const known = this.users.get(userId);
    if (known) return known;
    try {
      const u = (await this.rest.get(Routes.user(userId))) as APIUser;
      const user = { id: u.id, name: displayName(u) };
      this.users.set(userId, user);
      return user;
    } catch (e) {
      if (e instanceof DiscordAPIError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Discord opens modals only in answer to a click: DM a button that opens the form. */
  async openForm(userId: string, form: Form): Promise<boolean> {
    const prompt: Reply = { text: `📝 **${escapeMarkup(form.title)}** — press the button to answer.`, form };
    await this.dm(userId, prompt);
    return true;
  }
}
