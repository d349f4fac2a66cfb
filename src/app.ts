// The composition root as a function: config → store → core services → skills → HTTP →
// adapters → scheduler. main.ts calls it for the real process; tests call it in-process with
// a temp data dir, port 0 and a fake clock.
import { AuditLog } from './core/audit.js';
import { ChatHub } from './core/chat.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Config } from './core/config/index.js';
import { Deduper } from './core/dedupe.js';
import { EventBus } from './core/events.js';
import { Directory } from './core/people.js';
import { Permissions } from './core/permissions.js';
import { QueryRegistry } from './core/queries.js';
import type { Logger, Store } from './core/ports.js';
import { Router } from './core/router.js';
import type { Skill, SkillDeps } from './core/skill.js';
import { HttpServer } from './infra/http.js';
import { PromMetrics } from './infra/metrics.js';
import { AxiosOutboundNotifier } from './infra/outbound/index.js';
import { AxiosProbe } from './infra/probe.js';
import { DurableScheduler } from './infra/scheduler.js';
import { openStore } from './infra/store/index.js';
import { startPlatforms, type PlatformOptions, type RunningPlatform } from './platforms.js';
import { createSkills } from './skills/index.js';

export interface AppOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  host: string;
  port: number;
  log: Logger;
  clock?: Clock;
  /** Run the scheduler loop and cron wake-ups on real timers (off when a test drives `tick`). */
  timers?: boolean;
  /** Console adapter settings (input/output streams); see platforms.ts. */
  platform?: Partial<PlatformOptions>;
  /** Skills added to the built-in ones (tests and benchmarks register fixtures here). */
  extraSkills?: (deps: SkillDeps) => Skill[];
}

export interface App {
  config: Config;
  deps: SkillDeps;
  router: Router;
  store: Store;
  scheduler: DurableScheduler;
  http: HttpServer;
  dedupe: Deduper;
  metrics: PromMetrics;
  platforms: RunningPlatform[];
  /** http://host:port of the running server. */
  url: string;
  stop(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { config, log } = opts;
  const clock = opts.clock ?? systemClock;
  const store = await openStore(opts.dataDir, { log });
  try {
    const metrics = new PromMetrics();
    const people = new Directory(config);
    const permissions = new Permissions(config);
    const events = new EventBus(log);
    const audit = await AuditLog.open(store, clock);
    const dedupe = await Deduper.open(store, clock);
    const scheduler = await DurableScheduler.open({ store, clock, log: log.child({ part: 'scheduler' }), timers: opts.timers ?? true });
    const chat = new ChatHub(config, people, log);
    const http = new HttpServer({ host: opts.host, port: opts.port, log, metrics, storeHealthy: () => store.healthy() });
    const publicUrl = (opts.env.PUBLIC_URL ?? `http://${opts.host}:${opts.port}`).replace(/\/+$/, '');
    const router = new Router({ people, permissions, clock, log, metrics });
    const outbound = new AxiosOutboundNotifier(config.integrations, { clock, log: log.child({ part: 'outbound' }) });
    const deps: SkillDeps = { config, clock, store, chat, events, audit, scheduler, http, metrics, log, people, permissions, probe: new AxiosProbe(), outbound, queries: new QueryRegistry(), publicUrl };

    for (const skill of [...createSkills(deps), ...(opts.extraSkills?.(deps) ?? [])]) {
      await skill.init?.();
      router.register(skill);
    }
    scheduler.recurring({ name: 'prune-deliveries', cron: '17 3 * * *', timezone: 'UTC', catchUpMs: 86_400_000, run: async () => void (await dedupe.prune()) });

    const platforms = await startPlatforms({ env: opts.env, config, router, chat, people, log, http, dedupe, clock, store, ...opts.platform });
    const addr = await http.listen();
    if (!opts.env.PUBLIC_URL) deps.publicUrl = `http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port}`;
    for (const p of platforms) await p.connect?.();
    await scheduler.start();
    const url = `http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port}`;
    log.info({ url, platforms: platforms.map((p) => p.name), skills: router.skills().map((s) => s.id) }, 'switchboard started');

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        log.info('switchboard stopping');
        await scheduler.stop();
        for (const p of platforms) await p.stop().catch((e) => log.warn({ err: e, platform: p.name }, 'adapter stop failed'));
        await http.close();
        await store.close();
        log.info('switchboard stopped');
      })());
    return { config, deps, router, store, scheduler, http, dedupe, metrics, platforms, url, stop };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}
