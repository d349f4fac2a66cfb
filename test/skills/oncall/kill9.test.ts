// The durable escalation engine against the real process: open pages, kill -9 the bot while
// their next step is pending, start it again after the step came due — each step fires
// exactly once (counted in the console's DMs and in the stored timelines).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PageSchema } from '../../../src/skills/oncall/model.js';
import { spawnBot, type Spawned } from '../../helpers/spawn.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';

const running: Spawned[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await cleanupTempDirs();
});

const CONFIG = `
timezone: Europe/Berlin
people:
  - { id: alice, name: Alice }
  - { id: bob, name: Bob }
teams: [{ id: ops, name: Ops, members: [alice, bob] }]
services: [{ id: api, name: API, team: ops, escalation_policy: fast }]
schedules: [{ id: primary, team: ops, members: [bob], shift: 1w, start: 2026-01-05 }]
escalation_policies:
  - id: fast
    levels:
      - { targets: [schedule:primary], after: 2s }
      - { targets: [person:alice], after: 2s }
permissions: { admins: [alice] }
`;

const count = (out: string, person: string) => out.split(`── DM to @${person} · m`).length - 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(bot: Spawned, ok: (out: string) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!ok(bot.stdout())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}; stdout:\n${bot.stdout()}\nstderr:\n${bot.stderr()}`);
    await sleep(25);
  }
}

describe('escalations survive kill -9', () => {
  it('a step due while the bot was killed fires once on start; nothing is lost or doubled', async () => {
    const dir = await tempDir();
    const cfg = join(dir, 'switchboard.yaml');
    await writeFile(cfg, CONFIG);
    const env = { SWITCHBOARD_CONFIG: cfg, SWITCHBOARD_DATA_DIR: join(dir, 'data') };

    const first = spawnBot(env);
    running.push(first);
    await first.url();
    first.child.stdin.write('page api one\npage api two\npage api three\n');
    await until(first, (o) => o.includes('PAGE-3 opened'), 'three pages');
    expect(count(first.stdout(), 'bob')).toBe(3);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(count(first.stdout(), 'alice')).toBe(0);

    await sleep(2500); // level 2 came due while the bot was down
    const second = spawnBot(env);
    running.push(second);
    await second.url();
    await until(second, (o) => count(o, 'alice') >= 3, 'the three level-2 DMs');
    await sleep(3000); // past level 2's delay: the policy is exhausted, nobody is paged again
    second.child.stdin.write('page show PAGE-2\n');
    await until(second, (o) => o.includes('Timeline'), 'the timeline');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    expect([count(second.stdout(), 'alice'), count(second.stdout(), 'bob')]).toEqual([3, 0]);
    expect(second.stdout()).toContain('Nobody acknowledged through level 2 of 2; escalation stopped.');
    const file = JSON.parse(await readFile(join(dir, 'data', 'pages', 'open.json'), 'utf8')) as { records: unknown[] };
    const pages = file.records.map((r) => PageSchema.parse(r));
    expect(pages.map((p) => p.id).sort()).toEqual(['PAGE-1', 'PAGE-2', 'PAGE-3']);
    for (const p of pages) {
      expect(p.notifications.map((n) => `${n.step}:${n.personId}:${n.status}`)).toEqual(['0:bob:sent', '1:alice:sent']);
      expect(p.timeline.filter((e) => e.kind === 'escalated')).toHaveLength(1);
      expect(p.timeline.filter((e) => e.kind === 'exhausted')).toHaveLength(1);
      expect(p.exhausted).toBe(true);
      // Fired on start, after the due time it missed.
      const late = Date.parse(p.notifications[1].sentAt!) - Date.parse(p.notifications[1].dueAt);
      expect(late).toBeGreaterThan(500);
    }
  });
});
