// Issue 8's end-to-end approval on two platforms at once, in one app: a high-risk change is
// requested from Slack (real Bolt, signed slash command), approved by one CAB member clicking
// Approve on Slack and another clicking Approve on Discord (real discord.js), and the card is
// edited in place on both platforms after each decision. The requester's own approval from
// their other platform account (Discord) is refused and changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/core/config/index.js';
import { ALICE, CHANNEL, componentClick, user } from '../../fakes/discord/payloads.js';
import { clickPayload, findElement } from '../../fakes/slack/signed-requests.js';
import { exampleConfig } from '../../helpers/config.js';
import { startMultiPlatformApp, type MultiPlatformApp } from '../../helpers/multi-platform.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { components, control, field, onDisk } from '../discord/helpers.js';

let h: MultiPlatformApp | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

/** The example config, with Dave (a CAB member) on Discord too. */
function config(): Config {
  const c = exampleConfig();
  return { ...c, people: c.people.map((p) => (p.id === 'dave' ? { ...p, discord: '310000000000000004' } : p)) };
}
const DAVE = user('310000000000000004', 'dave', 'Dave Kowalski');
const SLACK_CHANGES = 'C01CHANGES';
const slackText = (m: { blocks?: unknown[]; text: string }) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

describe('change approval across Slack and Discord', () => {
  it('requested from Slack, approved on Slack and on Discord, the card kept current on both; self-approval from the other account refused', async () => {
    h = await startMultiPlatformApp({ config: config() });
    const { slack, discord } = h;

    // Alice requests a high-risk change from Slack: two approvals from the CAB (alice, dave, frank).
    const responseUrl = slack.fake.responseUrl('request');
    const res = await slack.requests.command({
      command: '/change',
      text: 'request "Upgrade Postgres to 16" risk:high start:2026-11-24T14:00 end:2026-11-24T16:00 service:api rollback:"restore the snapshot"',
      user: 'U01ALICE01',
      responseUrl,
    });
    expect(res.status).toBe(200);
    await h.settle();
    expect(JSON.stringify(slack.fake.responses.find((r) => r.id === 'request')!.body)).toContain('CHG-1');
    // The card is in the approvers' channel on both platforms.
    const slackCard = slack.fake.messagesIn(SLACK_CHANGES)[0];
    const discordCard = discord.rest.messagesIn(CHANNEL.changes)[0];
    expect(findElement(slackCard, 'Approve').style).toBe('primary');
    expect(discordCard.embeds[0].title).toBe('CHG-1 · Upgrade Postgres to 16');
    expect(discordCard.embeds[0].description).toContain('0 of 2 approval(s) from Change Advisory Board');
    expect(components(discordCard).map((c) => c.label)).toEqual(['Approve', 'Reject']);

    // Alice's own Discord account approving: the same person, refused; nothing changes anywhere.
    const refused = await discord.interact(componentClick(control(discordCard, 'Approve').custom_id, discordCard, undefined, { user: ALICE }));
    expect(refused).toEqual({ type: 6 });
    const refusal = discord.rest.messagesIn(CHANNEL.changes).find((m) => m.flags === 64)!;
    expect(refusal.content).toMatch(/^⚠️ You requested CHG-1: a change is never approved by its own requester, from any account\./);
    expect(h.app.deps.queries.get('changes')!.get('CHG-1')).toMatchObject({ state: 'pending', approvedBy: [] });
    expect(discord.rest.messages.get(discordCard.id)!.edits).toBe(0);
    expect(slackCard.edits).toBe(0);
    const refusals = (await onDisk(h.dataDir, 'audit')).filter((e) => e.action === 'change.approve_refused');
    expect(refusals).toEqual([expect.objectContaining({ target: 'CHG-1' })]);

    // Frank approves on Slack: 1 of 2, both cards edited in place.
    await slack.requests.interaction(clickPayload(slackCard, 'Approve', { user: 'U01FRANK01', responseUrl: slack.fake.responseUrl('frank') }));
    await h.settle();
    expect(slackCard.edits).toBe(1);
    expect(slack.fake.callsTo('chat.update').at(-1)!.args).toMatchObject({ channel: SLACK_CHANGES, ts: slackCard.ts });
    expect(slackText(slackCard)).toContain('1 of 2 approval(s)');
    const afterFrank = discord.rest.messages.get(discordCard.id)!;
    expect(afterFrank.edits).toBe(1);
    expect(afterFrank.embeds[0].description).toContain('1 of 2 approval(s) from Change Advisory Board');
    expect(field(afterFrank.embeds[0], 'Approvals')).toBe('**@Frank Schulz** (slack)');

    // Dave approves on Discord: the quorum is reached; both cards say approved, with both approvals.
    expect(await discord.interact(componentClick(control(afterFrank, 'Approve').custom_id, afterFrank, undefined, { user: DAVE }))).toEqual({ type: 6 });
    await h.settle();
    expect(h.app.deps.queries.get('changes')!.get('CHG-1')).toMatchObject({ state: 'approved', approvedBy: ['frank', 'dave'] });
    const approved = discord.rest.messages.get(discordCard.id)!;
    expect(approved.edits).toBe(2);
    expect(approved.embeds[0].description).toContain('✅ Approved');
    expect(field(approved.embeds[0], 'Approvals')).toBe('**@Frank Schulz** (slack)\n<@310000000000000004> (discord)');
    expect(components(approved).map((c) => c.label)).toEqual(['Start', 'Cancel']);
    expect(slackCard.edits).toBe(2);
    expect(slackText(slackCard)).toContain('Approved');
    expect(slackText(slackCard)).toContain('<@U01DAVE001> (discord)');
    expect(() => findElement(slackCard, 'Approve')).toThrow();
    expect(findElement(slackCard, 'Start')).toBeDefined();
    // Still one card per platform: edited, never reposted.
    expect(slack.fake.messagesIn(SLACK_CHANGES)).toHaveLength(1);
    expect(discord.rest.messagesIn(CHANNEL.changes).filter((m) => m.flags !== 64)).toHaveLength(1);
    const decisions = (await onDisk(h.dataDir, 'audit')).filter((e) => e.action === 'change.approve').map((e) => e.actor);
    expect(decisions).toEqual([expect.objectContaining({ personId: 'frank', platform: 'slack' }), expect.objectContaining({ personId: 'dave', platform: 'discord' })]);
  });
});
