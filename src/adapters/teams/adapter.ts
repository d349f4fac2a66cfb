// The Microsoft Teams adapter: the Teams SDK on the shared HTTP server, inbound activities to the
// router (inbound.ts), everything outbound through the Bot Connector (outbound.ts), conversation
// references in the store (conversations.ts). It is the 'teams' ChatPort of the ChatHub.
import type { Express } from 'express';
import type { FileAttachment, Form, OutMessage } from '../../core/card.js';
import type { Config } from '../../core/config/index.js';
import type { Deduper } from '../../core/dedupe.js';
import type { Directory } from '../../core/people.js';
import type { ChatCapabilities, ChatPort, ChatUser, Clock, CreateChannelRequest, Logger, Store } from '../../core/ports.js';
import type { Router } from '../../core/router.js';
import type { ChannelRef, MessageRef } from '../../core/types.js';
import { ConversationBook } from './conversations.js';
import { TeamsInbound } from './inbound.js';
import type { MarkdownContext } from './markdown.js';
import { TeamsOutbound } from './outbound.js';
import type { TeamsSettings } from './settings.js';
import { createTeamsApp, type TeamsHooks } from './transport.js';

export interface TeamsAdapterOptions {
  settings: TeamsSettings;
  config: Config;
  router: Router;
  people: Directory;
  dedupe: Deduper;
  store: Store;
  clock: Clock;
  log: Logger;
  /** The shared express app the messaging endpoint is mounted on. */
  express: Express;
  hooks?: TeamsHooks;
}

export class TeamsAdapter implements ChatPort {
  readonly platform = 'teams' as const;
  readonly capabilities: ChatCapabilities = { createChannels: false, forms: true, ephemeral: false, reactions: false, files: false, editMessages: true };
  private readonly names = new Map<string, string>();
  private readonly inFlight = new Set<Promise<void>>();
  private out!: TeamsOutbound;

  private constructor(private readonly o: TeamsAdapterOptions) {}

  /** Opens the conversation store, mounts POST /api/messages and starts accepting activities. */
  static async start(o: TeamsAdapterOptions): Promise<TeamsAdapter> {
    const a = new TeamsAdapter(o);
    const log = o.log.child({ adapter: 'teams' });
    const book = await ConversationBook.open(o.store, o.clock);
    const md: MarkdownContext = {
      mentionOf: (id) => {
        const p = o.people.get(id);
        const account = p?.teams ?? p?.teams_aad;
        return p && account ? { id: account, name: p.name } : undefined;
      },
      nameOf: (id) => o.people.nameOf(id),
    };
    const ready: { inbound?: TeamsInbound } = {};
    const app = await createTeamsApp({
      settings: o.settings,
      hooks: o.hooks,
      express: o.express,
      log,
      // The route is mounted here but the server only listens once every adapter has started.
      onActivity: async (activity) => (ready.inbound ? ready.inbound.handle(activity, (work) => a.track(work, log)) : { status: 503 }),
    });
    a.out = new TeamsOutbound({ http: app.api.http, book, defaultServiceUrl: o.settings.serviceUrl, config: o.config, people: o.people, log, md });
    ready.inbound = new TeamsInbound({
      router: o.router,
      people: o.people,
      dedupe: o.dedupe,
      book,
      out: a.out,
      log,
      invokeDeadlineMs: o.hooks?.invokeDeadlineMs ?? 2500,
      sawUser: (id, name) => a.sawUser(id, name),
    });
    if (o.settings.mode === 'authenticated' && !o.settings.tenantId) log.warn('TEAMS_TENANT_ID is not set: only a (deprecated) multi-tenant bot can send without it');
    if (o.settings.mode === 'dev') log.warn('Teams demo mode: POST /api/messages accepts UNAUTHENTICATED requests (TEAMS_DEV_UNAUTHENTICATED=1); never expose it');
    return a;
  }

  private sawUser(id: string, name: string | undefined): void {
    if (!name || this.names.get(id) === name) return;
    if (this.names.size >= 10_000) this.names.clear();
    this.names.set(id, name);
  }

  /** Keeps background work (answers sent after the acknowledgement) so stop() and tests can wait. */
  private track(work: Promise<void>, log: Logger): void {
    const p = work.catch((e) => log.error({ err: e }, 'teams: handling an activity failed')).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Resolves when every acknowledged activity has been answered. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  async stop(): Promise<void> {
    await this.idle();
  }

  // ---- ChatPort -----------------------------------------------------------------------

  post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef> {
    return this.out.post(channel, msg);
  }

  update(ref: MessageRef, msg: OutMessage): Promise<void> {
    return this.out.update(ref, msg);
  }

  postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void> {
    return this.out.postEphemeral(channel, userId, msg);
  }

  dm(userId: string, msg: OutMessage): Promise<MessageRef> {
    return this.out.dm(userId, msg);
  }

  createChannel(req: CreateChannelRequest): Promise<ChannelRef> {
    return this.out.createChannel(req);
  }

  invite(channel: ChannelRef, userIds: string[]): Promise<void> {
    return this.out.invite(channel, userIds);
  }

  /** Teams threads have no topic (channel descriptions need Microsoft Graph). */
  async setTopic(_channel: ChannelRef, _topic: string): Promise<void> {}

  async uploadFile(channel: ChannelRef, file: FileAttachment): Promise<void> {
    await this.out.post(channel, { file });
  }

  async lookupUser(userId: string): Promise<ChatUser | undefined> {
    const p = this.o.people.byAccount('teams', userId);
    if (p) return { id: userId, name: p.name, timezone: this.o.people.zoneOf(p) };
    const name = this.names.get(userId);
    return name ? { id: userId, name } : undefined;
  }

  /** Posts the form as a card (in the channel, or to the person's 1:1 chat). */
  async openForm(userId: string, form: Form, channel?: ChannelRef): Promise<boolean> {
    if (channel) await this.out.post(channel, { form });
    else await this.out.dm(userId, { form });
    return true;
  }
}
