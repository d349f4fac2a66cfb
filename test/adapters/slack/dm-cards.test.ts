// Cards that reach a person by direct message on Slack, with the real skills: a page (DM via
// conversations.open + chat.postMessage, acknowledged from its own buttons, the DM edited in
// place) and the standup prompt (its Answer button opens the standup modal; the submission is
// the person's answer, in the summary).
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { clickPayload, submitPayload } from '../../fakes/slack/signed-requests.js';
import { startSlackApp, storedRecords, type SlackHarness } from '../../helpers/slack-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const header = (m: { blocks?: any[] }) => m.blocks?.find((b) => b.type === 'header')?.text.text;
const field = (m: { blocks?: any[] }, name: string): string | undefined =>
  m.blocks?.flatMap((b) => b.fields ?? []).find((f: any) => f.text.startsWith(`*${name}*\n`))?.text.slice(name.length + 3);
const buttons = (m: { blocks?: any[] }) => m.blocks?.find((b) => b.type === 'actions')?.elements.map((e: any) => e.text.text) ?? [];

/** Moves the fake clock to `iso` in 15-minute steps, running the scheduler after each (as its loop would). */
async function walkTo(x: SlackHarness, iso: string): Promise<void> {
  while (x.clock.now().getTime() < Date.parse(iso)) {
    x.clock.advance(Math.min(15 * 60_000, Date.parse(iso) - x.clock.now().getTime()));
    await x.app.scheduler.tick();
  }
  await x.settle();
}

describe('Slack direct-message cards', () => {
  it('a page DMs the person with Acknowledge / Resolve / Escalate; Acknowledge on Slack acknowledges it and edits the DM in place', async () => {
    h = await startSlackApp();
    const opened = await (await h.run({ command: '/page', text: '@bob Disk full on db-1 sev:2', channel: 'C01PLATFORM' })).shown();
    expect(opened).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^🚨 PAGE-1 opened \(sev2\): notified @bob/) });
    await h.settle();
    expect(h.fake.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['U01BOB0001']);
    const dms = h.fake.messagesIn('D01BOB0001');
    expect(dms).toHaveLength(1);
    const dm = dms[0];
    expect(header(dm)).toBe('🚨 PAGE-1 · sev2 · Disk full on db-1');
    expect(JSON.stringify(dm.blocks)).toContain('<@U01BOB0001>, you are paged by *person Bob Okafor*');
    expect(buttons(dm)).toEqual(['Acknowledge', 'Resolve', 'Escalate']);
    expect(dm.text).toContain('PAGE-1 (sev2, triggered): Disk full on db-1');

    const res = await h.slack.interaction(clickPayload(dm, 'Acknowledge', { user: 'U01BOB0001', responseUrl: h.fake.responseUrl('ack') }));
    expect(res.status).toBe(200);
    await h.settle();
    expect(h.fake.responses.find((r) => r.id === 'ack')!.body).toMatchObject({ response_type: 'ephemeral', text: '👀 PAGE-1 acknowledged; escalation stopped.' });
    expect(h.fake.messagesIn('D01BOB0001')).toEqual([dm]); // edited, not a second DM
    expect(dm.edits).toBe(1);
    expect(header(dm)).toBe('👀 PAGE-1 · sev2 · Disk full on db-1');
    expect(field(dm, 'Status')).toMatch(/^Acknowledged by @bob · /);
    expect(buttons(dm)).toEqual(['Resolve']);
    const channelCard = h.fake.messagesIn('C01PLATFORM').find((m) => header(m)?.includes('PAGE-1'))!;
    expect(header(channelCard)).toBe('👀 PAGE-1 · sev2 · Disk full on db-1');
    const [page] = await storedRecords(h.dataDir, 'pages');
    expect(page).toMatchObject({ id: 'PAGE-1', status: 'acknowledged', acknowledgedBy: { personId: 'bob', platform: 'slack', userId: 'U01BOB0001' } });
    expect(page.notifications[0].refs).toEqual([{ platform: 'slack', channelId: 'D01BOB0001', messageId: dm.ts }]);

    // Acknowledged: the escalation stopped, so nothing more reaches Bob when the step comes due.
    await walkTo(h, new Date(h.clock.now().getTime() + 30 * 60_000).toISOString());
    expect(h.fake.messagesIn('D01BOB0001')).toHaveLength(1);
  });

  it("the standup prompt's Answer button opens the standup modal; the submission is the answer and shows in the summary", async () => {
    // Monday 23 Nov 2026: the platform team's prompt is at 09:30 in each member's zone (Alice: Berlin, 08:30 UTC).
    h = await startSlackApp({ clock: new FakeClock('2026-11-23T07:00:00Z') });
    await walkTo(h, '2026-11-23T08:30:00Z');
    const prompt = h.fake.messagesIn('D01ALICE01').find((m) => header(m) === '📝 Standup · Mon 23 Nov')!;
    expect(prompt).toBeDefined();
    expect(buttons(prompt)).toEqual(['Answer', 'Away today']);

    await h.slack.interaction(clickPayload(prompt, 'Answer', { user: 'U01ALICE01', triggerId: 'trig.standup' }));
    await h.settle();
    const open = h.fake.callsTo('views.open')[0];
    expect(open.args.trigger_id).toBe('trig.standup');
    const view = open.args.view;
    expect(view).toMatchObject({ type: 'modal', title: { text: 'Daily standup' }, submit: { text: 'Send' } });
    expect(view.blocks.map((b: any) => [b.block_id, b.label.text, b.optional])).toEqual([
      ['yesterday', 'What did you do yesterday?', false],
      ['today', 'What will you do today?', false],
      ['blockers', 'Anything blocking you?', true],
    ]);

    const res = await h.slack.interaction(submitPayload(view, { yesterday: 'Rotated the certs', today: 'Postgres prep', blockers: 'waiting for <!channel> creds' }, { user: 'U01ALICE01' }));
    expect(res.status).toBe(200);
    await h.settle();
    // The prompt DM becomes the answer, in place.
    expect(prompt.edits).toBe(1);
    expect(header(prompt)).toBe('✅ Standup answered · Mon 23 Nov');
    expect(JSON.stringify(prompt.blocks)).toContain('_What will you do today?_\\nPostgres prep');
    expect(buttons(prompt)).toEqual(['Edit', 'Away today']);
    const entry = (await storedRecords(h.dataDir, 'standup-entries')).find((e) => e.personId === 'alice')!;
    expect(entry).toMatchObject({ day: '2026-11-23', status: 'answered', answers: { yesterday: 'Rotated the certs', today: 'Postgres prep', blockers: 'waiting for <!channel> creds' } });

    const summary = await (await h.run({ command: '/standup', text: 'summary', user: 'U01BOB0001' })).shown();
    expect(header(summary)).toBe('🗓️ Platform Engineering standup · Mon 23 Nov');
    const shown = JSON.stringify(summary.blocks);
    expect(shown).toContain('• *Alice Martin*: waiting for &lt;!channel&gt; creds');
    expect(shown).toContain('*Alice Martin*\\n_What did you do yesterday?_\\nRotated the certs\\n_What will you do today?_\\nPostgres prep');
    expect(shown).toContain('🔕 No answer yet: Bob Okafor, Carol Nguyen, Frank Schulz');
  });
});
