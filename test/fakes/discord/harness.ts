// The real app in-process with the Discord adapter pointed at local fakes: the discord.js
// Client logged in to the fake gateway, REST calls to the fake API, and (with `http`) the
// signed interactions endpoint. `interact()` sends an interaction the way Discord would and
// returns its initial response once the work behind it is done. The fakes and the driver are
// separate pieces, so an app running several platforms at once can use them too.
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import type { App } from '../../../src/app.js';
import type { DiscordAdapter, DiscordTuning } from '../../../src/adapters/discord/adapter.js';
import type { Config } from '../../../src/core/config/index.js';
import type { Skill, SkillDeps } from '../../../src/core/skill.js';
import { exampleConfig } from '../../helpers/config.js';
import { startTestApp } from '../../helpers/test-app.js';
import { tempDir } from '../../helpers/tmp.js';
import { FakeClock } from '../clock.js';
import { FakeGateway } from './gateway.js';
import { APP_ID, BOT, CHANNEL, GUILD_ID } from './payloads.js';
import { FakeDiscordRest } from './rest.js';
import { generateSigningKeys, signedHeaders, type SigningKeys } from './sign.js';

export const TOKEN = 'fake-bot-token.abc.def';

export interface DiscordFakeOptions {
  /** Run the gateway client (default true). */
  gateway?: boolean;
  /** Mount the signed HTTP endpoint (default false). */
  http?: boolean;
}

/** The fake Discord (REST, gateway, signing keys) and the environment that points the app at it; stop() fails if a request went past Discord's limits. */
export interface DiscordFakes {
  rest: FakeDiscordRest;
  gateway?: FakeGateway;
  keys: SigningKeys;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** The example config's server: a category with the platform, incidents, payments and changes channels. */
export async function startDiscordFakes(o: DiscordFakeOptions = {}): Promise<DiscordFakes> {
  const rest = await new FakeDiscordRest(TOKEN, BOT).start();
  rest.addChannel({ id: CHANNEL.category, type: 4, guild_id: GUILD_ID, name: 'operations' } as any);
  for (const [name, id] of [['platform', CHANNEL.platform], ['incidents', CHANNEL.incidents], ['payments', CHANNEL.payments], ['changes', CHANNEL.changes]] as const) {
    rest.addChannel({ id, type: 0, guild_id: GUILD_ID, name, parent_id: CHANNEL.category } as any);
  }
  const useGateway = o.gateway ?? true;
  let gateway: FakeGateway | undefined;
  if (useGateway) {
    gateway = await new FakeGateway(BOT, APP_ID, [{ id: GUILD_ID, name: 'Northwind', channels: [...rest.channels.values()] }]).start();
    rest.gatewayUrl = gateway.url;
    rest.onChannelCreate = (c) => gateway!.dispatch('CHANNEL_CREATE', c);
  }
  const keys = generateSigningKeys();
  const env: NodeJS.ProcessEnv = { DISCORD_API_URL: rest.url, DISCORD_TOKEN: TOKEN };
  // Without the application id there is no gateway; the token still posts over REST.
  if (useGateway) env.DISCORD_APPLICATION_ID = APP_ID;
  if (o.http) env.DISCORD_PUBLIC_KEY = keys.publicKeyHex;
  return {
    rest,
    gateway,
    keys,
    env,
    async stop() {
      await gateway?.stop();
      await rest.stop();
      // Every test also proves the adapter stayed within Discord's limits.
      if (rest.refused.length) throw new Error(`Discord would have refused ${rest.refused.length} request(s):\n${rest.refused.map((r) => `${r.path}: ${r.problems.join('; ')}`).join('\n')}`);
    },
  };
}

/** Adapter knobs for tests: no REST retries, a short READY wait. */
export const testTuning = (ackMs = 2000): DiscordTuning => ({ ackMs, rest: { retries: 0, timeout: 5000 }, readyTimeoutMs: 10_000 });

export interface PostOptions {
  /** Changes the body after signing (a tampered request). */
  tamper?: (body: string) => string;
  /** Signs this text instead of the JSON of the interaction. */
  raw?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

/** What a test does as Discord towards a running app. */
export interface DiscordDriver {
  adapter: DiscordAdapter;
  rest: FakeDiscordRest;
  gateway?: FakeGateway;
  keys: SigningKeys;
  /** Sends an interaction over the gateway; resolves with its initial response after its work is done. */
  interact(i: APIInteraction): Promise<APIInteractionResponse>;
  /** Posts a signed interaction to /discord/interactions. */
  post(i: unknown, opts?: PostOptions): Promise<{ status: number; body: any }>;
  /** The signed request `post()` would send, to send it yourself. */
  signed(i: unknown, opts?: PostOptions): { url: string; init: RequestInit };
  /** Sends a gateway dispatch (MESSAGE_CREATE…) and waits for the adapter to finish with it. */
  dispatch(t: string, d: unknown): Promise<void>;
}

export function discordDriver(app: App, fakes: DiscordFakes, clock: FakeClock): DiscordDriver {
  const adapter = app.platforms.find((p) => p.discord)!.discord!;
  const { rest, gateway, keys } = fakes;
  const remember = (i: any) => {
    const channelId = i.channel?.id ?? i.channel_id;
    rest.interactions.set(i.token, { channelId, messageId: i.message?.id });
  };
  const driver: DiscordDriver = {
    adapter,
    rest,
    gateway,
    keys,
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
      const { url, init } = driver.signed(i, opts);
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
  };
  return driver;
}

export interface DiscordHarnessOptions extends DiscordFakeOptions {
  ackMs?: number;
  config?: Config;
  clock?: FakeClock;
  dataDir?: string;
  /** Stand-in skills beside the real ones (only for what no real skill can show). */
  skills?: (deps: SkillDeps) => Skill[];
}

export interface DiscordHarness extends DiscordDriver {
  app: App;
  clock: FakeClock;
  dataDir: string;
  skills: Skill[];
  /** Moves the clock, runs the due jobs and waits for what they sent. */
  advance(by: string | number): Promise<void>;
  stop(): Promise<void>;
}

export async function startDiscordHarness(o: DiscordHarnessOptions = {}): Promise<DiscordHarness> {
  const clock = o.clock ?? new FakeClock();
  const fakes = await startDiscordFakes(o);
  const dataDir = o.dataDir ?? (await tempDir());
  const skills: Skill[] = [];
  const app = await startTestApp({
    config: o.config ?? exampleConfig(),
    env: fakes.env,
    dataDir,
    clock,
    extraSkills: (deps) => {
      skills.push(...(o.skills?.(deps) ?? []));
      return skills;
    },
    platform: { discord: testTuning(o.ackMs) },
    cleanup: () => fakes.stop(),
  });
  const driver = discordDriver(app, fakes, clock);
  return {
    ...driver,
    app,
    clock,
    dataDir,
    skills,
    async advance(by) {
      clock.advance(by);
      await app.scheduler.tick();
      await driver.adapter.idle();
    },
    async stop() {
      await app.stop();
      await fakes.stop();
    },
  };
}
