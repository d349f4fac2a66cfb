// The Teams adapter's settings, read from the environment once at start. Two modes:
// authenticated (TEAMS_CLIENT_ID + TEAMS_CLIENT_SECRET: every inbound request must carry a valid
// Bot Framework JWT) and a local demo/test mode (TEAMS_DEV_UNAUTHENTICATED=1) that accepts
// unauthenticated requests. The two can never be on together: that refuses to start.
import { z } from 'zod';

export const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams';

export type TeamsSettings =
  | { mode: 'authenticated'; clientId: string; clientSecret: string; tenantId?: string; serviceUrl: string }
  | { mode: 'dev'; serviceUrl: string };

/** A setting that makes starting unsafe or impossible; the message says what to change. */
export class TeamsSettingsError extends Error {
  constructor(message: string) {
    super(`Teams adapter not started: ${message}`);
    this.name = 'TeamsSettingsError';
  }
}

const flag = z
  .string()
  .optional()
  .transform((v) => (v === undefined ? false : /^(1|true|yes|on)$/i.test(v.trim())));

const envSchema = z.object({
  TEAMS_CLIENT_ID: z.string().trim().optional(),
  TEAMS_CLIENT_SECRET: z.string().optional(),
  TEAMS_TENANT_ID: z.string().trim().optional(),
  TEAMS_SERVICE_URL: z.url({ protocol: /^https?$/ }).optional(),
  TEAMS_DEV_UNAUTHENTICATED: flag,
  HOST: z.string().optional(),
});

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i;

/** Strips trailing slashes so one Bot Connector URL is always spelled one way. */
export const normalizeServiceUrl = (url: string): string => url.trim().replace(/\/+$/, '');

/**
 * The settings the environment asks for: undefined when Teams is not configured at all; throws
 * TeamsSettingsError when the combination is unsafe (demo mode with credentials, or demo mode
 * on a non-loopback HOST) or incomplete (a client id without its secret).
 */
export function readTeamsSettings(env: NodeJS.ProcessEnv): TeamsSettings | undefined {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TeamsSettingsError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const clientId = e.TEAMS_CLIENT_ID || undefined;
  const serviceUrl = normalizeServiceUrl(e.TEAMS_SERVICE_URL ?? DEFAULT_SERVICE_URL);
  if (clientId && e.TEAMS_DEV_UNAUTHENTICATED) {
    throw new TeamsSettingsError('TEAMS_DEV_UNAUTHENTICATED=1 cannot be used together with TEAMS_CLIENT_ID; unset one of them.');
  }
  if (clientId) {
    if (!e.TEAMS_CLIENT_SECRET) throw new TeamsSettingsError('TEAMS_CLIENT_ID is set but TEAMS_CLIENT_SECRET is not; set the client secret of the Azure Bot.');
    return { mode: 'authenticated', clientId, clientSecret: e.TEAMS_CLIENT_SECRET, tenantId: e.TEAMS_TENANT_ID || undefined, serviceUrl };
  }
  if (e.TEAMS_DEV_UNAUTHENTICATED) {
    if (e.HOST && !LOOPBACK.test(e.HOST.trim())) {
      throw new TeamsSettingsError(`TEAMS_DEV_UNAUTHENTICATED=1 accepts unauthenticated requests and is only allowed on a loopback HOST, not "${e.HOST}".`);
    }
    return { mode: 'dev', serviceUrl };
  }
  return undefined;
}
