// The prompt on a platform with forms (a recording Slack port next to the console): the Answer
// button opens a form whose "yesterday" is prefilled from what the person did in Switchboard;
// submitting it answers (a form replaces the whole answer); custom questions and people in
// several standups.
import { afterEach, describe, expect, it } from 'vitest';
import type { Button, Form, OutMessage } from '../../../src/core/card.js';
import { EntrySchema } from '../../../src/skills/standup/model.js';
import { FakeClock } from '../../fakes/clock.js';
import { RecordingChatPort } from '../../fakes/chat-port.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { fakeOnCall, page } from './fakes.js';
import { printed, SRE_STANDUP, SRE_TEAM, walkTo, withRituals } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

function answerButton(msg: OutMessage): Button & { form: Form } {
  for (const b of msg.card?.blocks ?? []) {
    if (b.type !== 'actions') continue;
    const found = b.elements.find((e): e is Button & { form: Form } => e.type === 'button' && !!e.form);
    if (found) return found;
  }
  throw new Error('no form button');
}

/** The standup prompts a Slack user got by DM (other skills DM too). */
const prompts = (slack: RecordingChatPort, userId: string) => slack.of('dm').filter((c) => c.userId === userId && c.msg.card?.title?.startsWith('📝'));

/** What was stored for a person's day (the same schema the skill opened the collection with). */
const entryOf = (h: ConsoleHarness, id: string) => h.app.store.collection('standup-entries', { schema: EntrySchema }).then((c) => c.get(id));

