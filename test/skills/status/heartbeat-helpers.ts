// Helpers of the heartbeat tests: the shipped config with a status section that has a
// Backups component and two heartbeats whose tokens come from the environment, and a
// reporter that calls the real HTTP route on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../../src/core/config/index.js';
import type { StatusReader } from '../../../src/skills/status/index.js';
import type { ConsoleHarness } from '../../helpers/console-app.js';
import { withStatus } from './helpers.js';

export const BACKUP_TOKEN = randomBytes(24).toString('hex');
export const ETL_TOKEN = randomBytes(24).toString('base64url');

/** Backup: expected 03:00 Berlin (02:00Z in November), grace 30m, marks Backups, pages the backups service. ETL: 02:00, grace 1h, no component. */
export function heartbeatConfig(): Config {
  return withStatus(
    `status:
  title: Northwind status
  components:
    - { id: api, name: Public API }
    - { id: web, name: Web shop }
    - { id: payments, name: Payments }
    - { id: switchboard, name: Switchboard bot }
    - { id: backups, name: Backups }
  monitors: []
  heartbeats:
    - id: nightly-backup
      name: Nightly database backup
      token: "\${BACKUP_TOKEN}"
      schedule: "0 3 * * *"
      grace: 30m
      component: backups
      service: backups
      page: true
    - id: orders-etl
      name: Orders ETL
      token: "\${ETL_TOKEN}"
      schedule: "0 2 * * *"
      grace: 1h
`,
    { BACKUP_TOKEN, ETL_TOKEN },
  );
}

export const reader = (h: ConsoleHarness) => h.app.deps.queries.get('status') as StatusReader;

/** Reports a run over HTTP, as a job's cron line would. */
export async function ping(h: ConsoleHarness, token: string, opts: { query?: string; body?: string; method?: string } = {}): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`${h.app.url}/heartbeat/${token}${opts.query ?? ''}`, { method: opts.method ?? 'POST', body: opts.body });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

/** Moves the fake clock to an instant and runs what is due; returns what was printed. */
/**
 * Moves the clock, runs what is due, and returns what was printed — without the on-call skill's
 * page messages (its DMs and escalations), which these tests check through `page.requested`.
 */
export async function at(h: ConsoleHarness, iso: string): Promise<string> {
  h.out.take();
  h.clock.set(iso);
  await h.app.scheduler.tick();
  return withoutPages(h.out.take());
}

/** Drops printed message blocks that belong to a page (PAGE-n). */
export function withoutPages(out: string): string {
  return out
    .split(/(?=^── )/m)
    .filter((block) => !/PAGE-\d+/.test(block))
    .join('');
}
