// One approval across platforms, end to end through the real router, skill, store and chat
// hub: requested from Slack, refused for the requester on Discord, approved from Slack and
// from Discord or the console, with the card kept current in place on every platform.
// (The adapter-level version, through the real Slack and Discord adapters, follows their merge.)
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/core/domain-events.js';
import type { Inbound } from '../../../src/core/router.js';
import { messageToText } from '../../../src/core/text.js';
import type { PlatformId } from '../../../src/core/types.js';
import { RecordingChatPort } from '../../fakes/recording-chat-port.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const CHANGES_CHANNEL = { slack: 'C01CHANGES', discord: '320000000000000004' };

async function setup() {
  h = await startConsoleApp();
  const slack = new RecordingChatPort('slack');
  const discord = new RecordingChatPort('discord');
  h.app.deps.chat.register(slack);
  h.app.deps.chat.register(discord);
  const events: Array<[string, ChangeEvent]> = [];
  for (const name of ['change.requested', 'change.approved', 'change.rejected'] as const) h.app.deps.events.on(name, (e) => void events.push([name, e]));
  const app = h.app;
  /** Says a command as a platform account, the way that platform's adapter would. */
  const say = async (platform: PlatformId, userId: string, text: string, extra: Partial<Inbound> = {}) => {
    const r = await app.router.dispatch({ actor: app.deps.people.actor(platform, userId), channel: { platform, id: platform === 'slack' ? 'C01PLATFORM' : '320000000000000001' }, text, ...extra });
    return { ...r, shown: messageToText(r) };
  };
  return { h, app, slack, discord, events, say };
}

