// The Discord adapter: the gateway client when DISCORD_TOKEN + DISCORD_APPLICATION_ID are set,
// the HTTP interactions endpoint when DISCORD_PUBLIC_KEY is set (either or both), one
// interaction handler behind both, `!ops …` messages and 📌 reactions from the gateway, and
// the ChatPort the core posts through. Transport and acknowledgements stay here; parsing and
// rendering are pure (parse.ts, render.ts); decisions stay in the core.
import type { Express } from 'express';
import { DiscordjsErrorCodes, REST, Routes, type APIMessage, type APIUser, type Client, type GatewayMessageCreateDispatchData, type GatewayMessageReactionAddDispatchData, type RESTOptions } from 'discord.js';
import type { ChatHub } from '../../core/chat.js';
import type { Config } from '../../core/config/index.js';
import type { Deduper } from '../../core/dedupe.js';
import type { Directory } from '../../core/people.js';
import type { Clock, Logger, Store } from '../../core/ports.js';
import type { Router } from '../../core/router.js';
import { ActionStore } from './action-store.js';
import { DiscordChat } from './chat-port.js';
import { claimDelivery, UNRECORDED_TEXT } from './claims.js';
import { buildCommands, type Catalog } from './command-defs.js';
import { createGatewayClient, loginAndWait } from './gateway.js';
import { mountInteractionsEndpoint } from './http-endpoint.js';
import { InteractionHandler } from './interactions.js';
import type { MentionLookup } from './markdown.js';
import { Outbound } from './outbound.js';
import { displayName, emojiName, messageCommand } from './parse.js';
import { renderMessage } from './render.js';
import { MessageCreateSchema, ReactionAddSchema } from './schemas.js';
import { readDiscordEnv, type DiscordEnv } from './settings.js';
import { publicKeyFromHex } from './verify.js';

/** Knobs tests turn (and operators never need to). */
export interface DiscordTuning {
  /** Defer a command's response after this long (default 2 000 ms of Discord's 3 s). */
  ackMs?: number;
  /** Options of discord.js's REST client (tests: `retries: 0`). */
  rest?: Partial<RESTOptions>;
  /** How long to wait for the gateway's READY (default 30 s). */
  readyTimeoutMs?: number;
}

export interface DiscordAdapterOptions {
  env: NodeJS.ProcessEnv;
  config: Config;
  router: Router;
  chat: ChatHub;
  people: Directory;
  log: Logger;
  http: { app: Express; setAdapterStatus(name: string, connected: boolean): void };
  dedupe: Deduper;
  clock: Clock;
  store: Store;
  tuning?: DiscordTuning;
}

const RETRY_MS = [5_000, 15_000, 60_000, 300_000];

export class DiscordAdapter {
  readonly port: DiscordChat;
  readonly out: Outbound;
  private readonly handler: InteractionHandler;
  private readonly log: Logger;
  private readonly mentions: MentionLookup;
  private client?: Client;
  private botId?: string;
  private catalogCache?: { count: number; catalog: Catalog };
  private readonly inflight = new Set<Promise<unknown>>();
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  private constructor(
    private readonly opts: DiscordAdapterOptions,
    private readonly settings: DiscordEnv,
    actions: ActionStore,
  ) {
    this.log = opts.log.child({ adapter: 'discord' });
    const restOptions = { ...(settings.apiUrl ? { api: settings.apiUrl } : {}), ...opts.tuning?.rest };
    const rest = new REST({ version: '10', ...restOptions });
    if (settings.token) rest.setToken(settings.token);
    this.out = new Outbound(rest, actions);
    const mentions: MentionLookup = { discordId: (id) => opts.people.get(id)?.discord, name: (id) => opts.people.nameOf(id) };
    this.mentions = mentions;
    this.port = new DiscordChat({
      out: this.out,
      mentions,
      log: this.log,
      config: opts.config.discord,
      botUserId: () => this.botUserId(),
      knownGuilds: () => [...(this.client?.guilds.cache.keys() ?? [])],
    });
    this.handler = new InteractionHandler({ router: opts.router, people: opts.people, dedupe: opts.dedupe, log: this.log, actions, out: this.out, mentions, catalog: () => this.catalog(), ackMs: opts.tuning?.ackMs ?? 2000 });
  }

