// Pages through the real app to local fake PagerDuty / Opsgenie / webhook servers: each
// lifecycle step reaches every integration of the policy, each attempt is in the page's
// timeline, retries and refusals show there, and pending deliveries resume after a restart.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePagingServer } from '../../fakes/paging-server.js';
import { consoleApps, ONCALL_CONFIG, oncallSkill } from './fixtures.js';

const apps = consoleApps();
const servers: FakePagingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function start() {
  const [pd, og, hook] = await Promise.all([0, 1, 2].map(() => new FakePagingServer().start()));
  servers.push(pd, og, hook);
  const config = ONCALL_CONFIG(`
integrations:
  pagerduty: [{ id: pd, routing_key: pd-routing-key-123, url: "${pd.url}/v2/enqueue" }]
  opsgenie: [{ id: og, api_key: og-api-key-456, url: "${og.url}" }]
  webhooks: [{ id: hook, url: "${hook.url}/in", secret: hook-secret-789 }]
`).replace("    repeat: 1\n", '    repeat: 1\n    integrations: [pd, og, hook]\n');
  const x = await apps.start({ config });
  const page = () => oncallSkill(x).parts().engine.pages.get('PAGE-1')!;
  return { x, pd, og, hook, page, idle: () => oncallSkill(x).idle() };
}

describe('pages and outbound integrations', () => {
  it('trigger, acknowledge and resolve reach PagerDuty, Opsgenie and the webhook, each attempt in the timeline', async () => {
    const { x, pd, og, hook, page, idle } = await start();
    await x.say('page api "Checkout returns 502" sev:1');
    await idle();
    expect(pd.json(0)).toMatchObject({ routing_key: 'pd-routing-key-123', event_action: 'trigger', dedup_key: 'PAGE-1', payload: { summary: 'Checkout returns 502', severity: 'critical', source: 'api' } });
    expect(og.json(0)).toMatchObject({ alias: 'PAGE-1', message: 'Checkout returns 502', priority: 'P1' });
    expect(hook.requests[0].headers['x-switchboard-signature']).toBe(`sha256=${createHmac('sha256', 'hook-secret-789').update(hook.requests[0].body).digest('hex')}`);
    await x.say('as bob page ack PAGE-1');
    await x.say('as bob page resolve PAGE-1');
    await idle();
    expect(pd.requests.map((_, i) => (pd.json(i) as { event_action: string }).event_action)).toEqual(['trigger', 'acknowledge', 'resolve']);
    expect(og.requests.map((r) => r.path)).toEqual(['/v2/alerts', '/v2/alerts/PAGE-1/acknowledge?identifierType=alias', '/v2/alerts/PAGE-1/close?identifierType=alias']);
    expect(hook.requests.map((r) => r.headers['x-switchboard-event'])).toEqual(['page.triggered', 'page.acknowledged', 'page.resolved']);
    const outbound = page().timeline.filter((e) => e.kind === 'outbound').map((e) => e.text.replace(/\(HTTP 202, \d+ ms\)/, '(HTTP 202)'));
    expect(outbound).toHaveLength(9);
    expect(outbound).toContain('pagerduty pd: trigger attempt 1 delivered (HTTP 202).');
    expect(outbound).toContain('opsgenie og: acknowledge attempt 1 delivered (HTTP 202).');
    expect(outbound).toContain('webhook hook: resolve attempt 1 delivered (HTTP 202).');
    expect(page().deliveries.every((d) => d.status === 'sent')).toBe(true);
    expect(JSON.stringify(page())).not.toMatch(/pd-routing-key|og-api-key|hook-secret/);
  });

  it('a 500 is retried and a 400 is not; both show in the timeline', async () => {
    const { x, pd, og, page, idle } = await start();
    pd.respond({ status: 500 });
    og.respond({ status: 400, body: '{"message":"bad alias"}' });
    await x.say('page api "Disk full"');
    await idle();
    const texts = page().timeline.map((e) => e.text);
    expect(texts).toContainEqual(expect.stringMatching(/^pagerduty pd: trigger attempt 1 failed \(HTTP 500\); retrying in \d\.\d s\.$/));
    expect(texts).toContainEqual(expect.stringMatching(/^pagerduty pd: trigger attempt 2 delivered/));
    expect(texts).toContain('opsgenie og: trigger attempt 1 failed (HTTP 400); giving up.');
    expect(pd.requests).toHaveLength(2);
    expect(og.requests).toHaveLength(1);
    expect(page().deliveries.map((d) => `${d.integration}:${d.status}:${d.attempts}`)).toEqual(['pd:sent:2', 'og:failed:1', 'hook:sent:1']);
  });

  it('deliveries still pending at a stop are sent after the restart', async () => {
    const { x, pd, page } = await start();
    pd.respond({ status: 503 }, { status: 503 }, { status: 503 });
    await x.say('page api "Queue backlog"');
    await vi.waitFor(() => expect(page().timeline.some((e) => e.text.startsWith('pagerduty pd: trigger attempt 1 failed'))).toBe(true), { timeout: 10_000 });
    const back = await apps.restart(x);
    const stored = () => oncallSkill(back).parts().engine.pages.get('PAGE-1')!;
    // Real outbound retries run on real timers.
    await vi.waitFor(() => expect(stored().deliveries.find((d) => d.integration === 'pd')?.status).toBe('sent'), { timeout: 15_000, interval: 20 });
    expect(pd.requests.filter((r) => r.path === '/v2/enqueue').length).toBeGreaterThanOrEqual(2);
    expect(stored().timeline.some((e) => /^pagerduty pd: trigger attempt \d delivered/.test(e.text))).toBe(true);
  });
});
