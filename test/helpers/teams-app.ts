// An in-process Switchboard with the real Teams SDK on its HTTP server, talking to a fake Bot
// Connector (and, in authenticated mode, a fake OpenID endpoint) on 127.0.0.1. A test posts
// activities to /api/messages and reads what arrived at the connector.
import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import type { TeamsAdapter } from '../../src/adapters/teams/adapter.js';
import type { Config } from '../../src/core/config/index.js';
import type { Logger } from '../../src/core/ports.js';
import { FakeClock } from '../fakes/clock.js';
import { BOT } from '../fakes/teams/activities.js';
import { startFakeConnector, type FakeConnector } from '../fakes/teams/connector.js';
import { signJwt, startFakeOpenId, type FakeOpenId } from '../fakes/teams/openid.js';
import { Capture, exampleConfig } from './console-app.js';
import { tempDir } from './tmp.js';
import { generateKeyPairSync } from 'node:crypto';

// The Teams SDK reads these from the environment when an option is missing; a test never should.
for (const k of ['CLIENT_ID', 'CLIENT_SECRET', 'TENANT_ID', 'SERVICE_URL', 'PORT', 'CLOUD', 'MANAGED_IDENTITY_CLIENT_ID', 'DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS']) delete process.env[k];

export const CLIENT_ID = BOT.id.replace(/^28:/, '');

/** A logger that keeps every line (tests read what was logged). */
export class RecordingLogger implements Logger {
  lines: Array<{ level: string; obj: unknown; msg?: string }> = [];
  private add = (level: string) => (obj: object | string, msg?: string) => void this.lines.push({ level, obj, msg: typeof obj === 'string' ? obj : msg });
  debug = this.add('debug');
  info = this.add('info');
  warn = this.add('warn');
  error = this.add('error');
  child = (): Logger => this;
  text(level?: string): string {
    return this.lines
      .filter((l) => !level || l.level === level)
      .map((l) => `${l.msg ?? ''} ${JSON.stringify(l.obj)}`)
      .join('\n');
  }
}

export interface TeamsHarnessOptions {
  /** Credentials set: inbound JWTs are validated against a fake OpenID endpoint. */
  auth?: boolean;
  config?: Config;
  clock?: FakeClock;
  dataDir?: string;
  connector?: FakeConnector;
  openid?: FakeOpenId;
  invokeDeadlineMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface TeamsHarness {
  app: App;
  teams: TeamsAdapter;
  connector: FakeConnector;
  openid?: FakeOpenId;
  clock: FakeClock;
  log: RecordingLogger;
  dataDir: string;
  /** POSTs an activity to /api/messages; `token` adds `Authorization: Bearer …` (null: none). */
  send(activity: object, opts?: { token?: string | null; raw?: string }): Promise<Response>;
  /** POSTs and waits until the adapter has answered everything it acknowledged. */
  deliver(activity: object, opts?: { token?: string | null }): Promise<Response>;
  /** A valid Bot Connector token for this serviceUrl (authenticated mode). */
  tokenFor(serviceUrl: string): string;
  restart(): Promise<TeamsHarness>;
  stop(): Promise<void>;
}

const outboundKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
/** The bot's own outbound token (JWT-shaped, as the SDK expects); the fake connector records it. */
export const OUTBOUND_TOKEN = signJwt({ aud: 'https://api.botframework.com', iss: 'https://login.microsoftonline.com/test/', exp: 4_102_444_800 }, outboundKey, 'outbound');

export async function startTeamsApp(opts: TeamsHarnessOptions = {}): Promise<TeamsHarness> {
  const connector = opts.connector ?? (await startFakeConnector());
  const openid = opts.auth ? (opts.openid ?? (await startFakeOpenId({ audience: CLIENT_ID }))) : undefined;
  const clock = opts.clock ?? new FakeClock();
  const dataDir = opts.dataDir ?? (await tempDir());
  const log = new RecordingLogger();
  const env = opts.auth
    ? { TEAMS_CLIENT_ID: CLIENT_ID, TEAMS_CLIENT_SECRET: 'not-used-with-a-token-hook', TEAMS_TENANT_ID: 'northwind-tenant', ...opts.env }
    : { TEAMS_DEV_UNAUTHENTICATED: '1', ...opts.env };
  const app = await createApp({
    config: opts.config ?? exampleConfig(),
    env,
    dataDir,
    host: '127.0.0.1',
    port: 0,
    log,
    clock,
    timers: false,
    platform: {
      consoleInput: new PassThrough(),
      consoleOutput: new Capture(),
      consoleInteractive: false,
      teams: { token: async () => OUTBOUND_TOKEN, cloud: openid ? { openIdMetadataUrl: openid.metadataUrl } : undefined, invokeDeadlineMs: opts.invokeDeadlineMs },
    },
  });
  const teams = app.platforms.find((p) => p.teams)!.teams!;
  const send: TeamsHarness['send'] = async (activity, o = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    return fetch(`${app.url}/api/messages`, { method: 'POST', headers, body: o.raw ?? JSON.stringify(activity) });
  };
  const h: TeamsHarness = {
    app,
    teams,
    connector,
    openid,
    clock,
    log,
    dataDir,
    send,
    async deliver(activity, o) {
      const res = await send(activity, o);
      await teams.idle();
      return res;
    },
    tokenFor: (serviceUrl) => {
      if (!openid) throw new Error('tokenFor needs { auth: true }');
      return openid.token({ serviceUrl });
    },
    async restart() {
      await app.stop();
      const next = await startTeamsApp({ ...opts, connector, openid, clock, dataDir });
      // The fakes this harness started are still its to stop.
      next.stop = async () => {
        await next.app.stop();
        await releaseFakes();
      };
      return next;
    },
    async stop() {
      await app.stop();
      await releaseFakes();
    },
  };
  const releaseFakes = async () => {
    if (!opts.connector) await connector.stop();
    if (openid && !opts.openid) await openid.stop();
  };
  return h;
}
