// Which platform adapters run: each starts when its credentials are in the environment
// (several at once in one process); with none, the console adapter runs.
import { ConsoleAdapter } from './adapters/console/adapter.js';
import { SlackAdapter, type SlackAdapterOptions } from './adapters/slack/adapter.js';
import { slackSettings } from './adapters/slack/env.js';
import { DiscordAdapter, type DiscordTuning } from './adapters/discord/adapter.js';
import { discordRequested } from './adapters/discord/settings.js';
import { TeamsAdapter } from './adapters/teams/adapter.js';
import { readTeamsSettings } from './adapters/teams/settings.js';
import type { TeamsHooks } from './adapters/teams/transport.js';
import type { ChatHub } from './core/chat.js';
import type { Clock } from './core/clock.js';
import type { Config } from './core/config/index.js';
import type { Deduper } from './core/dedupe.js';
import type { Directory } from './core/people.js';
import type { Logger, Store } from './core/ports.js';
import type { Router } from './core/router.js';
import type { HttpServer } from './infra/http.js';

export interface PlatformOptions {
  env: NodeJS.ProcessEnv;
  config: Config;
  router: Router;
  chat: ChatHub;
  people: Directory;
  log: Logger;
  http: HttpServer;
  dedupe: Deduper;
  clock: Clock;
  /** For adapter state that must survive restarts (e.g. Teams conversation references). */
  store: Store;
  /** Console streams (tests); default stdin/stdout. */
  consoleInput?: NodeJS.ReadableStream;
  consoleOutput?: NodeJS.WritableStream;
  consoleInteractive?: boolean;
  /** Start the console even when a platform is configured. */
  forceConsole?: boolean;
  /** Called when the console user quits. */
  onQuit?: () => void;
  /** Slack adapter settings beyond the environment (tests). */
  slack?: SlackAdapterOptions;
  /** Discord adapter knobs (tests: ack deadline, REST retries). */
  discord?: DiscordTuning;
  /** Teams test seams (local token source, local OpenID metadata); never set in production. */
  teams?: TeamsHooks;
}

export interface RunningPlatform {
  name: string;
  /** Connects outbound (gateways, sockets) once the HTTP server listens. */
  connect?(): Promise<void>;
  stop(): Promise<void>;
  /** The console adapter, when this is it (tests drive it directly). */
  console?: ConsoleAdapter;
  /** The Slack adapter, when this is it. */
  slack?: SlackAdapter;
  /** The Discord adapter, when this is it. */
  discord?: DiscordAdapter;
  /** The Teams adapter, when this is it (tests wait for it to be idle). */
  teams?: TeamsAdapter;
}

/** Whether any chat platform has credentials in the environment. */
export function platformConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean((env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN)) || (env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) || env.DISCORD_PUBLIC_KEY || env.TEAMS_CLIENT_ID);
}

/** The console's speaker: SWITCHBOARD_CONSOLE_USER, else the first admin, else the first person. */
export function consoleUser(env: NodeJS.ProcessEnv, config: Config): string {
  const wanted = env.SWITCHBOARD_CONSOLE_USER?.replace(/^@/, '');
  if (wanted) {
    if (!config.people.some((p) => p.id === wanted)) throw new Error(`SWITCHBOARD_CONSOLE_USER=${wanted} is not a person in the config`);
    return wanted;
  }
  return config.permissions.admins[0] ?? config.people[0].id;
}

export async function startPlatforms(opts: PlatformOptions): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  // Read (and refuse unsafe) settings before anything starts.
  const teams = readTeamsSettings(opts.env);
  const slack = slackSettings(opts.env, (msg) => opts.log.warn(msg));
  if (slack) {
    const adapter = await SlackAdapter.create(slack, opts, opts.slack);
    running.push({ name: 'slack', slack: adapter, connect: () => adapter.connect(), stop: () => adapter.stop() });
  }
  if (!platformConfigured(opts.env) || opts.forceConsole) {
    const adapter = new ConsoleAdapter({
      router: opts.router,
      people: opts.people,
      user: consoleUser(opts.env, opts.config),
      input: opts.consoleInput,
      output: opts.consoleOutput,
      interactive: opts.consoleInteractive,
      onQuit: opts.onQuit,
      clockNow: () => opts.clock.now(),
    });
    opts.chat.register(adapter);
    opts.http.setAdapterStatus('console', true);
    running.push({
      name: 'console',
      console: adapter,
      connect: async () => adapter.start(),
      stop: async () => adapter.stop(),
    });
  }
  if (discordRequested(opts.env)) {
    const discord = await DiscordAdapter.start({ ...opts, tuning: opts.discord });
    running.push({ name: 'discord', discord, connect: () => discord.connect(), stop: () => discord.stop() });
  }
  if (teams) {
    const { config, router, people, dedupe, store, clock, log } = opts;
    const adapter = await TeamsAdapter.start({ settings: teams, config, router, people, dedupe, store, clock, log, express: opts.http.app, hooks: opts.teams });
    opts.chat.register(adapter);
    opts.http.setAdapterStatus('teams', true);
    running.push({ name: 'teams', teams: adapter, stop: () => adapter.stop() });
  }
  return running;
}
