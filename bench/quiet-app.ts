// The real app for a benchmark: a data dir of its own, 127.0.0.1 on a free port, no logs, no
// real timers, and a console adapter that reads nothing and prints nowhere.
import { PassThrough, Writable } from 'node:stream';
import { createApp, type App } from '../src/app.js';
import type { Config } from '../src/core/config/index.js';
import { silentLogger } from '../src/infra/logger.js';

export function quietApp(config: Config, dataDir: string): Promise<App> {
  return createApp({
    config,
    env: {},
    dataDir,
    host: '127.0.0.1',
    port: 0,
    log: silentLogger,
    timers: false,
    platform: { consoleInput: new PassThrough(), consoleOutput: new Writable({ write: (_c, _e, cb) => cb() }), consoleInteractive: false },
  });
}
