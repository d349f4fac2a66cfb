// An in-process Switchboard for tests: the real app (store in a temp dir, HTTP on
// 127.0.0.1:0, fake clock, scheduler driven by tick()) with the console adapter captured,
// so a test can say a line and read what was printed — Errbot's testbot, for Switchboard.
import { PassThrough, Writable } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import type { ConsoleAdapter } from '../../src/adapters/console/adapter.js';
import { parseConfigText, type Config } from '../../src/core/config/index.js';
import { silentLogger } from '../../src/infra/logger.js';
import { FakeClock } from '../fakes/clock.js';
import { exampleConfig } from './config.js';
import { tempDir } from './tmp.js';

export { exampleConfig };

export class Capture extends Writable {
  chunks: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(chunk.toString('utf8'));
    cb();
  }
  text(): string {
    return this.chunks.join('');
  }
  /** Everything printed since the last call. */
  take(): string {
    const t = this.text();
    this.chunks = [];
    return t;
  }
}

export interface ConsoleHarness {
  app: App;
  clock: FakeClock;
  out: Capture;
  console: ConsoleAdapter;
  dataDir: string;
  /** Says a line as the console user (or `as x …`) and returns everything printed meanwhile. */
  say(line: string): Promise<string>;
  /** Moves the clock and runs due jobs; returns what was printed. */
  advance(by: string | number): Promise<string>;
  restart(): Promise<ConsoleHarness>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  config?: Config | string;
  clock?: FakeClock;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}


export async function startConsoleApp(opts: HarnessOptions = {}): Promise<ConsoleHarness> {
  const config = typeof opts.config === 'string' ? parseConfigText(opts.config, {}) : (opts.config ?? exampleConfig());
  const clock = opts.clock ?? new FakeClock();
  const dataDir = opts.dataDir ?? (await tempDir());
  const out = new Capture();
  const input = new PassThrough();
  const app = await createApp({
    config,
    env: opts.env ?? {},
    dataDir,
    host: '127.0.0.1',
    port: 0,
    log: silentLogger,
    clock,
    timers: false,
    platform: { consoleInput: input, consoleOutput: out, consoleInteractive: false },
  });
  const adapter = app.platforms.find((p) => p.console)!.console!;
  const h: ConsoleHarness = {
    app,
    clock,
    out,
    console: adapter,
    dataDir,
    async say(line) {
      out.take();
      await adapter.handleLine(line);
      return out.take();
    },
    async advance(by) {
      out.take();
      clock.advance(by);
      await app.scheduler.tick();
      return out.take();
    },
    async restart() {
      await app.stop();
      return startConsoleApp({ ...opts, config, clock, dataDir });
    },
    stop: () => app.stop(),
  };
  return h;
}
