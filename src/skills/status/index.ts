// The status skill (SPEC §7): components and groups from the config with Statuspage's
// vocabulary, HTTP monitors as durable jobs, heartbeats of scheduled jobs (POST /heartbeat/<token>),
// maintenance windows, channel subscriptions with notices edited in place, the incident
// skill's events as incident history, a server-rendered page at GET /status and
// Statuspage-shaped JSON at GET /api/status.json. It provides the `status` queries and emits
// status.component_changed, monitor.failed / monitor.recovered and page.requested.
import type { HttpResponse } from '../../core/ports.js';
import type { Skill, SkillDeps } from '../../core/skill.js';
import { dayKey } from '../../core/time.js';
import { noticeMessage } from './cards.js';
import { Catalog } from './catalog.js';
import { statusCommands, type CommandDeps } from './commands.js';
import { ComponentBook } from './component-book.js';
import { healHolds } from './heal.js';
import { HeartbeatBook } from './heartbeat-book.js';
import { heartbeatRoute } from './heartbeat-route.js';
import { IncidentFeed } from './incident-feed.js';
import { MaintenanceBook } from './maintenance.js';
import { MonitorRunner } from './monitor-runner.js';
import { Notifier } from './notifier.js';
import { continueOutage } from './outage.js';
import { buildPageModel } from './page-model.js';
import { renderPage } from './page-html.js';
import { HISTORY_DAYS, StatusReader } from './reader.js';
import { rank } from './rules.js';
import { Subscriptions } from './subscriptions.js';
import { summaryJson } from './summary-json.js';

export type { StatusReader };
/** For the morning briefing: the "Overnight jobs" section from `status.heartbeats(since)`. */
export { overnightJobsSection, OVERNIGHT_TITLE, type OvernightLine, type OvernightSection } from './overnight.js';

const RECONCILE_JOB = 'status.reconcile';
/** A day more than the bars show, so the oldest bar is always whole. */
const KEEP_MS = (HISTORY_DAYS + 1) * 86_400_000;

/** No script may run on the page (it needs none), so injected markup could do nothing. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

export function createStatusSkill(deps: SkillDeps): Skill {
  let parts: CommandDeps | undefined;
  const get = (): CommandDeps => {
    if (!parts) throw new Error('status skill used before init');
    return parts;
  };

  return {
    id: 'status',
    description: 'component status, monitors, maintenance, subscriptions and the status page',
    commands: statusCommands(get),
    async init() {
      const { store, config, clock, events, scheduler, chat } = deps;
      const log = deps.log.child({ skill: 'status' });
      const catalog = new Catalog(config);
      for (const w of catalog.warnings) log.warn(w);
      const book = await ComponentBook.open(store, catalog, events, clock, log);
      await book.init();
      const subs = await Subscriptions.open(store, config, chat, clock);
      const notifier = await Notifier.open(store, subs, chat, clock, log);
      const runner = await MonitorRunner.open({ store, catalog, components: book, notifier, probe: deps.probe, scheduler, events, clock, log, baseUrl: () => deps.publicUrl });
      const incidents = await IncidentFeed.open(store, catalog, book, notifier, clock, log);
      const maintenance = await MaintenanceBook.open(store, catalog, book, notifier, scheduler, clock);
      const heartbeats = await HeartbeatBook.open({ store, catalog, components: book, notifier, scheduler, events, clock, log });
      const reader = new StatusReader(catalog, book, runner, incidents, maintenance, heartbeats, clock, () => deps.publicUrl);
      parts = { reader, notifier, subs, audit: deps.audit };

      notifier.render = (n) => noticeMessage(reader, n);
      book.onChange = (c) => continueOutage(notifier, c, catalog.name(c.componentId), (id) => incidents.label(id));
      incidents.listen((name, fn) => void events.on(name, fn));
      await maintenance.init();
      await runner.init();
      await heartbeats.init();
      await healHolds(catalog, book, { runner, maintenance, incidents, heartbeats });

      // Other skills provide their queries in their own init; look once everything has started.
      scheduler.handle(RECONCILE_JOB, () => incidents.reconcile(deps.queries));
      await scheduler.schedule({ kind: RECONCILE_JOB, key: RECONCILE_JOB, due: clock.now(), keepExisting: true });
      scheduler.recurring({
        name: 'status-prune',
        cron: '41 3 * * *',
        timezone: catalog.zone,
        catchUpMs: 86_400_000,
        run: async () => {
          const cutoff = new Date(clock.now().getTime() - KEEP_MS);
          const iso = cutoff.toISOString();
          await runner.prune(dayKey(cutoff, catalog.zone));
          await book.prune(iso);
          await incidents.prune(iso);
          await maintenance.prune(iso);
          await notifier.prune(iso);
        },
      });

      deps.queries.provide('status', reader);
      deps.metrics.gauge('switchboard_status_component', 'Status component severity (0 operational, 1 maintenance, 2 degraded, 3 partial, 4 major outage)', ['component'], () =>
        book.all().map((c) => ({ labels: { component: c.id }, value: rank(c.status) })),
      );
      deps.metrics.gauge('switchboard_heartbeat_failing', 'Whether each heartbeat (scheduled job) is failing (1) or not (0)', ['heartbeat'], () =>
        reader.heartbeats().map((h) => ({ labels: { heartbeat: h.id }, value: h.failing ? 1 : 0 })),
      );
      deps.metrics.gauge('switchboard_monitor_failing', 'Whether each status monitor is failing (1) or not (0)', ['monitor'], () =>
        runner.all().map((m) => ({ labels: { monitor: m.id }, value: m.failing ? 1 : 0 })),
      );

      const report = heartbeatRoute(catalog, heartbeats, log);
      deps.http.post('/heartbeat/:token', report);
      deps.http.get('/heartbeat/:token', report);
      deps.http.get('/status', (): HttpResponse => ({ status: 200, headers: PAGE_HEADERS, body: renderPage(buildPageModel(reader)) }));
      deps.http.get('/api/status.json', (): HttpResponse => ({
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' },
        body: JSON.stringify(summaryJson(buildPageModel(reader))),
      }));
    },
  };
}
