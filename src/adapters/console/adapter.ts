// The console adapter: the embedded default when no platform is configured. An interactive
// prompt on a terminal; one command per line when stdin is piped (then it keeps serving HTTP).
// It is also a ChatPort, so channels, DMs and edits made by skills print here.
//
// Console-only words:  as <person> <command>   in <#channel> <command>
//                      react <message-id> <emoji>   quit
import { createInterface, type Interface } from 'node:readline';
import type { FileAttachment, OutMessage } from '../../core/card.js';
import type { Directory } from '../../core/people.js';
import type { ChatCapabilities, ChatPort, ChatUser, CreateChannelRequest } from '../../core/ports.js';
import type { Router } from '../../core/router.js';
import type { Actor, ChannelRef, MessageRef } from '../../core/types.js';
import { renderConsole } from './render.js';

export interface ConsoleAdapterOptions {
  router: Router;
  people: Directory;
  /** The default speaker (a person id). */
  user: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Treat input as a terminal (prompt); default: input.isTTY. */
  interactive?: boolean;
  /** Called on `quit` or end of input at an interactive prompt. */
  onQuit?: () => void;
  clockNow?: () => Date;
}

interface Printed {
  channel: string;
  text: string;
  at: Date;
}

export class ConsoleAdapter implements ChatPort {
  readonly platform = 'console' as const;
  readonly capabilities: ChatCapabilities = { createChannels: true, forms: false, ephemeral: true, reactions: true, files: true, editMessages: true };
  private readonly out: NodeJS.WritableStream;
  private rl?: Interface;
  private seq = 0;
  private readonly messages = new Map<string, Printed>();
  private readonly channels = new Set<string>(['#console']);
  private queue: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly opts: ConsoleAdapterOptions) {
    this.out = opts.output ?? process.stdout;
  }

  private get interactive(): boolean {
    return this.opts.interactive ?? Boolean((this.opts.input as NodeJS.ReadStream | undefined)?.isTTY ?? process.stdin.isTTY);
  }

  private now(): Date {
    return this.opts.clockNow?.() ?? new Date();
  }

  private write(s: string): void {
    this.out.write(s.endsWith('\n') ? s : s + '\n');
  }

  private name = (personId: string) => this.opts.people.get(personId)?.id ?? personId;

  private print(header: string, msg: OutMessage, channel: string): MessageRef {
    const id = `m${++this.seq}`;
    const text = renderConsole(msg, this.name);
    this.messages.set(id, { channel, text, at: this.now() });
    this.write(`── ${header} · ${id} ──\n${text}`);
    return { platform: 'console', channelId: channel, messageId: id };
  }

  // ---- ChatPort ----------------------------------------------------------------------

  async post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef> {
    return this.print(channel.id, msg, channel.id);
  }

  async update(ref: MessageRef, msg: OutMessage): Promise<void> {
    const text = renderConsole(msg, this.name);
    const prev = this.messages.get(ref.messageId);
    this.messages.set(ref.messageId, { channel: ref.channelId, text, at: prev?.at ?? this.now() });
    this.write(`── ${ref.channelId} · ${ref.messageId} (updated) ──\n${text}`);
  }

  async postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void> {
    this.write(`── ${channel.id} (only @${userId} sees this) ──\n${renderConsole(msg, this.name)}`);
  }

  async dm(userId: string, msg: OutMessage): Promise<MessageRef> {
    return this.print(`DM to @${userId}`, msg, `@${userId}`);
  }

  async createChannel(req: CreateChannelRequest): Promise<ChannelRef> {
    let name = `#${req.name}`;
    for (let n = 2; this.channels.has(name); n++) name = `#${req.name}-${n}`;
    this.channels.add(name);
    this.write(`── created ${req.private ? 'private ' : ''}channel ${name}${req.topic ? ` (topic: ${req.topic})` : ''} ──`);
    return { platform: 'console', id: name };
  }

  async invite(channel: ChannelRef, userIds: string[]): Promise<void> {
    this.write(`── ${channel.id}: invited ${userIds.map((u) => `@${u}`).join(', ')} ──`);
  }

  async setTopic(channel: ChannelRef, topic: string): Promise<void> {
    this.write(`── ${channel.id}: topic set to "${topic}" ──`);
  }

  async uploadFile(channel: ChannelRef, file: FileAttachment): Promise<void> {
    this.print(channel.id, { file }, channel.id);
  }

  async lookupUser(userId: string): Promise<ChatUser | undefined> {
    const p = this.opts.people.get(userId);
    return p ? { id: p.id, name: p.name, timezone: this.opts.people.zoneOf(p) } : undefined;
  }

  // ---- input -------------------------------------------------------------------------

  private actorFor(personId: string): Actor | undefined {
    const p = this.opts.people.get(personId);
    return p ? this.opts.people.actor('console', p.id) : undefined;
  }

  /** Handles one line as typed; resolves after its reply is printed. */
  async handleLine(raw: string): Promise<void> {
    let line = raw.trim();
    if (!line || line.startsWith('#!')) return;
    if (/^(quit|exit)$/i.test(line)) {
      this.opts.onQuit?.();
      return;
    }
    let speaker = this.opts.user;
    let channel = '#console';
    for (;;) {
      const as = /^as\s+@?([a-z0-9][a-z0-9_-]*)\s+(.+)$/i.exec(line);
      if (as) {
        if (!this.opts.people.get(as[1].toLowerCase())) {
          this.write(`⚠️ No person "${as[1]}" in the config. People: ${this.opts.people.all().map((p) => p.id).join(', ')}`);
          return;
        }
        speaker = as[1].toLowerCase();
        line = as[2];
        continue;
      }
      const inCh = /^in\s+(#[\w.-]+)\s+(.+)$/i.exec(line);
      if (inCh) {
        channel = inCh[1];
        line = inCh[2];
        continue;
      }
      break;
    }
    const actor = this.actorFor(speaker);
    if (!actor) {
      this.write(`⚠️ The console user "${speaker}" is not in the config.`);
      return;
    }
    const react = /^react\s+(m\d+)\s+(\S+)$/i.exec(line);
    if (react) {
      const target = this.messages.get(react[1]);
      if (!target) {
        this.write(`⚠️ No message ${react[1]} on this console.`);
        return;
      }
      const emoji = react[2].replace(/^:|:$/g, '').replace('📌', 'pushpin');
      await this.opts.router.reaction({
        actor,
        channel: { platform: 'console', id: target.channel },
        message: { platform: 'console', channelId: target.channel, messageId: react[1] },
        emoji,
        target: { text: target.text, authorName: 'console', authorId: speaker, at: target.at },
      });
      return;
    }
    const reply = await this.opts.router.dispatch({ actor, channel: { platform: 'console', id: channel }, text: line.replace(/^\//, '') });
    const text = renderConsole(reply, this.name);
    this.write(reply.ephemeral && speaker !== this.opts.user ? `(to @${speaker}) ${text}` : text);
  }

  /** Starts reading input. */
  start(): void {
    const input = this.opts.input ?? process.stdin;
    const interactive = this.interactive;
    this.rl = createInterface({ input, output: interactive ? this.out : undefined, terminal: interactive, prompt: `${this.opts.user}> ` });
    if (interactive) {
      this.write(`Switchboard console — you are @${this.opts.user}. Type "help", "as <person> <command>", or "quit".`);
      this.rl.prompt();
    }
    this.rl.on('line', (line) => {
      this.queue = this.queue
        .then(() => this.handleLine(line))
        .catch((e) => this.write(`⚠️ ${(e as Error).message}`))
        .then(() => {
          if (interactive && !this.ended) this.rl?.prompt();
        });
    });
    this.rl.on('close', () => {
      this.ended = true;
      void this.queue.then(() => {
        if (interactive) this.opts.onQuit?.();
      });
    });
  }

  /** Resolves when every line read so far has been handled. */
  idle(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    this.ended = true;
    this.rl?.close();
  }
}
