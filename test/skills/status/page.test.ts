// GET /status and GET /api/status.json from a running bot with seeded history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StatusQueries } from '../../../src/core/queries.js';
import type { ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { seededBot } from './seed.js';

// Statuspage's public summary.json, as published by Atlassian; written here independently of
// the code so the test checks the shape rather than restating it.
const iso = z.iso.datetime();
const componentStatus = z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']);
const component = z.object({
  id: z.string(),
  name: z.string(),
  status: componentStatus,
  created_at: iso,
  updated_at: iso,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.string().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()).optional(),
});
const update = z.object({ id: z.string(), status: z.string(), body: z.string(), incident_id: z.string(), created_at: iso, updated_at: iso, display_at: iso, affected_components: z.array(z.unknown()).nullable() });
const incident = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
  created_at: iso,
  updated_at: iso,
  monitoring_at: iso.nullable(),
  resolved_at: iso.nullable(),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
  shortlink: z.url(),
  started_at: iso,
  page_id: z.string(),
  incident_updates: z.array(update),
  components: z.array(component),
});
const SummarySchema = z.object({
  page: z.object({ id: z.string(), name: z.string(), url: z.url(), time_zone: z.string(), updated_at: iso }),
  status: z.object({ indicator: z.enum(['none', 'minor', 'major', 'critical']), description: z.string() }),
  components: z.array(component),
  incidents: z.array(incident),
  scheduled_maintenances: z.array(
    incident.extend({ status: z.enum(['scheduled', 'in_progress', 'verifying', 'completed']), impact: z.literal('maintenance'), scheduled_for: iso, scheduled_until: iso }),
  ),
});

let h: ConsoleHarness;
beforeAll(async () => {
  h = await seededBot();
});
afterAll(async () => {
  await h.stop();
  await cleanupTempDirs();
});

/** The `title` of a component's bar for a day. */
function barTitle(html: string, component: string, day: string): { cls: string; title: string } {
  const section = html.slice(html.indexOf(`id="component-${component}"`));
  const items = [...section.slice(0, section.indexOf('</ol>')).matchAll(/<li class="bar (b-[a-z_]+)" title="([^"]*)">/g)];
  const label = new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
  const hit = items.find((m) => m[2].startsWith(label));
  if (!hit) throw new Error(`no bar for ${day} (${label}) in ${component}`);
  return { cls: hit[1], title: hit[2].replace(/&#39;/g, "'") };
}

describe('the status page', () => {
  it('serves accessible, script-free HTML with the banner, 90 bars per component and the incidents', async () => {
    const res = await fetch(`${h.app.url}/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/<section class="banner ind-major" role="status" aria-label="Overall status">\s*<p class="overall">Partial System Outage<\/p>/);
    for (const c of ['api', 'web', 'payments', 'switchboard']) {
      const section = html.slice(html.indexOf(`id="component-${c}"`));
      expect(section.slice(0, section.indexOf('</ol>')).match(/<li class="bar /g)).toHaveLength(90);
    }
    expect(barTitle(html, 'api', '2026-11-02')).toEqual({
      cls: 'b-major_outage',
      title: 'Mon 2 Nov 2026: Major outage\n93.75 % uptime\nMajor outage 1h 30m\n1,440 checks, 92 failed, avg 357 ms',
    });
    expect(barTitle(html, 'api', '2026-11-10')).toEqual({ cls: 'b-partial_outage', title: 'Tue 10 Nov 2026: Partial outage\n95.00 % uptime\nPartial outage 4h 00m\n1,440 checks, 0 failed, avg 40 ms\nIncidents: INC-5' });
    expect(barTitle(html, 'api', '2026-11-15').cls).toBe('b-degraded_performance');
    expect(barTitle(html, 'api', '2026-11-14').title).toMatch(/^Sat 14 Nov 2026: Operational\n100\.00 % uptime\nNo downtime/);
    expect(barTitle(html, 'web', '2026-10-14')).toEqual({ cls: 'b-nodata', title: 'Wed 14 Oct 2026: no data' });
    expect(barTitle(html, 'payments', '2026-11-21')).toMatchObject({ cls: 'b-partial_outage' });
    expect(barTitle(html, 'payments', '2026-11-21').title).toContain('(so far)');
    // 1 h 30 m down plus 30 % of 4 h, over 89 days and 11 hours tracked.
    expect(html).toMatch(/id="component-api"[\s\S]*?<span class="uptime">99\.87 % uptime<\/span>/);
    expect(html).toMatch(/<h2 id="open-title">Open incidents<\/h2>[\s\S]*Card payments delayed[\s\S]*INC-9 · Major impact · Identified · Affects Payments[\s\S]*The card processor is answering slowly/);
    expect(html).toMatch(/Past incidents[\s\S]*10 Nov 2026[\s\S]*Orders API returning errors[\s\S]*Error rates are back to normal\.[\s\S]*A database failover/);
    expect(html).toContain('No incidents reported.');
  });

  it('serves Statuspage-shaped JSON that validates against the summary.json schema', async () => {
    const res = await fetch(`${h.app.url}/api/status.json`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = SummarySchema.parse(await res.json());
    expect(body.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(body.page).toMatchObject({ name: 'Northwind status', time_zone: 'Europe/Berlin', url: `${h.app.url}/status` });
    expect(body.components.filter((c) => !c.group).map((c) => [c.id, c.status])).toEqual([
      ['api', 'operational'],
      ['web', 'operational'],
      ['payments', 'partial_outage'],
      ['switchboard', 'operational'],
    ]);
    expect(body.components.filter((c) => c.group)).toMatchObject([
      { id: 'customer', name: 'Customer-facing', status: 'partial_outage', components: ['api', 'web', 'payments'] },
      { id: 'internal', status: 'operational', components: ['switchboard'] },
    ]);
    expect(body.incidents).toHaveLength(1);
    expect(body.incidents[0]).toMatchObject({ id: 'INC-9', name: 'Card payments delayed', status: 'identified', impact: 'major', shortlink: `${h.app.url}/status#incident-INC-9` });
    expect(body.incidents[0].incident_updates.map((u) => u.status)).toEqual(['identified', 'investigating']);
    expect(body.scheduled_maintenances).toEqual([]);
  });

  it('answers HEAD, and provides the status queries to other skills', async () => {
    expect((await fetch(`${h.app.url}/status`, { method: 'HEAD' })).status).toBe(200);
    const q = h.app.deps.queries.get('status') as StatusQueries;
    expect(q.overall()).toBe('major');
    expect(q.components().find((c) => c.id === 'payments')).toEqual({ id: 'payments', name: 'Payments', group: 'customer', status: 'partial_outage', updatedAt: '2026-11-21T08:15:00.000Z' });
    expect(q.monitors()).toEqual([]);
    expect(await h.say('status')).toMatch(/Northwind status: Partial System Outage[\s\S]*Payments: 🟠 Partial outage[\s\S]*INC-9 Card payments delayed · sev2 · identified/);
    expect(await h.say('status api')).toMatch(/Uptime \(90 days\): 99\.87 %/);
  });
});
