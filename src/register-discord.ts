// `npm run discord:register [-- --guild <id> | --global] [--print]`: builds Discord's
// application commands from the command specs of the skills this build really has (the app
// is assembled as `npm start` would, in a throwaway data dir) and registers them, so the
// commands Discord shows never drift from what the parser accepts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.js';
import { buildCommands } from './adapters/discord/command-defs.js';
import { registerCommands } from './adapters/discord/register.js';
import { readDiscordEnv } from './adapters/discord/settings.js';
import { ConfigError, loadConfigFile, type Config } from './core/config/index.js';
import type { CommandSpec } from './core/skill.js';
import { silentLogger } from './infra/logger.js';

const USAGE = 'usage: npm run discord:register [-- --guild <server id> | --global] [--print]';

/** The command specs and skill descriptions of this build, from a real (throwaway) app. */
export async function collectSpecs(config: Config): Promise<{ specs: CommandSpec[]; describe: (command: string) => string }> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-register-'));
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  try {
    const app = await createApp({ config, env: {}, dataDir: dir, host: '127.0.0.1', port: 0, log: silentLogger, timers: false, platform: { consoleInput: new PassThrough(), consoleOutput: sink, consoleInteractive: false } });
    const specs = app.router.specs();
    const skills = [...app.router.skills()];
    await app.stop();
    const describe = (command: string) => {
      const skill = skills.find((s) => s.commands.some((c) => c.command === command));
      return skill ? `${skill.description[0].toUpperCase()}${skill.description.slice(1)}` : `Switchboard ${command} commands`;
    };
    return { specs, describe };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the script; returns the exit code. */
export async function runRegister(argv: string[], env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<number> {
  let guild: string | undefined;
  let global = false;
  let print = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--guild' && argv[i + 1]) guild = argv[++i];
    else if (a === '--global') global = true;
    else if (a === '--print') print = true;
    else {
      say(`discord:register: unknown argument "${a}"\n${USAGE}`);
      return 2;
    }
  }
  const configPath = resolve(env.SWITCHBOARD_CONFIG ?? 'config/switchboard.yaml');
  let config: Config;
  try {
    config = loadConfigFile(configPath, env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    say(`discord:register: ${configPath} is not valid:\n${e.problems.map((p) => `  ${p}`).join('\n')}`);
    return 2;
  }
  const { specs, describe } = await collectSpecs(config);
  const { definitions } = buildCommands(specs, describe);
  if (print) {
    say(JSON.stringify(definitions, null, 2));
    return 0;
  }
  let settings;
  try {
    settings = readDiscordEnv(env);
  } catch (e) {
    say(`discord:register: ${(e as Error).message}`);
    return 2;
  }
  if (!settings.token || !settings.applicationId) {
    say(`discord:register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Developer Portal → your application).\n${USAGE}`);
    return 2;
  }
  const guildId = global ? undefined : (guild ?? env.DISCORD_GUILD_ID ?? config.discord?.guild);
  if (guildId && !/^\d{5,25}$/.test(guildId)) {
    say(`discord:register: --guild expects a server id (digits), got "${guildId.slice(0, 40)}"`);
    return 2;
  }
  try {
    const done = await registerCommands(definitions, { token: settings.token, applicationId: settings.applicationId, guildId, apiUrl: settings.apiUrl });
    say(`Registered ${done.names.length} commands (${done.scope}): ${done.names.map((n) => `/${n}`).join(' ')}`);
    if (!guildId) say('Global commands can take up to an hour to show in every client; use --guild <id> while testing.');
    return 0;
  } catch (e) {
    say(`discord:register: Discord refused the commands: ${(e as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runRegister(process.argv.slice(2), process.env, (line) => console.log(line));
}
