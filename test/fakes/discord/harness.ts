// The real app in-process with the Discord adapter pointed at local fakes: the discord.js
// Client logged in to the fake gateway, REST calls to the fake API, and (with `http`) the
// signed interactions endpoint. `interact()` sends an interaction the way Discord would and
// returns its initial response once the work behind it is done.
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { createApp, type App } from '../../../src/app.js';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.js';
import type { Config } from '../../../src/core/config/index.js';
import type { Skill, SkillDeps } from '../../../src/core/skill.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { exampleConfig } from '../../helpers/config.js';
import { tempDir } from '../../helpers/tmp.js';
import { FakeClock } from '../clock.js';
import { FakeGateway } from './gateway.js';
import { APP_ID, BOT, CHANNEL, GUILD_ID } from './payloads.js';
import { FakeDiscordRest } from './rest.js';
import { generateSigningKeys, signedHeaders, type SigningKeys } from './sign.js';

export const TOKEN = 'fake-bot-token.abc.def';

export interface DiscordHarnessOptions {
  /** Run the gateway client (default true). */
  gateway?: boolean;
  /** Mount the signed HTTP endpoint (default false). */
  http?: boolean;
  ackMs?: number;
  config?: Config;
  clock?: FakeClock;
  dataDir?: string;
  /** Test skills to register after the app started. */
  skills?: (deps: SkillDeps) => Skill[];
}

export interface PostOptions {
  /** Changes the body after signing (a tampered request). */
  tamper?: (body: string) => string;
  /** Signs this text instead of the JSON of the interaction. */
  raw?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

export interface DiscordHarness {
  app: App;
  adapter: DiscordAdapter;
  rest: FakeDiscordRest;
  gateway?: FakeGateway;
  keys: SigningKeys;
  clock: FakeClock;
  dataDir: string;
  skills: Skill[];
  /** Sends an interaction over the gateway; resolves with its initial response after its work is done. */
  interact(i: APIInteraction): Promise<APIInteractionResponse>;
  /** Posts a signed interaction to /discord/interactions. */
  post(i: unknown, opts?: PostOptions): Promise<{ status: number; body: any }>;
  /** The signed request `post()` would send, to send it yourself. */
  signed(i: unknown, opts?: PostOptions): { url: string; init: RequestInit };
  /** Sends a gateway dispatch (MESSAGE_CREATE…) and waits for the adapter to finish with it. */
  dispatch(t: string, d: unknown): Promise<void>;
  stop(): Promise<void>;
}

export async function startDiscordHarness(o: DiscordHarnessOptions = {}): Promise<DiscordHarness> {
  const clock = o.clock ?? new FakeClock();
  const rest = await new FakeDiscordRest(TOKEN, BOT).start();
  rest.addChannel({ id: CHANNEL.category, type: 4, guild_id: GUILD_ID, name: 'operations' } as any);
  rest.addChannel({ id: CHANNEL.platform, type: 0, guild_id: GUILD_ID, name: 'platform', parent_id: CHANNEL.category } as any);
  rest.addChannel({ id: CHANNEL.incidents, type: 0, guild_id: GUILD_ID, name: 'incidents', parent_id: CHANNEL.category } as any);
  const useGateway = o.gateway ?? true;
  let gateway: FakeGateway | undefined;
  if (useGateway) {
    gateway = await new FakeGateway(BOT, APP_ID, [{ id: GUILD_ID, name: 'Northwind', channels: [...rest.channels.values()] }]).start();
    rest.gatewayUrl = gateway.url;
    rest.onChannelCreate = (c) => gateway!.dispatch('CHANNEL_CREATE', c);
  }
  const keys = generateSigningKeys();
  const env: NodeJS.ProcessEnv = { DISCORD_API_URL: rest.url };
  if (useGateway) Object.assign(env, { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID });
  else env.DISCORD_TOKEN = TOKEN; // REST for channel posts; no gateway without the application id
  if (o.http) env.DISCORD_PUBLIC_KEY = keys.publicKeyHex;
  const dataDir = o.dataDir ?? (await tempDir());
  const app = await createApp({
    config: o.config ?? exampleConfig(),
    env,
    dataDir,
    host: '127.0.0.1',
    port: 0,
    log: silentLogger,
    clock,
    timers: false,
    platform: { discord: { ackMs: o.ackMs ?? 2000, rest: { retries: 0, timeout: 5000 }, readyTimeoutMs: 10_000 } },
  });
  const adapter = app.platforms.find((p) => p.discord)!.discord!;
  const skills = o.skills?.(app.deps) ?? [];
  for (const s of skills) {
    await s.init?.();
    app.router.register(s);
  }
  const remember = (i: any) => {
    const channelId = i.channel?.id ?? i.channel_id;
    rest.interactions.set(i.token, { channelId, messageId: i.message?.id });
  };
  const harness: DiscordHarness = {
    app,
    adapter,
    rest,
    gateway,
    keys,
    clock,
    dataDir,
    skills,
    async interact(i) {
      if (!gateway) throw new Error('interact() needs the gateway; use post() for HTTP');
      remember(i);
      gateway.dispatch('INTERACTION_CREATE', i);
      await rest.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${i.id}/${i.token}/callback`);
      await adapter.idle();
      return rest.callbacks.get(i.id);
    },
    signed(i, opts = {}) {
      if (i && typeof i === 'object' && 'token' in i) remember(i);
      const body = opts.raw ?? JSON.stringify(i);
      const headers = { ...signedHeaders(keys, body, opts.timestamp ?? Math.floor(clock.now().getTime() / 1000)), ...opts.headers };
      return { url: `${app.url}/discord/interactions`, init: { method: 'POST', headers, body: opts.tamper ? opts.tamper(body) : body } };
    },
    async post(i, opts = {}) {
      const { url, init } = harness.signed(i, opts);
      const res = await fetch(url, init);
      const text = await res.text();
      const body = text ? JSON.parse(text) : undefined;
      if (res.status === 200 && i && typeof i === 'object' && 'token' in i) rest.initialResponse((i as any).id, (i as any).token, body);
      await adapter.idle();
      return { status: res.status, body };
    },
    async dispatch(t, d) {
      if (!gateway) throw new Error('dispatch() needs the gateway');
      const client = adapter.gatewayClient!;
      // The adapter's raw listener runs first, so once we see the packet its work is tracked.
      const seen = new Promise<void>((resolve) => {
        const on = (p: { t?: string; d?: unknown }) => {
          if (p.t === t && p.d && JSON.stringify(p.d) === JSON.stringify(d)) {
            client.off('raw', on);
            resolve();
          }
        };
        client.on('raw', on);
      });
      gateway.dispatch(t, d);
      await seen;
      await adapter.idle();
    },
    async stop() {
      await app.stop();
      await gateway?.stop();
      await rest.stop();
    },
  };
  return harness;
}
