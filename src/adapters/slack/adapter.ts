// The Slack adapter's lifecycle: the real Bolt app, either on the shared express server at
// POST /slack/events (HTTP mode; Bolt's processBeforeResponse stays false so acks go out at
// once) or over Socket Mode (no public URL). It registers the Slack ChatPort with the core,
// learns the bot's identity (auth.test, retried), and reports its connection state.
import { App, SocketModeReceiver, webApi, type Authorize } from '@slack/bolt';
import type { Application } from 'express';
import type { ChatHub } from '../../core/chat.js';
import type { Clock } from '../../core/clock.js';
import type { Deduper } from '../../core/dedupe.js';
import type { Directory } from '../../core/people.js';
import type { Logger, Store } from '../../core/ports.js';
import type { Router } from '../../core/router.js';
import { fetchSlackUser, slackError, SlackChat } from './chat-port.js';
import type { SlackSettings } from './env.js';
import { SlackInbound } from './inbound.js';
import { PayloadStore } from './payload-store.js';
import { RecentIds } from './recent-ids.js';
import { boltLogger, SlackReceiver } from './receiver.js';
import { UserCache } from './user-cache.js';

export interface SlackAdapterDeps {
  router: Router;
  chat: ChatHub;
  people: Directory;
  log: Logger;
  dedupe: Deduper;
  clock: Clock;
  store: Store;
  http: { app: Application; setAdapterStatus(name: string, connected: boolean): void };
}

export interface SlackAdapterOptions {
  /** Commands that, said alone, mean another (default: `incident declare` → `incident`, the declare form). */
  bareAliases?: Record<string, string>;
  /**
   * A slash command's answer that is ready without I/O goes out inside its ack instead of
   * through response_url (default true; false: always response_url). See slash-commands.ts.
   */
  answerInAck?: boolean;
  /** Web API retries (429s and network errors); tests use 0. */
  retries?: number;
}

/** Errors after which retrying the token is pointless. */
const FATAL_AUTH = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

export class SlackAdapter {
  readonly chat: SlackChat;
  private readonly bolt: App;
  private readonly client: webApi.WebClient;
  private readonly socket?: SocketModeReceiver;
  private readonly receiver?: SlackReceiver;
  /** Slack accepted the bot token (auth.test) · the Socket Mode connection is open. */
  private tokenOk = false;
  private socketUp = false;
  private readonly inFlight = new Set<Promise<void>>();
  private identity?: { userId?: string; botId?: string };
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly log: Logger;

  private constructor(
    private readonly settings: SlackSettings,
    private readonly deps: SlackAdapterDeps,
    payloads: PayloadStore,
    opts: SlackAdapterOptions,
  ) {
    this.log = deps.log.child({ adapter: 'slack' });
    const logger = boltLogger(this.log);
    const clientOptions: webApi.WebClientOptions = {
      slackApiUrl: settings.apiUrl,
      logger,
      timeout: 10_000,
      retryConfig: { retries: opts.retries ?? 3, factor: 2, minTimeout: 250, maxTimeout: 5000 },
    };
    const client = new webApi.WebClient(settings.botToken, clientOptions);
    this.client = client;
    const users = new UserCache((id) => fetchSlackUser(client, id), deps.clock);
    const botUserId = () => this.identity?.userId;
    this.chat = new SlackChat({ client, people: deps.people, payloads, users, log: this.log, botUserId });
    // Our own authorize (instead of `token`): Bolt's would call auth.test once at construction
    // and fail every later event if Slack was unreachable at that moment.
    const authorize: Authorize<boolean> = async () => {
      if (!this.identity) void this.learnIdentity(client);
      return { botToken: settings.botToken, botUserId: this.identity?.userId, botId: this.identity?.botId };
    };
    if (settings.mode === 'http') {
      this.receiver = new SlackReceiver({ signingSecret: settings.signingSecret, endpoints: '/slack/events', app: deps.http.app, processBeforeResponse: false, bodyLimit: '1mb', logger, log: this.log });
      this.bolt = new App({ receiver: this.receiver, authorize, clientOptions, logger, convoStore: false });
    } else {
      this.socket = new SocketModeReceiver({ appToken: settings.appToken, logger, installerOptions: { clientOptions } });
      this.bolt = new App({ receiver: this.socket, authorize, clientOptions, logger, convoStore: false });
      this.socket.client.on('connected', () => this.report({ socketUp: true }));
      for (const s of ['disconnected', 'reconnecting']) this.socket.client.on(s, () => this.report({ socketUp: false }));
    }
    this.bolt.error(async (e) => {
      this.log.error({ err: { message: e.message, code: e.code } }, 'slack listener failed');
    });
    new SlackInbound({
      router: deps.router,
      people: deps.people,
      dedupe: deps.dedupe,
      recent: new RecentIds(deps.clock),
      log: this.log,
      chat: this.chat,
      client,
      payloads,
      botUserId,
      bareAliases: opts.bareAliases ?? { 'incident declare': 'incident' },
      answerInAck: opts.answerInAck ?? true,
      track: (work) => this.track(work),
    }).register(this.bolt);
    deps.http.setAdapterStatus('slack', false);
    deps.chat.register(this.chat);
  }

