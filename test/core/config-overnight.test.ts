// Config of heartbeats, response SLAs and vendors: every problem is one line with its path,
// tokens are never echoed, and the commented examples in the shipped file are valid.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/core/config/index.js';
import { configProblems as problems } from '../helpers/config.js';

const TOKEN = 'f3'.repeat(20);
const base = `people:\n  - { id: alice, name: Alice }\nteams: [{ id: ops, name: Ops }]\nescalation_policies: [{ id: p, levels: [{ targets: [person:alice] }] }]\nservices:\n  - { id: db, name: Database, team: ops, escalation_policy: p, status_component: db }\n  - { id: etl, name: ETL, team: ops }\n`;
/** The same without a status section, so the service moves no component. */
const plain = base.replace(', status_component: db', '');
const status = (heartbeats: string) => `${base}status:\n  components: [{ id: db, name: Database }]\n  heartbeats:\n${heartbeats}`;
const hb = (extra = '', token = `"${TOKEN}"`) => `    - id: backup\n      token: ${token}\n      schedule: "0 3 * * *"\n${extra}`;

describe('heartbeats config', () => {
  it('a valid heartbeat: defaults, and the service behind its component', () => {
    const c = parseConfigText(status(hb('      component: db\n      page: true\n')), {});
    expect(c.status?.heartbeats[0]).toEqual({ id: 'backup', token: TOKEN, schedule: '0 3 * * *', grace: 1_800_000, component: 'db', failure_status: 'degraded_performance', page: true });
  });

  it('an invalid cron expression is an error with its path', () => {
    expect(problems(status(hb().replace('"0 3 * * *"', '"61 3 * * *"')))).toEqual(['status.heartbeats[0].schedule: invalid cron expression "61 3 * * *": Constraint error, got value 61 expected range 0-59']);
    expect(problems(status(hb().replace('"0 3 * * *"', '"daily"')))).toEqual(['status.heartbeats[0].schedule: expected 5 cron fields (minute hour day month weekday), got 1 in "daily"']);
  });

  it('a token must come from the environment, be long and URL-safe, and is never echoed', () => {
    expect(problems(status(hb('', '"${BACKUP_HEARTBEAT_TOKEN}"')))).toEqual(['status.heartbeats[0].token: environment variable BACKUP_HEARTBEAT_TOKEN is not set']);
    expect(parseConfigText(status(hb('', '"${BACKUP_HEARTBEAT_TOKEN}"')), { BACKUP_HEARTBEAT_TOKEN: TOKEN }).status?.heartbeats[0].token).toBe(TOKEN);
    const short = problems(status(hb('', '"hunter2-secret"')));
    expect(short).toEqual(['status.heartbeats[0].token: expected a long random secret of at least 32 characters (e.g. `openssl rand -hex 32`), got 14 characters']);
    const odd = problems(status(hb('', `"${TOKEN.slice(0, 30)}/+=!${TOKEN.slice(0, 4)}"`)));
    expect(odd).toEqual(['status.heartbeats[0].token: expected only letters, digits, - and _ (it goes into the URL path; e.g. `openssl rand -hex 32`)']);
    expect(problems(status(hb('', '12345')))[0]).toMatch(/^status\.heartbeats\[0\]\.token: expected the token as a string/);
    const twin = problems(status(`${hb()}${hb().replace('id: backup', 'id: etl-run')}`));
    expect(twin).toEqual(['status.heartbeats[1].token: the same token as status.heartbeats[0] (backup); give each job its own secret']);
    for (const p of [...short, ...odd, ...twin]) expect(p).not.toContain(TOKEN.slice(0, 12));
  });

  it('checks its component, service and who it pages', () => {
    expect(problems(status(hb('      component: dbx\n      service: nope\n')))).toEqual(['status.heartbeats[0].component: unknown status component "dbx"', 'status.heartbeats[0].service: unknown service "nope"']);
    expect(problems(status(hb('      page: true\n')))).toEqual(['status.heartbeats[0].page: page: true needs a service to page: add service: <id> (or link a component that a service moves)']);
    expect(problems(status(hb('      service: etl\n      page: true\n')))).toEqual(['status.heartbeats[0].page: page: true, but service "etl" has no escalation_policy to page']);
    expect(problems(status(`${hb()}${hb().replace('id: backup', 'id: backup').replace(TOKEN, 'a'.repeat(40))}`))).toEqual(['status.heartbeats[1].id: duplicate id "backup"']);
  });

  it('refuses a grace under a minute, a failure status that is no failure, and unknown keys', () => {
    expect(problems(status(hb('      grace: 30s\n      failure_status: operational\n      every: 1d\n')))).toEqual([
      'status.heartbeats[0].grace: expected a grace of at least 1m',
      'status.heartbeats[0].failure_status: expected one of degraded_performance, partial_outage, major_outage, got "operational"',
      'status.heartbeats[0].every: unknown key (check its spelling)',
    ]);
  });
});

