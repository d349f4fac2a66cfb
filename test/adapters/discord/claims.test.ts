// When the store cannot record a delivery's claim (here: its folder is gone and a file sits in
// its place, so every write fails), Discord deliveries are neither acted on nor called repeats:
// the person is told it was not recorded and to try again — never a 500, never a crash.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UNRECORDED_TEXT } from '../../../src/adapters/discord/claims.js';
import { startDiscordHarness, type DiscordHarness } from '../../fakes/discord/harness.js';
import { ALICE, BOB, CHANNEL, messageCreate, reactionAdd, slashCommand } from '../../fakes/discord/payloads.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { onDisk } from './helpers.js';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

/** Makes every write of delivery claims fail, as a full or broken disk would. */
async function breakClaims(x: DiscordHarness): Promise<() => Promise<void>> {
  const dir = join(x.dataDir, 'deliveries');
  await rm(dir, { recursive: true, force: true });
  await writeFile(dir, 'not a folder');
  return async () => {
    await rm(dir, { force: true });
    await mkdir(dir);
  };
}

const declare = () => slashCommand('incident', 'declare', { severity: 'sev3', title: 'Checkout errors' });

describe('a delivery claim the store refuses', () => {
  it('over the gateway: the interaction is answered "try again", nothing is declared; the retry works', async () => {
    h = await startDiscordHarness({ http: true });
    const repair = await breakClaims(h);
    const res = await h.interact(declare());
    expect(res).toEqual({ type: 4, data: expect.objectContaining({ content: UNRECORDED_TEXT, flags: 64 }) });
    // Signed HTTP interactions alike: a 200 with the same answer, not a 500.
    const posted = await h.post(declare());
    expect(posted).toMatchObject({ status: 200, body: { type: 4, data: { content: UNRECORDED_TEXT, flags: 64 } } });
    expect(h.app.deps.queries.get('incidents')!.open()).toEqual([]);
    expect(await onDisk(h.dataDir, 'incidents')).toEqual([]);
    expect(h.rest.requests.some((r) => r.path.startsWith('/guilds/'))).toBe(false);
    await repair();
    const again = await h.interact(declare());
    expect((again as any).data.content).toMatch(/^🔥 Declared \*\*INC-1\*\*/);
  });

  it('an `!ops` message gets the same answer in its channel; a 📌 reaction is answered by DM; neither acts', async () => {
    h = await startDiscordHarness();
    await h.interact(declare());
    const inc = h.app.deps.queries.get('incidents')!.get('INC-1')!;
    const said = h.rest.userMessage(inc.channels[0].id, 'db-2 is back', BOB);
    const repair = await breakClaims(h);
    await h.dispatch('MESSAGE_CREATE', messageCreate('!ops incident declare sev3 "Disk full"', { user: BOB }));
    expect(h.rest.messagesIn(CHANNEL.platform).at(-1)!.content).toBe(UNRECORDED_TEXT);
    expect(h.app.deps.queries.get('incidents')!.get('INC-2')).toBeUndefined();
    await h.dispatch('MESSAGE_REACTION_ADD', reactionAdd('📌', said));
    expect((await onDisk(h.dataDir, 'incidents'))[0].timeline.some((e: any) => e.kind === 'pinned')).toBe(false);
    expect(h.rest.dmsWith(ALICE.id).at(-1)!.content).toMatch(/^⚠️ Switchboard could not record this request[\s\S]*react again/);
    await repair();
    await h.dispatch('MESSAGE_REACTION_ADD', reactionAdd('📌', said));
    expect((await onDisk(h.dataDir, 'incidents'))[0].timeline.filter((e: any) => e.kind === 'pinned')).toHaveLength(1);
  });
});