  /** Builds the adapter, mounts the endpoint and registers the ChatPort (before the server listens). */
  static async start(opts: DiscordAdapterOptions): Promise<DiscordAdapter> {
    const settings = readDiscordEnv(opts.env);
    const key = settings.publicKey ? publicKeyFromHex(settings.publicKey) : undefined;
    const adapter = new DiscordAdapter(opts, settings, await ActionStore.open(opts.store, opts.clock));
    opts.chat.register(adapter.port);
    if (key) {
      mountInteractionsEndpoint({ app: opts.http.app, key, clock: opts.clock, log: adapter.log, handle: (i, respond) => adapter.track(adapter.handler.handle(i, respond)) });
    }
    // Without the gateway there is nothing to connect: the endpoint is up with the server.
    opts.http.setAdapterStatus('discord', !settings.gateway);
    return adapter;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** The command bindings for the router's current specs (rebuilt when skills are added). */
  private catalog(): Catalog {
    const specs = this.opts.router.specs();
    if (this.catalogCache?.count !== specs.length) this.catalogCache = { count: specs.length, catalog: buildCommands(specs).catalog };
    return this.catalogCache.catalog;
  }

  private async botUserId(): Promise<string | undefined> {
    this.botId ??= this.client?.user?.id;
    if (!this.botId && this.settings.token) this.botId = ((await this.out.rest.get(Routes.user())) as APIUser).id;
    return this.botId;
  }

  /** Connects the gateway (when configured); on failure it logs, reports down and retries. */
  async connect(attempt = 0): Promise<void> {
    if (!this.settings.gateway || this.stopped) return;
    const client = createGatewayClient({ ...(this.settings.apiUrl ? { api: this.settings.apiUrl } : {}), ...this.opts.tuning?.rest }, this.log, {
      interaction: (i) => void this.track(this.handler.handle(i, (body) => this.out.callback(i.id, i.token, body))),
      message: (m) => void this.track(this.onMessage(m)).catch((e) => this.log.error({ err: e }, 'discord message failed')),
      reaction: (r) => void this.track(this.onReaction(r)).catch((e) => this.log.error({ err: e }, 'discord reaction failed')),
      status: (up) => this.opts.http.setAdapterStatus('discord', up),
    });
    this.client = client;
    try {
      await loginAndWait(client, this.settings.token!, this.opts.tuning?.readyTimeoutMs ?? 30_000);
      this.botId = client.user?.id;
      this.log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord gateway connected');
    } catch (e) {
      this.opts.http.setAdapterStatus('discord', false);
      await client.destroy().catch(() => undefined);
      if ((e as { code?: string }).code === DiscordjsErrorCodes.TokenInvalid) {
        this.log.error('discord: DISCORD_TOKEN was refused (invalid token); the gateway stays down');
        return;
      }
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      this.log.error({ err: { message: (e as Error).message }, retryInMs: wait }, 'discord gateway connection failed');
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.connect(attempt + 1), wait).unref();
    }
  }

  private async onMessage(m: GatewayMessageCreateDispatchData): Promise<void> {
    if (!MessageCreateSchema.safeParse(m).success || m.author.bot || m.webhook_id) return;
    const text = messageCommand(m.content ?? '');
    if (!text) return;
    const claim = await claimDelivery(this.opts.dedupe, `discord:message:${m.id}`, this.log);
    if (claim === 'repeat') return;
    if (claim === 'unrecorded') {
      await this.out.createMessage(m.channel_id, renderMessage({ text: UNRECORDED_TEXT }, this.mentions), m.id);
      return;
    }
    const actor = this.opts.people.actor('discord', m.author.id, displayName(m.author));
    const reply = await this.opts.router.dispatch({ actor, channel: await this.port.refOf(m.channel_id), text, source: 'text', canOpenForm: false });
    if (!reply.text && !reply.card && !reply.file && !reply.form) return;
    // Messages have no ephemeral answers on Discord: the reply quotes the command instead.
    await this.out.createMessage(m.channel_id, renderMessage(reply, this.mentions), m.id);
  }

  private async onReaction(r: GatewayMessageReactionAddDispatchData): Promise<void> {
    if (!ReactionAddSchema.safeParse(r).success) return;
    const emoji = emojiName(r.emoji.name);
    const wanted = this.opts.router.skills().some((s) => s.reactions?.some((x) => x.emoji.includes(emoji)));
    if (!wanted || r.member?.user?.bot || r.user_id === this.botId) return;
    const claim = await claimDelivery(this.opts.dedupe, `discord:reaction:${r.message_id}:${r.user_id}:${emoji}`, this.log);
    if (claim === 'repeat') return;
    if (claim === 'unrecorded') {
      // A reaction has no reply of its own: the person hears it by DM, and can react again.
      await this.port.dm(r.user_id, { text: `${UNRECORDED_TEXT} (Your ${r.emoji.name ?? ''} reaction was not taken; remove it and react again.)` });
      return;
    }
    const target = (await this.out.rest.get(Routes.channelMessage(r.channel_id, r.message_id)).catch(() => undefined)) as APIMessage | undefined;
    await this.opts.router.reaction({
      actor: this.opts.people.actor('discord', r.user_id, r.member?.user ? displayName(r.member.user) : undefined),
      channel: await this.port.refOf(r.channel_id),
      message: { platform: 'discord', channelId: r.channel_id, messageId: r.message_id },
      emoji,
      target: target ? { text: target.content, authorName: displayName(target.author), authorId: target.author.id, at: new Date(target.timestamp) } : undefined,
    });
  }

  /** The gateway client, when connected (tests watch its events). */
  get gatewayClient(): Client | undefined {
    return this.client;
  }

  /** Resolves when every interaction, message and reaction received so far is fully handled. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.client?.destroy().catch(() => undefined);
    this.opts.http.setAdapterStatus('discord', false);
  }
}
