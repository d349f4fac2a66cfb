// The outbound integrations against local fakes: exact PagerDuty / Opsgenie / webhook
// payloads, the webhook signature, retries on 500 and 429 (Retry-After), none on 400, and no
// secret in any log line.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundAlert, OutboundAttempt } from '../../../src/core/ports.js';
import { createLogger, SecretScrubber } from '../../../src/infra/logger.js';
import { AxiosOutboundNotifier } from '../../../src/infra/outbound/index.js';
import { FakeClock } from '../../fakes/clock.js';
import { FakePagingServer } from '../../fakes/paging-server.js';
import { Capture } from '../../helpers/console-app.js';

const servers: FakePagingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
const fake = async () => {
  const s = await new FakePagingServer().start();
  servers.push(s);
  return s;
};

const PD_KEY = 'R0UT1NGKEY-abcdef0123456789';
const OG_KEY = 'og-key-11111111-2222';
const SECRET = 'whsec-very-secret-value';
const clock = new FakeClock('2026-11-21T09:00:00Z');

function notifier(urls: { pd?: string; og?: string; hook?: string }, logs = new Capture()) {
  const scrubber = new SecretScrubber();
  scrubber.add([PD_KEY, OG_KEY, SECRET]);
  const log = createLogger({ level: 'debug', destination: logs, scrubber });
  return new AxiosOutboundNotifier(
    {
      pagerduty: urls.pd ? [{ id: 'pd', routing_key: PD_KEY, url: `${urls.pd}/v2/enqueue` }] : [],
      opsgenie: urls.og ? [{ id: 'og', api_key: OG_KEY, url: urls.og }] : [],
      webhooks: urls.hook ? [{ id: 'hook', url: `${urls.hook}/hooks/switchboard`, secret: SECRET }] : [],
    },
    { clock, log, retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 4, timeoutMs: 2000 } },
  );
}

const alert = (action: OutboundAlert['action'], extra: Partial<OutboundAlert> = {}): OutboundAlert => ({
  id: 'PAGE-7',
  action,
  summary: 'Checkout returns 502',
  severity: 1,
  source: 'api',
  details: { incident: 'INC-3', target: 'service:api' },
  ...extra,
});

describe('PagerDuty Events API v2', () => {
  it('sends trigger, acknowledge and resolve with dedup_key = page id', async () => {
    const pd = await fake();
    const n = notifier({ pd: pd.url });
    for (const a of ['trigger', 'acknowledge', 'resolve'] as const) expect((await n.send('pd', alert(a))).ok).toBe(true);
    expect(pd.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('POST /v2/enqueue'));
    expect(pd.requests[0].headers['content-type']).toBe('application/json');
    expect(pd.json(0)).toEqual({
      routing_key: PD_KEY,
      event_action: 'trigger',
      dedup_key: 'PAGE-7',
      payload: { summary: 'Checkout returns 502', severity: 'critical', source: 'api', timestamp: '2026-11-21T09:00:00.000Z', custom_details: { page: 'PAGE-7', incident: 'INC-3', target: 'service:api' } },
      client: 'Switchboard',
    });
    expect(pd.json(1)).toEqual({ routing_key: PD_KEY, event_action: 'acknowledge', dedup_key: 'PAGE-7' });
    expect(pd.json(2)).toEqual({ routing_key: PD_KEY, event_action: 'resolve', dedup_key: 'PAGE-7' });
  });

  it('maps severities and keeps the summary within 1024 characters', async () => {
    const pd = await fake();
    const n = notifier({ pd: pd.url });
    for (const severity of [1, 2, 3, 4] as const) await n.send('pd', alert('trigger', { severity, summary: 'x'.repeat(2000) }));
    const bodies = pd.requests.map((_, i) => pd.json(i) as { payload: { severity: string; summary: string } });
    expect(bodies.map((b) => b.payload.severity)).toEqual(['critical', 'error', 'warning', 'info']);
    expect(bodies[0].payload.summary).toHaveLength(1024);
  });
});

describe('Opsgenie alerts', () => {
  it('creates with alias = page id and priority, then acknowledges and closes by alias', async () => {
    const og = await fake();
    const n = notifier({ og: og.url });
    for (const a of ['trigger', 'acknowledge', 'resolve'] as const) await n.send('og', alert(a, { severity: 2, details: { by: '@bob' } }));
    expect(og.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v2/alerts',
      'POST /v2/alerts/PAGE-7/acknowledge?identifierType=alias',
      'POST /v2/alerts/PAGE-7/close?identifierType=alias',
    ]);
    expect(og.requests.every((r) => r.headers.authorization === `GenieKey ${OG_KEY}`)).toBe(true);
    expect(og.json(0)).toEqual({
      message: 'Checkout returns 502',
      alias: 'PAGE-7',
      description: 'Checkout returns 502',
      priority: 'P2',
      source: 'api',
      tags: ['switchboard'],
      details: { page: 'PAGE-7', by: '@bob' },
    });
    expect(og.json(1)).toEqual({ source: 'Switchboard', user: 'Switchboard', note: 'Acknowledged in Switchboard by @bob' });
    expect(og.json(2)).toEqual({ source: 'Switchboard', user: 'Switchboard', note: 'Resolved in Switchboard by @bob' });
  });
});

