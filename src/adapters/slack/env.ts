// Which Slack transport the environment asks for (SPEC §1): HTTP (Events API on the shared
// server) with SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET, Socket Mode with SLACK_BOT_TOKEN +
// SLACK_APP_TOKEN (it wins when both are set). SLACK_API_URL points the Web API elsewhere.
import { z } from 'zod';

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: z.string().trim().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().trim().min(1).optional(),
  SLACK_APP_TOKEN: z.string().trim().min(1).optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'SLACK_API_URL must be an http(s) URL' }).optional(),
});

export type SlackSettings =
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string }
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl?: string };

/** The Web API base URL as the client wants it (ending in `/`). */
const apiBase = (url: string | undefined) => (url ? (url.endsWith('/') ? url : `${url}/`) : undefined);

/**
 * The Slack settings, or undefined when Slack is not configured. `warn` hears about a
 * half-configured Slack (a token without its partner) so the operator is not left guessing.
 */
export function slackSettings(env: NodeJS.ProcessEnv, warn: (msg: string) => void = () => undefined): SlackSettings | undefined {
  const parsed = EnvSchema.safeParse({
    SLACK_BOT_TOKEN: env.SLACK_BOT_TOKEN || undefined,
    SLACK_SIGNING_SECRET: env.SLACK_SIGNING_SECRET || undefined,
    SLACK_APP_TOKEN: env.SLACK_APP_TOKEN || undefined,
    SLACK_API_URL: env.SLACK_API_URL || undefined,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const e = parsed.data;
  const apiUrl = apiBase(e.SLACK_API_URL);
  if (e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN) return { mode: 'socket', botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, apiUrl };
  if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) return { mode: 'http', botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl };
  if (e.SLACK_BOT_TOKEN) warn('SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP) nor SLACK_APP_TOKEN (Socket Mode): Slack is not started');
  else if (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) warn('SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set without SLACK_BOT_TOKEN: Slack is not started');
  return undefined;
}
