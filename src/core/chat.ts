// The ChatHub: the core's one door to every running platform adapter. Skills post to a
// logical channel (per-platform ids from the config) and the hub fans out to each platform
// that is running; DMs reach a person on every platform they have. A platform failure is
// logged and never fails the command whose change is already stored.
import type { Config } from './config/index.js';
import type { OutMessage } from './card.js';
import type { Directory } from './people.js';
import type { ChatPort, CreateChannelRequest, Logger } from './ports.js';
import type { ChannelRef, ChannelSpec, MessageRef, PlatformId } from './types.js';

export class ChatHub {
  private readonly ports = new Map<PlatformId, ChatPort>();

  constructor(
    private readonly config: Config,
    private readonly people: Directory,
    private readonly log: Logger,
  ) {}

  register(port: ChatPort): void {
    this.ports.set(port.platform, port);
  }

  /** The running platforms. */
  platforms(): PlatformId[] {
    return [...this.ports.keys()];
  }

  port(platform: PlatformId): ChatPort | undefined {
    return this.ports.get(platform);
  }

  /** The channel refs of a logical channel on the running platforms (console: `fallbackName` when unnamed). */
  resolve(spec: ChannelSpec | undefined, fallbackName?: string): ChannelRef[] {
    const out: ChannelRef[] = [];
    for (const platform of this.ports.keys()) {
      const id = platform === 'console' ? (spec?.console ?? fallbackName) : spec?.[platform];
      if (id) out.push({ platform, id });
    }
    return out;
  }

  /** A team's channel of a purpose (falling back to its `main` channel). */
  teamChannel(teamId: string, purpose: 'main' | 'incidents' | 'changes' | 'standup' | 'status'): ChannelRef[] {
    const team = this.config.teams.find((t) => t.id === teamId);
    if (!team) return [];
    const spec = team.channels[purpose] ?? team.channels.main;
    const name = team.channels[purpose] && purpose !== 'main' ? `#${team.id}-${purpose}` : `#${team.id}`;
    return this.resolve(spec, name);
  }

  private async attempt<T>(what: string, platform: PlatformId, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      this.log.warn({ platform, err: { message: (e as Error).message } }, `chat ${what} failed`);
      return undefined;
    }
  }

  /** Posts to one channel; undefined when the platform is not running or refused. */
  async post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef | undefined> {
    const port = this.ports.get(channel.platform);
    if (!port) return undefined;
    return this.attempt('post', channel.platform, () => port.post(channel, msg));
  }

  /** Posts to every channel given; returns the refs of the posts that succeeded. */
  async postAll(channels: ChannelRef[], msg: OutMessage): Promise<MessageRef[]> {
    const refs = await Promise.all(channels.map((c) => this.post(c, msg)));
    return refs.filter((r): r is MessageRef => r !== undefined);
  }

  /** Edits messages in place on every platform they live on. */
  async update(refs: MessageRef[], msg: OutMessage): Promise<void> {
    await Promise.all(
      refs.map((r) => {
        const port = this.ports.get(r.platform);
        return port ? this.attempt('update', r.platform, () => port.update(r, msg)) : undefined;
      }),
    );
  }

  /** Shows a message to one user in a channel (the adapter falls back to a DM). */
  async ephemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void> {
    const port = this.ports.get(channel.platform);
    if (port) await this.attempt('ephemeral', channel.platform, () => port.postEphemeral(channel, userId, msg));
  }

  /** DMs a configured person on every running platform where they have an account. */
  async dmPerson(personId: string, msg: OutMessage): Promise<MessageRef[]> {
    const person = this.people.get(personId);
    if (!person) return [];
    const sends: Promise<MessageRef | undefined>[] = [];
    for (const [platform, port] of this.ports) {
      const account = this.people.accountOn(person, platform);
      if (account) sends.push(this.attempt('dm', platform, () => port.dm(account, msg)));
    }
    return (await Promise.all(sends)).filter((r): r is MessageRef => r !== undefined);
  }

  /** Creates a channel (or thread) on one platform. */
  async createChannel(platform: PlatformId, req: CreateChannelRequest): Promise<ChannelRef | undefined> {
    const port = this.ports.get(platform);
    if (!port) return undefined;
    return this.attempt('createChannel', platform, () => port.createChannel(req));
  }

  /** Invites configured people to a channel (those with an account on its platform). */
  async invitePeople(channel: ChannelRef, personIds: string[]): Promise<void> {
    const port = this.ports.get(channel.platform);
    if (!port) return;
    const ids = personIds
      .map((id) => this.people.get(id))
      .map((p) => (p ? this.people.accountOn(p, channel.platform) : undefined))
      .filter((x): x is string => !!x);
    if (ids.length) await this.attempt('invite', channel.platform, () => port.invite(channel, [...new Set(ids)]));
  }
}
