// The standup on Discord: at the prompt time the member gets a DM whose Answer button opens the
// standup form as a modal; the submission records the answer and the prompt DM is edited in
// place to show it. `/standup` alone opens the same form.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { startDiscordHarness, type DiscordHarness } from '../../fakes/discord/harness.js';
import { ALICE, componentClick, modalSubmit, slashCommand } from '../../fakes/discord/payloads.js';
import type { StoredMessage } from '../../fakes/discord/rest.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { components, control, onDisk, shown } from './helpers.js';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

/** Walks the clock in 15-minute steps so the scheduler sees every occurrence on the way. */
async function walkTo(x: DiscordHarness, iso: string): Promise<void> {
  while (x.clock.now().getTime() < Date.parse(iso)) await x.advance(Math.min(15 * 60_000, Date.parse(iso) - x.clock.now().getTime()));
}

const standupPrompts = (x: DiscordHarness, userId: string): StoredMessage[] => x.rest.dmsWith(userId).filter((m) => m.embeds[0]?.title?.startsWith('📝 Standup'));

describe('the standup on Discord', () => {
  it("the prompt DM's Answer button opens the standup modal; the submission records the answer and edits the DM", async () => {
    // Monday 08:00 in Berlin; the platform standup prompts at 09:30 there.
    h = await startDiscordHarness({ clock: new FakeClock('2026-11-23T07:00:00Z') });
    await walkTo(h, '2026-11-23T08:30:00Z');
    const [prompt] = standupPrompts(h, ALICE.id);
    expect(prompt.embeds[0].title).toBe('📝 Standup · Mon 23 Nov');
    expect(components(prompt).map((c) => c.label)).toEqual(['Answer', 'Away today']);
    const dm = h.rest.dmChannelWith(ALICE.id)!.id;

    const modal = await h.interact(componentClick(control(prompt, 'Answer').custom_id, prompt, undefined, { dm: true, channelId: dm }));
    expect(modal).toMatchObject({ type: 9, data: { title: 'Daily standup' } });
    const inputs = (modal as any).data.components.map((c: any) => [c.label, c.component.custom_id, c.component.style, c.component.required]);
    expect(inputs).toEqual([
      ['What did you do yesterday?', 'yesterday', 2, true],
      ['What will you do today?', 'today', 2, true],
      ['Anything blocking you?', 'blockers', 2, false],
    ]);

    const answers = { yesterday: 'Rotated the TLS certificates', today: 'Postgres 16 prep', blockers: '' };
    const res = await h.interact(modalSubmit((modal as any).data.custom_id, answers, { dm: true, channelId: dm, message: prompt }));
    expect(res).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/^✅ Saved your standup for Mon 23 Nov\./) } });
    const entries = await onDisk(h.dataDir, 'standup-entries');
    expect(entries.find((e) => e.id === 'platform-daily:2026-11-23:alice')).toMatchObject({ status: 'answered', via: 'discord', answers: { yesterday: 'Rotated the TLS certificates', today: 'Postgres 16 prep' } });
    // The prompt DM now shows the answer, with an Edit button instead of Answer.
    const edited = h.rest.messages.get(prompt.id)!;
    expect(edited.edits).toBeGreaterThanOrEqual(1);
    expect(edited.embeds[0].title).toMatch(/^✅ Standup answered/);
    expect(shown(edited.embeds[0])).toContain('Postgres 16 prep');
    expect(components(edited).map((c) => c.label)).toContain('Edit');

    // `/standup` alone opens the form again, prefilled with the answer being edited.
    const again = await h.interact(slashCommand('standup', 'answer', {}));
    expect(again).toMatchObject({ type: 9, data: { title: 'Daily standup' } });
    expect((again as any).data.components.map((c: any) => c.component.value)).toEqual(['Rotated the TLS certificates', 'Postgres 16 prep', undefined]);
  });
});
