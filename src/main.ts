// The process entry point: read the environment, load the config (exit 2 on any problem,
// one line per problem), start the app, stop gracefully on SIGTERM/SIGINT.
import { resolve } from 'node:path';
import { createApp, type App } from './app.js';
import { ConfigError, loadConfigFile } from './core/config/index.js';
import { createLogger, SECRET_ENV } from './infra/logger.js';
import { StoreCorruptError, StoreLockedError } from './infra/store/index.js';

async function main(): Promise<void> {
  const env = process.env;
  const log = createLogger({ level: env.LOG_LEVEL });
  log.scrubber.add(SECRET_ENV.map((k) => env[k]));
  const configPath = resolve(env.SWITCHBOARD_CONFIG ?? 'config/switchboard.yaml');
  let config;
  try {
    config = loadConfigFile(configPath, env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`switchboard: ${configPath} is not valid; nothing was started:\n${e.problems.map((p) => `  ${p}`).join('\n')}\n`);
      process.exit(2);
    }
    throw e;
  }
  log.scrubber.add([
    ...config.integrations.pagerduty.map((x) => x.routing_key),
    ...config.integrations.opsgenie.map((x) => x.api_key),
    ...config.integrations.webhooks.map((x) => x.secret),
    ...(config.status?.heartbeats ?? []).map((h) => h.token),
  ]);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`switchboard: PORT must be a number 0-65535, got "${env.PORT}"\n`);
    process.exit(2);
  }
  let app: App | undefined;
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void (app?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    app = await createApp({
      config,
      env,
      log,
      dataDir: resolve(env.SWITCHBOARD_DATA_DIR ?? 'data'),
      host: env.HOST ?? '127.0.0.1',
      port,
      platform: { onQuit: () => shutdown('quit') },
    });
  } catch (e) {
    if (e instanceof StoreCorruptError || e instanceof StoreLockedError) {
      process.stderr.write(`switchboard: ${e.message}\n`);
      process.exit(3);
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
      process.stderr.write(`switchboard: cannot listen on ${env.HOST ?? '127.0.0.1'}:${port} (${err.code})\n`);
      process.exit(1);
    }
    log.error({ err: e }, 'start failed');
    process.exit(1);
  }
}

void main();
