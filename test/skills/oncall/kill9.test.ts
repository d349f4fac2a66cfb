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
      - { targets: [schedule:primary], after: 3s }
      - { targets: [person:alice], after: 3s }
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
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(count(first.stdout(), 'bob')).toBe(3);

    await sleep(3500); // level 2 of every page came due while the bot was down
    const second = spawnBot(env);
    running.push(second);
    await second.url();
    await until(second, (o) => count(first.stdout(), 'alice') + count(o, 'alice') >= 3, 'the level-2 DMs');
    // Past level 2's delay each policy runs out and nobody is paged again (read from the store's file).
    const stored = async () => {
      const file = JSON.parse(await readFile(join(dir, 'data', 'pages', 'open.json'), 'utf8')) as { records: unknown[] };
      return file.records.map((r) => PageSchema.parse(r));
    };
    for (const end = performance.now() + 20_000; !(await stored()).every((p) => p.exhausted); await sleep(200)) {
      if (performance.now() > end) throw new Error(`the policies did not run out; stdout:\n${second.stdout()}`);
    }
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    // Each step exactly once over both lives of the bot; the level-2 steps that came due while
    // it was down fired after the restart.
    expect(count(first.stdout(), 'bob') + count(second.stdout(), 'bob')).toBe(3);
    expect(count(first.stdout(), 'alice') + count(second.stdout(), 'alice')).toBe(3);
    expect(count(second.stdout(), 'alice')).toBeGreaterThanOrEqual(1);
    const pages = await stored();
    expect(pages.map((p) => p.id).sort()).toEqual(['PAGE-1', 'PAGE-2', 'PAGE-3']);
    for (const p of pages) {
      expect(p.notifications.map((n) => `${n.step}:${n.personId}:${n.status}`)).toEqual(['0:bob:sent', '1:alice:sent']);
      expect(p.timeline.filter((e) => e.kind === 'escalated')).toHaveLength(1);
      expect(p.timeline.filter((e) => e.kind === 'exhausted')).toHaveLength(1);
      expect(p.exhausted).toBe(true);
    }
    // A step fired on start is late by at least the time the bot was down.
    const late = pages.map((p) => Date.parse(p.notifications[1].sentAt!) - Date.parse(p.notifications[1].dueAt));
    expect(Math.max(...late)).toBeGreaterThan(400);
  });
});