describe('standup forms', () => {
  it('prefills "yesterday" from incidents led, pages acknowledged and changes completed; the form answers and edits', async () => {
    h = await startConsoleApp({ config: withRituals(SRE_STANDUP, { extraTeams: SRE_TEAM }), clock: new FakeClock('2026-11-23T07:00:00Z') });
    const slack = new RecordingChatPort('slack');
    h.app.deps.chat.register(slack);
    fakeOnCall(h.app.deps.queries, {
      pages: [page({ id: 'PAGE-7', status: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: '2026-11-23T07:20:00.000Z' }), page({ id: 'PAGE-8', status: 'acknowledged', acknowledgedBy: 'bob', acknowledgedAt: '2026-11-23T07:21:00.000Z' })],
    });
    // Monday morning, before the prompt: Alice leads an incident, declares a private one, runs a change.
    await h.say('incident declare sev2 "Checkout errors" service:api');
    await h.say('incident assign INC-1 commander @alice');
    await h.say('incident declare sev3 "Payroll export leak" private');
    await h.say('change request "Bump the API pool" risk:low start:+5m end:+35m service:api');
    await h.say('as bob change approve CHG-1');
    h.clock.advance('10m');
    await h.say('change start CHG-1');
    await h.say('change complete CHG-1');

    const printedOut = await walkTo(h, '2026-11-23T08:30:00Z');
    const [dm] = prompts(slack, 'U01ALICE01');
    const suggestion = 'Led INC-1 (Checkout errors) · declared INC-2 · acknowledged PAGE-7 · completed CHG-1 (Bump the API pool)';
    const button = answerButton(dm.msg);
    expect(button.label).toBe('Answer');
    expect(button.form.command).toBe('standup yesterday:{yesterday} today:{today} blockers:{blockers}');
    expect(button.form.inputs.map((i) => [i.id, i.label, i.optional ?? false])).toEqual([
      ['yesterday', 'What did you do yesterday?', false],
      ['today', 'What will you do today?', false],
      ['blockers', 'Anything blocking you?', true],
    ]);
    expect(button.form.inputs[0].initial).toBe(suggestion);
    expect(button.form.inputs[1].initial).toBeUndefined();
    // Platforms without forms show the command with the suggestion filled in.
    expect(printed(printedOut, 'DM to @alice').find((m) => m.startsWith('📝'))).toContain(`No form here? Type standup yesterday:"${suggestion}" today:"…" blockers:none`);
    // Bob did nothing but acknowledge a page; the private incident's title never appears.
    expect(JSON.stringify(prompts(slack, 'U01BOB0001'))).not.toContain('Payroll');

    const actor = h.app.deps.people.actor('slack', 'U01ALICE01');
    const from = { actor, channel: { platform: 'slack' as const, id: 'D01ALICE' }, canOpenForm: true };
    const reply = await h.app.router.submitForm(from, button.form.command, { yesterday: suggestion, today: 'Postgres 16 prep', blockers: '' });
    expect(reply.text).toContain('✅ Saved your standup for Mon 23 Nov.');
    expect(await entryOf(h, 'sre-daily:2026-11-23:alice')).toMatchObject({ status: 'answered', via: 'slack', answers: { yesterday: suggestion, today: 'Postgres 16 prep' } });
    // The prompt DM on Slack now shows the answer, with an Edit form prefilled with it.
    const update = slack.of('update').find((u) => u.msg.card?.title?.startsWith('✅ Standup answered'));
    if (!update) throw new Error('the prompt DM was not updated');
    expect(update.ref.channelId).toBe('dm-U01ALICE01');
    const edit = answerButton(update.msg);
    expect(edit.label).toBe('Edit');
    expect(edit.form.inputs.map((i) => i.initial)).toEqual([suggestion, 'Postgres 16 prep', undefined]);

    // A second form replaces the whole answer (a cleared field is cleared).
    await h.app.router.submitForm(from, edit.form.command, { yesterday: '', today: 'Postgres 16 upgrade', blockers: 'waiting for a maintenance window' });
    expect((await entryOf(h, 'sre-daily:2026-11-23:alice'))?.answers).toEqual({ today: 'Postgres 16 upgrade', blockers: 'waiting for a maintenance window' });
    // `standup` alone opens the form, prefilled with the current answers.
    const opened = await h.app.router.dispatch({ ...from, text: 'standup' });
    expect(opened.form?.inputs.map((i) => i.initial)).toEqual([undefined, 'Postgres 16 upgrade', 'waiting for a maintenance window']);
  });

  it('custom questions are options of their own; people in two standups name the one they answer', async () => {
    const rituals = `${SRE_STANDUP}  - id: platform-weekly
    team: platform
    days: [mon]
    prompt: "10:00"
    summary: "16:00"
    questions:
      - { id: shipped, text: "What did you ship this week?" }
      - { id: mood, text: "How is the team doing, honestly, in a few words?" }
      - { id: blockers, text: "Blockers?" }
`;
    h = await startConsoleApp({ config: withRituals(rituals, { extraTeams: SRE_TEAM }), clock: new FakeClock('2026-11-23T07:00:00Z') });
    const slack = new RecordingChatPort('slack');
    h.app.deps.chat.register(slack);
    expect(await h.say('standup today:"x"')).toContain('You are in 2 standups (sre-daily, platform-weekly): say which with team:<id>.');
    expect(await h.say('standup team:platform today:"x"')).toContain('The platform-weekly standup does not ask "today"; its questions are shipped:, mood:, blockers:.');
    expect(await h.say('standup team:platform shipped:"the new status page" mood:"tired but fine"')).toContain('Saved your standup for Mon 23 Nov');
    expect(await h.say('as carol standup mood:"great"')).toContain('Saved your standup for Mon 23 Nov');

    // 09:30 Berlin: Alice is in two standups, so her prompt's command names this one.
    await walkTo(h, '2026-11-23T08:30:00Z');
    expect(prompts(slack, 'U01ALICE01').map((c) => answerButton(c.msg).form.command)).toEqual(['standup team:sre-daily yesterday:{yesterday} today:{today} blockers:{blockers}']);
    // 10:00 Berlin: the weekly one asks Frank its own questions; Alice answered it already, so it does not ask her.
    await walkTo(h, '2026-11-23T09:00:00Z');
    const frank = prompts(slack, 'U01FRANK01');
    expect(frank).toHaveLength(1);
    const form = answerButton(frank[0].msg).form;
    expect(form.command).toBe('standup shipped:{shipped} mood:{mood} blockers:{blockers}');
    expect(form.inputs.map((i) => i.label)).toEqual(['What did you ship this week?', 'How is the team doing, honestly, in a few wo…', 'Blockers?']);
    expect(prompts(slack, 'U01ALICE01')).toHaveLength(1);

    const summary = await walkTo(h, '2026-11-23T15:00:00Z');
    const weekly = printed(summary, '#platform')[0];
    expect(weekly).toContain('🗓️ Platform Engineering standup · Mon 23 Nov');
    expect(weekly).toContain('Alice Martin\nWhat did you ship this week?\nthe new status page\nHow is the team doing, honestly, in a few words?\ntired but fine');
    expect(weekly).toContain('Carol Nguyen\nHow is the team doing, honestly, in a few words?\ngreat');
    expect(weekly).toContain('🔕 No answer: Bob Okafor, Frank Schulz');
  });
});
