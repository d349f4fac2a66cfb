// The Discord environment, validated: which transports run and with what. A malformed value
// stops the start with a line that names the variable (never its value: these are secrets).
import { z } from 'zod';

const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

const EnvSchema = z.object({
  DISCORD_TOKEN: z.preprocess(blankAsUnset, z.string().optional()),
  DISCORD_APPLICATION_ID: z.preprocess(blankAsUnset, z.string().regex(/^\d{5,25}$/, { error: 'expected the application id (digits)' }).optional()),
  DISCORD_PUBLIC_KEY: z.preprocess(blankAsUnset, z.string().regex(/^[0-9a-f]{64}$/i, { error: "expected the application's public key (64 hex characters)" }).optional()),
  DISCORD_API_URL: z.preprocess(blankAsUnset, z.string().regex(/^https?:\/\/\S+$/, { error: 'expected an http(s) URL like https://discord.com/api' }).optional()),
});

export interface DiscordEnv {
  token?: string;
  applicationId?: string;
  publicKey?: string;
  /** REST base (`https://discord.com/api` by default; the version is appended). */
  apiUrl?: string;
  /** Whether the gateway client runs (token and application id set). */
  gateway: boolean;
  /** Whether the HTTP interactions endpoint is mounted (public key set). */
  http: boolean;
}

/** Whether the environment asks for the Discord adapter at all. */
export function discordRequested(env: NodeJS.ProcessEnv): boolean {
  return Boolean((env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) || env.DISCORD_PUBLIC_KEY);
}

export function readDiscordEnv(env: NodeJS.ProcessEnv): DiscordEnv {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new Error(`Discord settings are not valid: ${lines.join('; ')}`);
  }
  const e = r.data;
  return {
    token: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID,
    publicKey: e.DISCORD_PUBLIC_KEY,
    apiUrl: e.DISCORD_API_URL?.replace(/\/+$/, ''),
    gateway: Boolean(e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID),
    http: Boolean(e.DISCORD_PUBLIC_KEY),
  };
}
