// Channel subscriptions and notices: one message per outage per channel, edited in place.
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReader } from '../../../src/skills/status/index.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { statusSection, withStatus } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

/** The channels a piece of output posted to (new messages) and edited (updates). */
const posted = (out: string) => [...out.matchAll(/── (#[\w-]+) · (m\d+) ──/g)].map((m) => `${m[1]} ${m[2]}`);
const edited = (out: string) => [...out.matchAll(/── (#[\w-]+) · (m\d+) \(updated\) ──/g)].map((m) => `${m[1]} ${m[2]}`);

describe('status subscriptions', () => {
  it('tells each channel about the components it chose, one message per outage, edited in place', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    expect(await h.say('in #ops status subscribe api')).toContain('This channel now gets status changes of Public API');
    expect(await h.say('in #web-team status subscribe web')).toContain('of Web shop');
    expect(await h.say('in #all status subscribe')).toContain('of every component');

    const down = await h.say('status set api partial_outage "Elevated errors"');
    expect(posted(down).map((p) => p.split(' ')[0]).sort()).toEqual(['#all', '#ops']);
    const worse = await h.say('status set api major_outage "Everything fails"');
    expect(posted(worse)).toEqual([]);
    expect(edited(worse).sort()).toEqual(posted(down).sort());
    expect(worse).toContain('Set to Partial outage by Alice Martin: Elevated errors');
    expect(worse).toContain('Set to Major outage by Alice Martin: Everything fails');

    const web = await h.say('status set web degraded_performance');
    expect(posted(web).map((p) => p.split(' ')[0]).sort()).toEqual(['#all', '#web-team']);

    const fixed = await h.say('status set api operational');
    expect(edited(fixed).sort()).toEqual(posted(down).sort());
    expect(fixed).toContain('Public API: recovered');

    // A new outage is a new message.
    const again = await h.say('status set api degraded_performance');
    expect(posted(again).map((p) => p.split(' ')[0]).sort()).toEqual(['#all', '#ops']);
  });

  it('merges, narrows and ends subscriptions; refuses what does not fit and changes nothing', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    expect(await h.say('in #ops status subscribe api')).toContain('of Public API.');
    expect(await h.say('in #ops status subscribe web,payments')).toContain('of Public API, Web shop, Payments.');
    expect(await h.say('in #ops status unsubscribe payments')).toContain('now gets status changes of Public API, Web shop.');
    expect(await h.say('in #ops status unsubscribe payments')).toMatch(/not subscribed to Payments/);
    expect(await h.say('in #ops status subscribe nope')).toMatch(/⚠️ Unknown component "nope". Components: api, web, payments, switchboard\.[\s\S]*Usage: status subscribe/);
    expect(await h.say('in #quiet status unsubscribe')).toMatch(/⚠️ This channel is not subscribed to status changes/);
    expect(await h.say('in #quiet status subscribe api nope')).toMatch(/Unknown component "nope"/);
    expect(await h.say('in #quiet status unsubscribe')).toMatch(/not subscribed/); // the failed subscribe stored nothing
    expect(await h.say('in #all status subscribe')).toContain('every component');
    expect(await h.say('in #all status unsubscribe api')).toMatch(/gets every component/);

    const out = await h.say('status set web major_outage');
    expect(posted(out).map((p) => p.split(' ')[0]).sort()).toEqual(['#all', '#ops']);
    expect(await h.say('in #ops status unsubscribe')).toContain('no longer gets status changes');
    const later = await h.say('status set web operational');
    expect(edited(later).map((p) => p.split(' ')[0])).toEqual(['#all']);
  });

  it('posts to the config’s status.subscribers channels too', async () => {
    const config = withStatus(statusSection('[]', '  subscribers:\n    - { console: "#status-feed", slack: C01STATUS }'));
    h = await startConsoleApp({ config });
    const out = await h.say('status set payments partial_outage "Card payments slow"');
    expect(posted(out)).toEqual(['#status-feed m1']);
  });

  it('keeps editing the same message after a restart (message refs are stored)', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    await h.say('in #ops status subscribe');
    const first = await h.say('status set api major_outage');
    expect(posted(first)).toEqual(['#ops m1']);
    h = await h.restart();
    const after = await h.say('status set api operational');
    expect(posted(after)).toEqual([]);
    expect(edited(after)).toEqual(['#ops m1']);
    const notices = (h.app.deps.queries.get('status') as StatusReader).book;
    expect(notices.state('api').status).toBe('operational');
  });
});