describe('response SLA config', () => {
  it('per severity: ack and/or resolve, resolve not shorter than ack', () => {
    const c = parseConfigText(`${plain}incidents:\n  sla:\n    sev1: { ack: 5m, resolve: 4h }\n    sev3: { resolve: 3d }\n`, {});
    expect(c.incidents.sla).toEqual({ sev1: { ack: 300_000, resolve: 14_400_000 }, sev3: { resolve: 259_200_000 } });
    expect(problems(`${plain}incidents:\n  sla:\n    sev1: { ack: 1h, resolve: 30m }\n    sev2: {}\n    sev5: { ack: 5m }\n    sev3: { ack: soon }\n`)).toEqual([
      'incidents.sla.sev1.resolve: resolve (30m) is shorter than ack (1h 00m): an incident is acknowledged before it is resolved',
      'incidents.sla.sev2: expected ack and/or resolve, e.g. { ack: 5m, resolve: 4h }',
      'incidents.sla.sev3.ack: expected a duration like 30m, 4h, 2d or 1w, got "soon"',
      'incidents.sla.sev5: unknown key (check its spelling)',
    ]);
  });
});

describe('vendors config', () => {
  const vendor = (extra: string) => `${plain}vendors:\n  - id: acme\n    name: Acme\n${extra}`;

  it('a vendor linked to an unknown service is an error with its path', () => {
    expect(problems(vendor('    phone: "+1 800 555 0100"\n    services: [db, dbx]\n'))).toEqual(['vendors[0].services[1]: unknown service "dbx"']);
  });

  it('needs a way to reach support; a phone in quotes; a URL; unique ids', () => {
    expect(problems(vendor('    services: [db]\n'))).toEqual(['vendors[0]: expected at least one way to reach support: support_url, phone or email']);
    expect(problems(vendor('    phone: 18005550100\n'))).toEqual(['vendors[0].phone: expected the phone number in quotes ("+1 800 555 0100"), got 18005550100']);
    expect(problems(vendor('    phone: "call us"\n    support_url: support.acme.example\n'))).toEqual([
      'vendors[0].support_url: expected an http(s) URL, got "support.acme.example"',
      'vendors[0].phone: expected a phone number like "+1 800 555 0100", got "call us"',
    ]);
    expect(problems(`${vendor('    email: help@acme.example\n')}  - { id: acme, name: Acme again, email: x@acme.example }\n`)).toEqual(['vendors[1].id: duplicate id "acme"']);
  });

  it('their SLA in words or as response / resolve times', () => {
    const c = parseConfigText(`${vendor('    email: help@acme.example\n    sla: "P1 in 30 min"\n')}  - { id: b, name: B, email: b@b.example, sla: { response: 30m, notes: by phone } }\n`, {});
    expect(c.vendors.map((v) => v.sla)).toEqual([
      { notes: 'P1 in 30 min', response: undefined, resolve: undefined },
      { response: 1_800_000, notes: 'by phone' },
    ]);
  });
});

describe('the shipped config', () => {
  it('its commented heartbeat and SLA examples are valid once uncommented (with the tokens set)', () => {
    const text = readFileSync('config/switchboard.yaml', 'utf8')
      .replace(/^ {2}heartbeats: \[\]\n((?: {2}# .*\n)+)/m, (_m, body: string) => `  heartbeats:\n${body.replace(/^ {2}# /gm, '  ')}`)
      .replace(/^ {2}sla: \{\}\n((?: {2}# .*\n)+)/m, (_m, body: string) => `  sla:\n${body.replace(/^ {2}# /gm, '  ')}`);
    const c = parseConfigText(text, { BACKUP_HEARTBEAT_TOKEN: TOKEN, CERT_RENEWAL_HEARTBEAT_TOKEN: 'c'.repeat(64) });
    expect(c.status?.heartbeats.map((h) => [h.id, h.schedule, h.grace])).toEqual([
      ['nightly-backup', '0 3 * * *', 1_800_000],
      ['cert-renewal', '0 5 * * 1', 7_200_000],
    ]);
    expect(Object.keys(c.incidents.sla)).toEqual(['sev1', 'sev2', 'sev3']);
    expect(problems(text)).toEqual([
      'status.heartbeats[0].token: environment variable BACKUP_HEARTBEAT_TOKEN is not set',
      'status.heartbeats[1].token: environment variable CERT_RENEWAL_HEARTBEAT_TOKEN is not set',
    ]);
  });
});