describe('signed webhook', () => {
  it('posts the page event as JSON with X-Switchboard-Signature: sha256=<hmac of the raw body>', async () => {
    const hook = await fake();
    await notifier({ hook: hook.url }).send('hook', alert('trigger'));
    const r = hook.requests[0];
    expect(r.path).toBe('/hooks/switchboard');
    expect(r.headers['x-switchboard-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`);
    expect(r.headers['x-switchboard-event']).toBe('page.triggered');
    expect(JSON.parse(r.body)).toMatchObject({ event: 'page.triggered', delivery: r.headers['x-switchboard-delivery'], sent_at: '2026-11-21T09:00:00.000Z', page: { id: 'PAGE-7', severity: 1, summary: 'Checkout returns 502' } });
    expect(createHmac('sha256', 'wrong').update(r.body).digest('hex')).not.toBe(String(r.headers['x-switchboard-signature']).slice(7));
  });
});

describe('retries', () => {
  it('retries on 500 with backoff, sending the same signed bytes, and reports each attempt', async () => {
    const hook = await fake();
    hook.respond({ status: 500 }, { status: 503 });
    const attempts: OutboundAttempt[] = [];
    const res = await notifier({ hook: hook.url }).send('hook', alert('trigger'), (a) => void attempts.push(a));
    expect(res).toEqual({ integration: 'hook', ok: true, attempts: 3 });
    expect(attempts.map((a) => [a.attempt, a.status, a.ok, a.error])).toEqual([
      [1, 500, false, 'HTTP 500'],
      [2, 503, false, 'HTTP 503'],
      [3, 202, true, undefined],
    ]);
    expect(attempts[0].retryInMs).toBeGreaterThanOrEqual(10);
    expect(attempts[1].retryInMs).toBeGreaterThanOrEqual(20);
    expect(new Set(hook.requests.map((r) => r.body)).size).toBe(1);
    expect(new Set(hook.requests.map((r) => r.headers['x-switchboard-signature'])).size).toBe(1);
    expect(hook.requests[1].at - hook.requests[0].at).toBeGreaterThanOrEqual(9);
  });

  it('honours Retry-After on 429', async () => {
    const pd = await fake();
    pd.respond({ status: 429, headers: { 'retry-after': '1' } });
    const attempts: OutboundAttempt[] = [];
    const res = await notifier({ pd: pd.url }).send('pd', alert('trigger'), (a) => void attempts.push(a));
    expect(res.ok).toBe(true);
    expect(attempts[0]).toMatchObject({ status: 429, retryInMs: 1000 });
    expect(pd.requests[1].at - pd.requests[0].at).toBeGreaterThanOrEqual(990);
  });

  it('does not retry another 4xx', async () => {
    const pd = await fake();
    pd.respond({ status: 400, body: '{"status":"invalid event"}' });
    const attempts: OutboundAttempt[] = [];
    const res = await notifier({ pd: pd.url }).send('pd', alert('trigger'), (a) => void attempts.push(a));
    expect(res).toEqual({ integration: 'pd', ok: false, attempts: 1 });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: 400, error: 'HTTP 400', ok: false });
    expect(attempts[0].retryInMs).toBeUndefined();
    expect(pd.requests).toHaveLength(1);
  });

  it('retries network errors up to the attempt limit, then gives up; no secret reaches the log', async () => {
    const gone = await fake();
    const url = gone.url;
    await gone.stop();
    servers.splice(servers.indexOf(gone), 1);
    const logs = new Capture();
    const attempts: OutboundAttempt[] = [];
    const n = notifier({ pd: url, og: url, hook: url }, logs);
    for (const id of ['pd', 'og', 'hook']) {
      const res = await n.send(id, alert('trigger'), (a) => void attempts.push(a));
      expect(res).toEqual({ integration: id, ok: false, attempts: 4 });
    }
    expect(attempts.filter((a) => a.integration === 'pd').map((a) => a.error)).toEqual(Array(4).fill('ECONNREFUSED'));
    expect(attempts.filter((a) => a.retryInMs === undefined)).toHaveLength(3);
    const text = logs.text();
    expect(text).toContain('outbound delivery failed');
    for (const secret of [PD_KEY, OG_KEY, SECRET]) expect(text).not.toContain(secret);
    expect(JSON.stringify(attempts)).not.toMatch(/R0UT1NG|og-key|whsec/);
  });

  it('an integration whose key is empty is off', async () => {
    const n = new AxiosOutboundNotifier(
      { pagerduty: [{ id: 'pd', routing_key: '', url: 'http://127.0.0.1:9/v2/enqueue' }], opsgenie: [{ id: 'og', api_key: 'k3y-123456', url: 'http://127.0.0.1:9' }], webhooks: [] },
      { clock, log: createLogger({ destination: new Capture() }) },
    );
    expect(n.available()).toEqual(['og']);
    expect(await n.send('pd', alert('trigger'))).toEqual({ integration: 'pd', ok: false, attempts: 0 });
  });
});
