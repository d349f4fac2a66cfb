// Issue 7's "acknowledging from any platform stops the escalation everywhere and updates the
// cards", with Slack and Discord running at once in one app: a page DMs the on-call person on
// both platforms; they click Acknowledge on Discord; the Slack DM card is edited in place too,
// and when the clock passes the level's delay no further step fires. A second page nobody
// acknowledges escalates at that same moment, so the test would see a step if one fired.
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, componentClick } from '../../fakes/discord/payloads.js';
import { findElement } from '../../fakes/slack/signed-requests.js';
import { startMultiPlatformApp, type MultiPlatformApp } from '../../helpers/multi-platform.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { components, control, field, onDisk } from '../discord/helpers.js';

let h: MultiPlatformApp | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

/** Alice's Slack DM (the fake opens `D` + her id without the `U`). */
const SLACK_DM_ALICE = 'D01ALICE01';
const slackText = (m: { blocks?: unknown[]; text: string }) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

describe('a page acknowledged on Discord', () => {
  it('stops the escalation everywhere and edits the Slack DM card in place too', async () => {
    h = await startMultiPlatformApp();
    const { slack, discord } = h;
    const pageFromSlack = async (text: string) => {
      await slack.requests.command({ command: '/page', text, user: 'U01BOB0001', responseUrl: slack.fake.responseUrl() });
      await h!.settle();
    };
    // Bob pages the API service from Slack: its policy's level 1 is the platform schedule (Alice this week), 10 minutes.
    await pageFromSlack('api "Replication lag on db-2" sev:2');
    await pageFromSlack('api "Disk 95% on db-3" sev:3');
    const pages = () => h!.app.deps.queries.get('oncall')!.pages();
    expect(pages().map((p) => [p.id, p.status])).toEqual([
      ['PAGE-2', 'triggered'],
      ['PAGE-1', 'triggered'],
    ]);
    // Alice has a DM with the card on both platforms.
    const slackDm = slack.fake.messagesIn(SLACK_DM_ALICE).find((m) => m.text.includes('PAGE-1'))!;
    expect(findElement(slackDm, 'Acknowledge').style).toBe('primary');
    const dmChannel = discord.rest.dmChannelWith(ALICE.id)!;
    const discordDm = discord.rest.messagesIn(dmChannel.id).find((m) => m.embeds[0]?.title?.startsWith('🚨 PAGE-1'))!;
    expect(components(discordDm).map((c) => c.label)).toEqual(['Acknowledge', 'Resolve', 'Escalate']);

    // She acknowledges on Discord.
    expect(await discord.interact(componentClick(control(discordDm, 'Acknowledge').custom_id, discordDm, undefined, { dm: true, channelId: dmChannel.id }))).toEqual({ type: 6 });
    await h.settle();
    expect(pages().find((p) => p.id === 'PAGE-1')).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'alice' });
    const ackedOnDiscord = discord.rest.messages.get(discordDm.id)!;
    expect(ackedOnDiscord.embeds[0].title).toBe('👀 PAGE-1 · sev2 · Replication lag on db-2');
    expect(components(ackedOnDiscord).map((c) => c.label)).toEqual(['Resolve']);
    // The Slack DM card is the same message, edited in place: acknowledged, no Acknowledge button.
    expect(slackDm.edits).toBe(1);
    expect(slack.fake.callsTo('chat.update').some((c) => c.args.channel === SLACK_DM_ALICE && c.args.ts === slackDm.ts)).toBe(true);
    expect(slackText(slackDm)).toContain('👀 PAGE-1');
    expect(slackText(slackDm)).toContain('Acknowledged by');
    expect(() => findElement(slackDm, 'Acknowledge')).toThrow();

    // Past level 1's 10 minutes: PAGE-2 escalates to level 2 (Alice again, by DM on both platforms); PAGE-1 does not.
    const dmsBefore = { slack: slack.fake.messagesIn(SLACK_DM_ALICE).length, discord: discord.rest.messagesIn(dmChannel.id).length };
    await h.advance('11m');
    const stored = await onDisk(h.dataDir, 'pages');
    const page1 = stored.find((p) => p.id === 'PAGE-1');
    const page2 = stored.find((p) => p.id === 'PAGE-2');
    expect(page2).toMatchObject({ status: 'triggered', step: 1, nextStepAt: expect.any(String) });
    expect(page1).toMatchObject({ status: 'acknowledged', step: 0 });
    expect(page1.nextStepAt).toBeUndefined();
    const newSlack = slack.fake.messagesIn(SLACK_DM_ALICE).slice(dmsBefore.slack);
    const newDiscord = discord.rest.messagesIn(dmChannel.id).slice(dmsBefore.discord);
    expect(newSlack.map((m) => m.text)).toEqual([expect.stringContaining('PAGE-2')]);
    expect(newDiscord.map((m) => m.embeds[0]?.title)).toEqual([expect.stringContaining('PAGE-2')]);
    // And much later still nothing for PAGE-1: its timeline ends with the acknowledgement.
    await h.advance('2h');
    const later = (await onDisk(h.dataDir, 'pages')).find((p) => p.id === 'PAGE-1');
    expect(later.timeline.at(-1).text).toMatch(/acknowledged/i);
    expect(later.notifications.length).toBe(page1.notifications.length);
    expect(field(discord.rest.messages.get(discordDm.id)!.embeds[0], 'Status')).toMatch(/^Acknowledged by @alice/);
  });
});
