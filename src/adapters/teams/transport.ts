// The Teams SDK app, mounted on the one shared express server at POST /api/messages (never its
// own listener). The SDK validates every inbound JWT against the Bot Framework's OpenID keys
// unless the explicit local demo mode is on. Around it: a malformed activity gets a 400, an
// internal failure a 503 (never a 500), and the SDK never reads CLIENT_ID & co. from the
// environment behind our back — every setting is passed explicitly.
import { App, ExpressAdapter, type HttpRouteHandler, type IHttpServerAdapter } from '@microsoft/teams.apps';
import { PUBLIC, withOverrides, type CloudEnvironment } from '@microsoft/teams.api';
import type { Express } from 'express';
import type { Logger } from '../../core/ports.js';
import { ActivitySchema, type TeamsActivity } from './parse.js';
import { sdkLogger } from './sdk-logger.js';
import type { TeamsSettings } from './settings.js';

export const MESSAGING_ENDPOINT = '/api/messages';

/** Test and bench seams: a local token source and local cloud endpoints instead of Microsoft's. */
export interface TeamsHooks {
  /** Returns the bot's outbound token instead of asking Microsoft Entra with the client secret. */
  token?: () => Promise<string>;
  /** Cloud endpoint overrides, e.g. `openIdMetadataUrl` of a local fake. */
  cloud?: Partial<CloudEnvironment>;
  /** How long a card click may run before Teams is told "working on it" (default 2500 ms). */
  invokeDeadlineMs?: number;
}

/** Mounts the SDK's routes on our express app and turns any 5xx into a 503 without details. */
class SharedExpressMount implements IHttpServerAdapter {
  private readonly inner: ExpressAdapter;
  constructor(app: Express, logger: ReturnType<typeof sdkLogger>) {
    this.inner = new ExpressAdapter(app, { logger });
  }
  registerRoute(method: 'POST', path: string, handler: HttpRouteHandler): void {
    this.inner.registerRoute(method, path, async (req) => {
      const res = await handler(req);
      return res.status >= 500 ? { status: 503, body: { error: 'temporarily unavailable' } } : res;
    });
  }
}

export type ActivityHandler = (activity: TeamsActivity) => Promise<{ status: number; body?: unknown } | undefined>;

export async function createTeamsApp(opts: { settings: TeamsSettings; hooks?: TeamsHooks; express: Express; log: Logger; onActivity: ActivityHandler }): Promise<App> {
  const { settings, hooks = {} } = opts;
  const auth = settings.mode === 'authenticated' ? settings : undefined;
  const logger = sdkLogger(opts.log);
  // Empty strings, not undefined: the SDK falls back to CLIENT_ID/CLIENT_SECRET/TENANT_ID env vars.
  const app = new App({
    clientId: auth?.clientId ?? '',
    clientSecret: auth && !hooks.token ? auth.clientSecret : '',
    tenantId: auth?.tenantId ?? '',
    managedIdentityClientId: '',
    token: auth ? hooks.token : undefined,
    serviceUrl: settings.serviceUrl,
    cloud: withOverrides(PUBLIC, hooks.cloud ?? {}),
    logger,
    client: { timeout: 15_000 },
    httpServerAdapter: new SharedExpressMount(opts.express, logger),
    messagingEndpoint: MESSAGING_ENDPOINT,
    dangerouslyAllowUnauthenticatedRequests: settings.mode === 'dev',
  });
  if (Boolean(auth) !== Boolean(app.credentials)) throw new Error('Teams SDK credentials do not match the settings');

  app.on('activity', async (ctx) => (await opts.onActivity(ctx.activity as unknown as TeamsActivity)) as never);

  // Runs after the SDK accepted the request's token: reject what is not an activity we can read.
  const process = app.server.onRequest;
  if (!process) throw new Error('Teams SDK did not set its request handler');
  app.server.onRequest = async (event) => {
    const parsed = ActivitySchema.safeParse(event.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { status: 400, body: { error: 'not a valid activity', detail: `${issue.path.join('.') || '(body)'}: ${issue.message}` } };
    }
    return process(event);
  };
  await app.initialize();
  return app;
}
