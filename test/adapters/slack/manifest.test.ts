// The shipped Slack app manifests declare what the adapter needs: a slash command for every
// command the registered skills have (read from the real app, so a new skill without one fails
// here), the events it listens to, interactivity, one request URL, and a scope for every Web API
// method the adapter calls (found in its source, so a new call without a scope fails here).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

const SCOPES_BY_METHOD: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.setTopic': ['channels:manage', 'groups:write'],
  'conversations.join': ['channels:join'],
  'conversations.open': ['im:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'users.info': ['users:read'],
  'views.open': [],
  'files.uploadV2': ['files:write'],
};

const load = (f: string) => parse(readFileSync(join('slack', f), 'utf8'));
const source = readdirSync('src/adapters/slack')
  .map((f) => readFileSync(join('src/adapters/slack', f), 'utf8'))
  .join('\n');

/** Words reached only through `/ops` (a slash command of their own would crowd the picker). */
const OPS_ONLY = ['whoami'];

describe('Slack app manifests', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleApp();
  });
  afterAll(async () => {
    await h.stop();
    await cleanupTempDirs();
  });

  it('the registered skills have the commands the manifests declare, and nothing else', () => {
    const registered = [...new Set(h.app.router.specs().map((s) => s.command))];
    expect(registered).toEqual(expect.arrayContaining(['incident', 'oncall', 'page', 'change', 'standup', 'status', 'briefing', 'vendor', 'whoami']));
    const wanted = new Set([...registered.filter((c) => !OPS_ONLY.includes(c)).map((c) => `/${c}`), '/ops']);
    for (const file of ['manifest.yaml', 'manifest.socket-mode.yaml']) {
      const declared: string[] = load(file).features.slash_commands.map((c: { command: string }) => c.command);
      expect(new Set(declared), file).toEqual(wanted);
      expect(declared, file).toHaveLength(wanted.size);
    }
  });

  for (const [file, socket] of [
    ['manifest.yaml', false],
    ['manifest.socket-mode.yaml', true],
  ] as const) {
    it(`${file} declares the commands, events, interactivity and scopes`, () => {
      const m = load(file);
      expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/incident', '/oncall', '/page', '/change', '/standup', '/status', '/briefing', '/vendor', '/ops']);
      for (const c of m.features.slash_commands) expect(c.description.length, c.command).toBeLessThanOrEqual(100);
      expect(m.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im', 'reaction_added']);
      expect(m.settings.interactivity.is_enabled).toBe(true);
      expect(m.settings.socket_mode_enabled).toBe(socket);
      const urls = [...m.features.slash_commands.map((c: { url?: string }) => c.url), m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url];
      if (socket) expect(urls.every((u) => u === undefined)).toBe(true);
      else expect(new Set(urls)).toEqual(new Set(['https://switchboard.example.com/slack/events']));
      const scopes: string[] = m.oauth_config.scopes.bot;
      expect(scopes).toEqual(expect.arrayContaining(['commands', 'app_mentions:read', 'im:history', 'reactions:read']));
      for (const needed of Object.values(SCOPES_BY_METHOD).flat()) expect(scopes, needed).toContain(needed);
    });
  }

  it('has a scope entry for every Web API method the adapter calls', () => {
    const used = new Set([...source.matchAll(/client\.(auth|chat|conversations|users|views|files)\s*\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`));
    expect(used.size).toBeGreaterThan(10);
    for (const method of used) expect(Object.keys(SCOPES_BY_METHOD), method).toContain(method);
  });
});