describe('change approval across platforms', () => {
  it('requested from Slack, the requester refused on Discord, approved from Slack and the console; cards current everywhere', async () => {
    const { h, app, slack, discord, events, say } = await setup();
    const req = await say('slack', 'U01ALICE01', 'change request "Upgrade Postgres to 16" risk:high start:2026-11-24T14:00 end:2026-11-24T16:00 service:api rollback:"restore the snapshot"');
    expect(req.shown).toMatch(/CHG-1 "Upgrade Postgres to 16" requested .* needs 2 approval\(s\) from Change Advisory Board/);

    // The card is in the approvers' channel on every running platform.
    const [slackCard] = slack.in(CHANGES_CHANNEL.slack);
    const [discordCard] = discord.in(CHANGES_CHANNEL.discord);
    expect(RecordingChatPort.text(slackCard)).toContain('CHG-1 · Upgrade Postgres to 16');
    expect(RecordingChatPort.text(discordCard)).toContain('[Approve] → change approve CHG-1');
    expect(RecordingChatPort.text(discordCard)).toContain('[Reject] → change reject CHG-1 {reason}');
    expect(app.deps.queries.get('changes')?.get('CHG-1')).toMatchObject({ state: 'pending', requestedBy: 'alice', approvalsNeeded: 2 });

    // Alice clicks Approve on Discord: the same person, so refused, and nothing is stored.
    const self = await say('discord', '310000000000000001', 'change approve CHG-1', { source: 'button', message: discordCard.ref });
    expect(self.shown).toContain('You requested CHG-1: a change is never approved by its own requester');
    expect(self.ephemeral).toBe(true);
    // Bob (ops, not CAB) on Discord: not an approver of a high-risk change.
    expect((await say('discord', '310000000000000002', 'change approve CHG-1')).shown).toMatch(/Only members of Change Advisory Board/);
    // An account nobody configured never gets past the permission gate.
    expect((await say('slack', 'U0STRANGER9', 'change approve CHG-1')).shown).toMatch(/You can.t do that: this needs the changes permission/);
    expect(app.deps.queries.get('changes')?.get('CHG-1')?.approvedBy).toEqual([]);
    expect(slackCard.versions).toHaveLength(1);

    // Dave approves from Slack by clicking the button.
    const dave = await say('slack', 'U01DAVE001', 'change approve CHG-1', { source: 'button', message: slackCard.ref });
    expect(dave.shown).toBe('👍 Approval recorded for CHG-1: 1 of 2; waiting for 1 more.');
    for (const m of [slackCard, discordCard]) expect(RecordingChatPort.text(m)).toMatch(/1 of 2 approval\(s\)[\s\S]*Approvals: @dave \(slack\)/);
    // Dave again, from Teams: one approval per person.
    expect((await say('teams', '29:1dave-northwind', 'change approve CHG-1')).shown).toContain('You already approved CHG-1');

    // Frank approves from the console: the quorum is reached.
    expect(await h.say('as frank change approve CHG-1 go ahead')).toContain('✅ CHG-1 is approved (2 of 2)');
    for (const m of [slackCard, discordCard]) {
      const t = RecordingChatPort.text(m);
      expect(t).toContain('✅ Approved');
      expect(t).toContain('[Start] → change start CHG-1');
      expect(t).not.toContain('[Approve]');
    }
    expect(app.deps.queries.get('changes')?.get('CHG-1')).toMatchObject({ state: 'approved', approvedBy: ['dave', 'frank'] });
    // The requester hears about it on each platform she has.
    expect(RecordingChatPort.text(slack.in('dm:U01ALICE01')[0])).toContain('Your change CHG-1 is approved');
    expect(RecordingChatPort.text(discord.in('dm:310000000000000001')[0])).toContain('Your change CHG-1 is approved');
    expect(events.map(([n, e]) => `${n}:${e.by.personId}@${e.by.platform}`)).toEqual(['change.requested:alice@slack', 'change.approved:frank@console']);

    const audit = app.deps.audit.entries('CHG-1').map((e) => `${e.action}:${e.actor.personId ?? e.actor.userId}@${e.actor.platform}`);
    expect(audit).toEqual([
      'change.request:alice@slack',
      'change.approve_refused:alice@discord',
      'change.approve_refused:bob@discord',
      'change.approve:dave@slack',
      'change.approve:frank@console',
    ]);
  });

  it('approved by one approver from Slack and one from Discord', async () => {
    const { app, slack, discord, say } = await setup();
    await say('slack', 'U01ERIN001', 'change request "Rotate the payments HSM keys" risk:high start:2026-11-24T10:00 end:2026-11-24T11:00 service:payments');
    expect((await say('slack', 'U01DAVE001', 'change approve CHG-1')).shown).toContain('1 of 2');
    expect((await say('discord', '310000000000000001', 'change approve CHG-1 checked the runbook')).shown).toContain('✅ CHG-1 is approved');
    expect(app.deps.queries.get('changes')?.get('CHG-1')?.approvedBy).toEqual(['dave', 'alice']);
    const [s] = slack.in(CHANGES_CHANNEL.slack);
    const [d] = discord.in(CHANGES_CHANNEL.discord);
    for (const m of [s, d]) {
      expect(m.versions).toHaveLength(3);
      expect(RecordingChatPort.text(m)).toMatch(/✅ Approved[\s\S]*@dave \(slack\)\n@alice \(discord\): checked the runbook/);
    }
  });

  it('concurrent clicks: the quorum is reached exactly once, and a double click counts once', async () => {
    const { app, events, say } = await setup();
    await say('slack', 'U01ERIN001', 'change request "Move the API to new nodes" risk:high start:2026-11-24T10:00 end:2026-11-24T11:00 service:api');
    const [a, b] = await Promise.all([say('slack', 'U01DAVE001', 'change approve CHG-1'), say('slack', 'U01DAVE001', 'change approve CHG-1')]);
    expect([a.shown, b.shown].sort()).toEqual(['You already approved CHG-1; one approval per person, so nothing changed.', '👍 Approval recorded for CHG-1: 1 of 2; waiting for 1 more.'].sort());
    await Promise.all([say('discord', '310000000000000001', 'change approve CHG-1'), say('slack', 'U01FRANK01', 'change approve CHG-1')]);
    const view = app.deps.queries.get('changes')?.get('CHG-1');
    expect(view?.state).toBe('approved');
    expect(view?.approvedBy).toHaveLength(2); // dave and whichever of alice and frank came first
    expect(events.filter(([n]) => n === 'change.approved')).toHaveLength(1);
    expect(app.deps.audit.entries('CHG-1').filter((e) => e.action === 'change.approve').map((e) => e.actor.personId)).toEqual(view?.approvedBy);
  });

  it('a rejection from Discord rejects at once and updates the Slack card', async () => {
    const { app, slack, events, say } = await setup();
    await say('slack', 'U01ERIN001', 'change request "Drop the legacy table" risk:medium start:2026-11-24T10:00 end:2026-11-24T11:00 service:api');
    // Typed without a reason where the platform can show a form: the form asks for it.
    const asked = await say('discord', '310000000000000002', 'change reject CHG-1', { canOpenForm: true });
    expect(asked.form).toMatchObject({ title: 'Reject CHG-1', command: 'change reject CHG-1 {reason}', inputs: [{ id: 'reason', type: 'text' }] });
    expect(app.deps.queries.get('changes')?.get('CHG-1')?.state).toBe('pending');
    // The Reject button opens the same form; its submission runs the filled command template.
    const r = await app.router.submitForm({ actor: app.deps.people.actor('discord', '310000000000000002'), channel: { platform: 'discord', id: '320000000000000004' } }, 'change reject CHG-1 {reason}', { reason: 'no backup taken' });
    expect(messageToText(r)).toBe('⛔ CHG-1 is rejected: no backup taken');
    expect(RecordingChatPort.text(slack.in(CHANGES_CHANNEL.slack)[0])).toMatch(/⛔ Rejected — by @bob: no backup taken/);
    expect((await say('slack', 'U01DAVE001', 'change approve CHG-1')).shown).toContain('CHG-1 was rejected by @bob (no backup taken); it cannot be approved now');
    expect(events.map(([n]) => n)).toEqual(['change.requested', 'change.rejected']);
  });
});
