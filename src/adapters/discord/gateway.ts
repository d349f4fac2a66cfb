// The discord.js gateway client: it keeps the WebSocket up (heartbeats, resumes, reconnects)
// and hands us the raw dispatches we act on, so gateway and HTTP interactions share one
// parser. Intents are the minimum the features need:
//   Guilds                 channels and threads (incident channels, CHANNEL_CREATE)
//   GuildMessages          `!ops …` in server channels
//   MessageContent         reading that text (privileged: enable it in the Developer Portal)
//   GuildMessageReactions  📌 → incident timeline
//   DirectMessages         `!ops …` in a DM with the bot
import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Options,
  type APIInteraction,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageReactionAddDispatchData,
  type RESTOptions,
} from 'discord.js';
import type { Logger } from '../../core/ports.js';

export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.GuildMessageReactions, GatewayIntentBits.DirectMessages];

export interface GatewayHandlers {
  interaction(i: APIInteraction): void;
  message(m: GatewayMessageCreateDispatchData): void;
  reaction(r: GatewayMessageReactionAddDispatchData): void;
  /** Connected (READY/RESUMED) or not (closed, reconnecting). */
  status(up: boolean): void;
}

export function createGatewayClient(rest: Partial<RESTOptions>, log: Logger, on: GatewayHandlers): Client {
  const client = new Client({
    intents: INTENTS,
    rest,
    // We act on raw payloads; discord.js need not keep messages or members around.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0, ReactionManager: 0 }),
    allowedMentions: { parse: [] },
  });
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    try {
      if (packet.t === GatewayDispatchEvents.InteractionCreate) on.interaction(packet.d as APIInteraction);
      else if (packet.t === GatewayDispatchEvents.MessageCreate) on.message(packet.d as GatewayMessageCreateDispatchData);
      else if (packet.t === GatewayDispatchEvents.MessageReactionAdd) on.reaction(packet.d as GatewayMessageReactionAddDispatchData);
    } catch (e) {
      log.error({ err: e, event: packet.t }, 'discord gateway event failed');
    }
  });
  client.on(Events.ClientReady, () => on.status(true));
  client.on(Events.ShardResume, () => on.status(true));
  client.on(Events.ShardReady, () => on.status(true));
  client.on(Events.ShardReconnecting, () => on.status(false));
  client.on(Events.ShardDisconnect, () => on.status(false));
  client.on(Events.Invalidated, () => on.status(false));
  client.on(Events.Error, (e) => log.error({ err: e }, 'discord client error'));
  client.on(Events.Warn, (w) => log.warn({ warning: w }, 'discord client warning'));
  return client;
}

/** Logs in and waits for READY (and the guilds), or rejects after `timeoutMs`. */
export async function loginAndWait(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const timeout = new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Error(`no READY from the Discord gateway within ${timeoutMs} ms`)), timeoutMs)));
  try {
    await Promise.race([Promise.all([client.login(token), ready]), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
