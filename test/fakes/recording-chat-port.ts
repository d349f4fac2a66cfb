// A ChatPort that records what the core posts, edits and DMs on one platform, so a core-level
// test can check what each platform's users would see without that platform's adapter.
import type { FileAttachment, OutMessage } from '../../src/core/card.js';
import type { ChatCapabilities, ChatPort, ChatUser, CreateChannelRequest } from '../../src/core/ports.js';
import { messageToText } from '../../src/core/text.js';
import type { ChannelRef, MessageRef, PlatformId } from '../../src/core/types.js';

export interface RecordedMessage {
  ref: MessageRef;
  /** The message as first posted, then every edit in order. */
  versions: OutMessage[];
}

export class RecordingChatPort implements ChatPort {
  readonly capabilities: ChatCapabilities = { createChannels: true, forms: true, ephemeral: true, reactions: true, files: true, editMessages: true };
  readonly messages: RecordedMessage[] = [];
  private seq = 0;

  constructor(readonly platform: PlatformId) {}

  private record(channelId: string, msg: OutMessage): MessageRef {
    const ref: MessageRef = { platform: this.platform, channelId, messageId: `${this.platform}-${++this.seq}` };
    this.messages.push({ ref, versions: [msg] });
    return ref;
  }

  /** Messages posted to a channel (or a DM, as `dm:<user>`). */
  in(channelId: string): RecordedMessage[] {
    return this.messages.filter((m) => m.ref.channelId === channelId);
  }

  /** The current text of a message, as the plain fallback renders it (buttons show their commands). */
  static text(m: RecordedMessage): string {
    return messageToText(m.versions.at(-1)!, { showCommands: true });
  }

  async post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef> {
    return this.record(channel.id, msg);
  }
  async update(ref: MessageRef, msg: OutMessage): Promise<void> {
    const m = this.messages.find((x) => x.ref.messageId === ref.messageId);
    if (!m) throw new Error(`unknown message ${ref.messageId}`);
    m.versions.push(msg);
  }
  async postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void> {
    this.record(`${channel.id}/only:${userId}`, msg);
  }
  async dm(userId: string, msg: OutMessage): Promise<MessageRef> {
    return this.record(`dm:${userId}`, msg);
  }
  async createChannel(req: CreateChannelRequest): Promise<ChannelRef> {
    return { platform: this.platform, id: req.name };
  }
  async invite(): Promise<void> {}
  async setTopic(): Promise<void> {}
  async uploadFile(channel: ChannelRef, file: FileAttachment): Promise<void> {
    this.record(channel.id, { file });
  }
  async lookupUser(userId: string): Promise<ChatUser | undefined> {
    return { id: userId, name: userId };
  }
}