  /** Builds the adapter: mounts POST /slack/events (HTTP mode) and registers the ChatPort. */
  static async create(settings: SlackSettings, deps: SlackAdapterDeps, opts: SlackAdapterOptions = {}): Promise<SlackAdapter> {
    return new SlackAdapter(settings, deps, await PayloadStore.open(deps.store, deps.clock), opts);
  }

  /** Connected: the token is accepted and, in Socket Mode, the socket is open (for /healthz). */
  private report(change: { tokenOk?: boolean; socketUp?: boolean }): void {
    this.tokenOk = change.tokenOk ?? this.tokenOk;
    this.socketUp = change.socketUp ?? this.socketUp;
    this.deps.http.setAdapterStatus('slack', this.tokenOk && (this.settings.mode === 'http' || this.socketUp));
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  /** Resolves when every piece of work started by a delivery so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private learning?: Promise<boolean>;

  /** auth.test: who the bot is. True when Slack accepted the token. */
  private learnIdentity(client: webApi.WebClient, attempt = 0): Promise<boolean> {
    this.learning ??= client.auth
      .test()
      .then((res) => {
        this.identity = { userId: res.user_id, botId: res.bot_id };
        this.report({ tokenOk: true });
        this.log.info({ bot: res.user_id, team: res.team }, 'slack connected');
        return true;
      })
      .catch((e) => {
        const code = slackError(e);
        this.report({ tokenOk: false });
        this.log.error({ err: { message: (e as Error).message } }, FATAL_AUTH.has(code ?? '') ? `Slack refused SLACK_BOT_TOKEN (${code})` : 'slack auth.test failed; retrying');
        if (!FATAL_AUTH.has(code ?? '') && !this.stopped) {
          this.retryTimer = setTimeout(() => void this.learnIdentity(client, attempt + 1), Math.min(300_000, 2000 * 2 ** attempt));
          this.retryTimer.unref();
        }
        return false;
      })
      .finally(() => {
        this.learning = undefined;
      });
    return this.learning;
  }

  /** Learns the bot's identity; in Socket Mode also opens the socket (in the background if Slack is slow). */
  async connect(): Promise<void> {
    // Start-up waits a little for Slack, never long: the retries continue in the background.
    await Promise.race([this.learnIdentity(this.client), new Promise((r) => setTimeout(r, 5000).unref())]);
    if (this.socket) {
      this.bolt.start().catch((e) => {
        this.report({ socketUp: false });
        this.log.error({ err: { message: (e as Error).message } }, 'slack Socket Mode could not connect');
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.receiver) this.receiver.closing = true;
    clearTimeout(this.retryTimer);
    if (this.socket) await this.bolt.stop().catch(() => undefined);
    await Promise.race([this.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
  }
}
