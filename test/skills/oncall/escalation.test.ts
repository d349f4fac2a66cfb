// The escalation engine with a fake clock: level 1 → level 2 → the policy again → stop;
// acknowledge and resolve stop it; manual escalation; acknowledging on one platform updates
// the cards on every platform; a restart in the middle neither loses nor doubles a step.
import { describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../../helpers/console-app.js';
import { consoleApps, dmsTo, ONCALL_CONFIG, oncallSkill, RecordingPort } from './fixtures.js';

const apps = consoleApps();

const start = async () => apps.start({ config: ONCALL_CONFIG() });
const page = (x: ConsoleHarness, id = 'PAGE-1') => oncallSkill(x).parts().engine.pages.get(id)!;

describe('escalation', () => {
  it('pages level 1, escalates to level 2 after its delay, repeats the policy once, then stops', async () => {
    const x = await start();
    const opened = await x.say('page api "Checkout returns 502" sev:1');
    expect(opened).toMatch(/PAGE-1 opened \(sev1\): notified @bob \(Default, level 1 of 2, round 1 of 2\)\. Escalates in 5m/);
    expect(dmsTo(opened, 'bob')).toBe(1);
    expect(opened).toContain('[Acknowledge] → page ack PAGE-1');

    expect(dmsTo(await x.advance('4m'), 'alice')).toBe(0);
    const l2 = await x.advance('1m');
    expect([dmsTo(l2, 'alice'), dmsTo(l2, 'bob')]).toEqual([1, 0]);
    expect(l2).toContain('you are paged by Default (level 2 of 2, round 1 of 2, via person alice)');

    const again = await x.advance('10m');
    expect([dmsTo(again, 'alice'), dmsTo(again, 'bob')]).toEqual([0, 1]);
    expect(dmsTo(await x.advance('5m'), 'alice')).toBe(1);
    const end = await x.advance('10m');
    expect(dmsTo(end, 'alice') + dmsTo(end, 'bob')).toBe(0);
    expect(dmsTo(await x.advance('2h'), 'alice')).toBe(0);

    const p = page(x);
    expect(p.exhausted).toBe(true);
    expect(p.nextStepAt).toBeUndefined();
    expect(p.notifications.map((n) => `${n.step}:${n.personId}:${n.status}:${n.dueAt.slice(11, 16)}`)).toEqual(['0:bob:sent:09:00', '1:alice:sent:09:05', '2:bob:sent:09:15', '3:alice:sent:09:20']);
    expect(p.timeline.map((e) => e.kind)).toEqual(['opened', 'notified', 'notified', 'escalated', 'notified', 'escalated', 'notified', 'escalated', 'notified', 'exhausted']);
    expect(p.timeline[3].text).toBe('Not acknowledged after 5m: escalated to level 2 of 2, round 1 of 2: @alice.');
    expect(p.timeline[5].text).toBe('Not acknowledged after 10m: repeating from level 1 of 2, round 2 of 2: @bob.');
    expect(x.app.scheduler.pending('page:PAGE-1')).toBeUndefined();
    expect(await x.say('page show PAGE-1')).toContain('Nobody acknowledged through level 2 of 2, round 2 of 2; escalation stopped.');
  });

  it('acknowledging stops the escalation and updates the cards', async () => {
    const x = await start();
    await x.say('page api "Disk full"');
    const ack = await x.say('as bob page ack PAGE-1');
    expect(ack).toContain('PAGE-1 acknowledged; escalation stopped.');
    expect(ack).toMatch(/── @bob · m\d+ \(updated\) ──\n👀 PAGE-1 \(sev2, acknowledged\)/);
    expect(ack).toMatch(/── #console · m\d+ \(updated\) ──/);
    expect(ack).not.toContain('[Acknowledge]');
    expect(x.app.scheduler.pending('page:PAGE-1')).toBeUndefined();
    const later = await x.advance('1h');
    expect(dmsTo(later, 'alice') + dmsTo(later, 'bob')).toBe(0);
    expect(page(x)).toMatchObject({ status: 'acknowledged', acknowledgedBy: { personId: 'bob' } });
    expect(await x.say('page ack PAGE-1')).toMatch(/PAGE-1 was already acknowledged by @bob/);
  });

  it('resolving stops the escalation', async () => {
    const x = await start();
    await x.say('page api "Disk full"');
    await x.advance('5m');
    expect(await x.say('as carol page resolve PAGE-1 false alarm')).toContain('PAGE-1 resolved.');
    const later = await x.advance('2h');
    expect(dmsTo(later, 'alice') + dmsTo(later, 'bob')).toBe(0);
    const p = page(x);
    expect(p.status).toBe('resolved');
    expect(p.timeline.at(-1)?.text).toBe('Resolved by @carol (false alarm).');
    expect(await x.say('page escalate PAGE-1')).toContain('PAGE-1 is resolved; only a triggered page escalates.');
    expect(await x.say('page list')).toContain('No open pages');
    expect(await x.say('page list all')).toMatch(/1 page\n✅ PAGE-1 · sev2 · resolved/);
  });

  it('page escalate moves to the next level now and re-arms the timer from there', async () => {
    const x = await start();
    await x.say('page api "Latency"');
    await x.advance('2m');
    const esc = await x.say('as bob page escalate PAGE-1');
    expect(esc).toContain('PAGE-1 escalated to level 2 of 2, round 1 of 2: notified @alice.');
    expect(dmsTo(esc, 'alice')).toBe(1);
    expect(dmsTo(await x.advance('3m'), 'alice')).toBe(0); // the old level-1 timer no longer fires
    expect(dmsTo(await x.advance('7m'), 'bob')).toBe(1); // 10m after the manual step: round 2
    expect(page(x).timeline.find((e) => e.kind === 'escalated')?.text).toBe('Escalated by @bob to level 2 of 2, round 1 of 2: @alice.');
  });

  it('DMs every platform the person has; acknowledging on Slack updates the console and Slack cards', async () => {
    const x = await start();
    const slack = new RecordingPort('slack');
    x.app.deps.chat.register(slack);
    await x.say('page api "Queue backlog"');
    expect(slack.dms.map((d) => d.user)).toEqual(['U0BOB0001']);
    expect(slack.dms[0].text).toContain('PAGE-1');
    const bobOnSlack = x.app.deps.people.actor('slack', 'U0BOB0001');
    x.out.take();
    const reply = await x.app.router.dispatch({ actor: bobOnSlack, channel: { platform: 'slack', id: 'D-U0BOB0001' }, text: 'page ack PAGE-1', source: 'button', message: slack.dms[0].ref });
    expect(reply.text).toContain('PAGE-1 acknowledged');
    expect(slack.updates.map((u) => u.ref.messageId)).toContain(slack.dms[0].ref.messageId);
    expect(slack.updates.every((u) => u.text.includes('acknowledged'))).toBe(true);
    expect(x.out.take()).toMatch(/── @bob · m\d+ \(updated\) ──\n👀 PAGE-1/);
    expect(page(x).timeline.find((e) => e.kind === 'acknowledged')?.text).toBe('Acknowledged by @bob on slack; escalation stopped.');
    expect(dmsTo(await x.advance('1h'), 'alice')).toBe(0);
    expect(slack.dms).toHaveLength(1);
  });

  it('a restart with steps pending: a step that came due while down fires once on start', async () => {
    let x = await start();
    await x.say('page api "one"');
    await x.say('page api "two"');
    x.clock.advance('7m'); // down across the 5m step of both pages
    const out: string[] = [];
    x = await apps.restart(x);
    out.push(x.out.take());
    await x.app.scheduler.tick();
    out.push(x.out.take());
    expect(dmsTo(out.join(''), 'alice')).toBe(2);
    x = await apps.restart(x);
    await x.app.scheduler.tick();
    expect(dmsTo(x.out.take(), 'alice')).toBe(0);
    for (const id of ['PAGE-1', 'PAGE-2']) expect(page(x, id).notifications.map((n) => n.personId)).toEqual(['bob', 'alice']);
    expect(dmsTo(await x.advance('9m'), 'bob')).toBe(0);
    expect(dmsTo(await x.advance('1m'), 'bob')).toBe(2); // round 2, 10m after the late step
  });

  it('answers bad input clearly and changes nothing', async () => {
    const x = await start();
    expect(await x.say('page nowhere "help"')).toMatch(/"nowhere" is not a schedule, service or person[\s\S]*Usage: page <schedule\|service\|person>/);
    expect(await x.say('page docs down')).toContain('Service docs has no escalation policy');
    expect(await x.say('page api down sev:7')).toMatch(/sev:: "7" is not valid here/);
    expect(await x.say('page ack PAGE-42')).toContain('There is no page PAGE-42.');
    expect(await x.say('page ack 42')).toMatch(/<id>: "42" is not valid here/);
    expect(oncallSkill(x).parts().engine.pages.size).toBe(0);
  });

  it('pages a schedule or a person directly, renotifying every 15 minutes twice', async () => {
    const x = await start();
    expect(dmsTo(await x.say('page primary "db-2 disk"'), 'bob')).toBe(1);
    expect(dmsTo(await x.say('page @carol "look at the deploy" sev:sev3'), 'carol')).toBe(1);
    expect(page(x, 'PAGE-2')).toMatchObject({ severity: 3, target: 'person:carol' });
    const later = await x.advance('15m');
    expect([dmsTo(later, 'bob'), dmsTo(later, 'carol')]).toEqual([1, 1]);
    await x.advance('15m');
    const none = await x.advance('1h');
    expect(dmsTo(none, 'bob') + dmsTo(none, 'carol')).toBe(0);
    expect(page(x, 'PAGE-1').notifications).toHaveLength(3);
  });
});
