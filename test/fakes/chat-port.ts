// An in-memory ChatPort that records every call, with the capabilities a test chooses: a
// stand-in for a platform adapter (e.g. one that cannot create channels and opens threads).
import type { FileAttachment, Form, OutMessage } from '../../src/core/card.js';
import type { ChatCapabilities, ChatPort, ChatUser, CreateChannelRequest } from '../../src/core/ports.js';
import type { ChannelRef, MessageRef, PlatformId } from '../../src/core/types.js';

export type Call =
  | { op: 'post'; channel: ChannelRef; msg: OutMessage; ref: MessageRef }
  | { op: 'update'; ref: MessageRef; msg: OutMessage }
  | { op: 'ephemeral'; channel: ChannelRef; userId: string; msg: OutMessage }
  | { op: 'dm'; userId: string; msg: OutMessage }
  | { op: 'createChannel'; req: CreateChannelRequest; channel: ChannelRef }
  | { op: 'invite'; channel: ChannelRef; userIds: string[] }
  | { op: 'setTopic'; channel: ChannelRef; topic: string }
  | { op: 'uploadFile'; channel: ChannelRef; file: FileAttachment };

export class RecordingChatPort implements ChatPort {
  readonly calls: Call[] = [];
  readonly capabilities: ChatCapabilities;
  private seq = 0;

  constructor(
    readonly platform: PlatformId,
    caps: Partial<ChatCapabilities> = {},
  ) {
    this.capabilities = { createChannels: true, forms: true, ephemeral: true, reactions: true, files: true, editMessages: true, ...caps };
  }

  of<K extends Call['op']>(op: K): Extract<Call, { op: K }>[] {
    return this.calls.filter((c): c is Extract<Call, { op: K }> => c.op === op);
  }

  async post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef> {
    const ref: MessageRef = { platform: this.platform, channelId: channel.id, messageId: `${this.platform}-msg-${++this.seq}`, ...(channel.threadId ? { threadId: channel.threadId } : {}) };
    this.calls.push({ op: 'post', channel, msg, ref });
    return ref;
  }
  async update(ref: MessageRef, msg: OutMessage): Promise<void> {
    this.calls.push({ op: 'update', ref, msg });
  }
  async postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void> {
    this.calls.push({ op: 'ephemeral', channel, userId, msg });
  }
  async dm(userId: string, msg: OutMessage): Promise<MessageRef> {
    this.calls.push({ op: 'dm', userId, msg });
    return { platform: this.platform, channelId: `dm-${userId}`, messageId: `${this.platform}-dm-${++this.seq}` };
  }
  /** A channel where the platform can create one; otherwise a thread under `parent`. */
  async createChannel(req: CreateChannelRequest): Promise<ChannelRef> {
    let channel: ChannelRef;
    if (this.capabilities.createChannels) channel = { platform: this.platform, id: `${this.platform}-chan-${req.name}` };
    else if (req.parent && req.threadStarter) channel = { ...req.parent, threadId: `${this.platform}-thread-${++this.seq}` };
    else throw new Error('cannot create a channel here');
    this.calls.push({ op: 'createChannel', req, channel });
    return channel;
  }
  async invite(channel: ChannelRef, userIds: string[]): Promise<void> {
    this.calls.push({ op: 'invite', channel, userIds });
  }
  async setTopic(channel: ChannelRef, topic: string): Promise<void> {
    this.calls.push({ op: 'setTopic', channel, topic });
  }
  async uploadFile(channel: ChannelRef, file: FileAttachment): Promise<void> {
    this.calls.push({ op: 'uploadFile', channel, file });
  }
  async lookupUser(userId: string): Promise<ChatUser | undefined> {
    return { id: userId, name: userId };
  }
  async openForm(_userId: string, _form: Form): Promise<boolean> {
    return this.capabilities.forms;
  }
}
