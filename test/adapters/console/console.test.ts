import { rename } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

describe('console adapter', () => {
  it('answers as the first admin by default and as anyone with "as"', async () => {
    h = await startConsoleApp();
    expect(await h.say('whoami')).toContain('Alice Martin (@alice)');
    const bob = await h.say('as bob whoami');
    expect(bob).toContain('Bob Okafor (@bob)');
    expect(bob).toContain('Europe/London');
    expect(await h.say('as @nobody whoami')).toMatch(/No person "nobody" in the config/);
  });

  it('accepts a leading slash and the ops prefix, and answers bad input clearly', async () => {
    h = await startConsoleApp();
    expect(await h.say('/whoami')).toContain('@alice');
    expect(await h.say('ops whoami')).toContain('@alice');
    expect(await h.say('whoami "unclosed')).toMatch(/never closed/);
    expect(await h.say('whoami extra')).toMatch(/Unexpected "extra"[\s\S]*Usage: whoami/);
  });

  it('records the audit trail and dedupes deliveries durably', async () => {
    h = await startConsoleApp();
    expect(await h.app.dedupe.claim('slack:Ev1')).toBe(true);
    expect(await h.app.dedupe.claim('slack:Ev1')).toBe(false);
    const again = await h.restart();
    h = again;
    expect(await again.app.dedupe.claim('slack:Ev1')).toBe(false);
    const actor = again.app.deps.people.actor('console', 'bob');
    await again.app.deps.audit.record(actor, 'change.approve', 'CHG-1', { comment: 'ok' });
    expect(again.app.deps.audit.entries('CHG-1')).toMatchObject([{ actor: { personId: 'bob', platform: 'console' }, action: 'change.approve' }]);
  });

  it('serves /healthz, /metrics and a JSON 404 on 127.0.0.1', async () => {
    h = await startConsoleApp();
    expect(h.app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ok = await fetch(`${h.app.url}/healthz`);
    expect(ok.status).toBe(200);
    const missing = await fetch(`${h.app.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });
    expect(await (await fetch(`${h.app.url}/metrics`)).text()).toContain('switchboard_adapter_up{adapter="console"} 1');
  });

  it('/healthz is 503 when the store cannot write', async () => {
    h = await startConsoleApp();
    // Moving the directory away fails the write probe even for root (permissions would not).
    await rename(h.dataDir, `${h.dataDir}-away`);
    try {
      const res = await fetch(`${h.app.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unhealthy', store: 'unwritable' });
    } finally {
      await rename(`${h.dataDir}-away`, h.dataDir);
    }
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
  });
});
