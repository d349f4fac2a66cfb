// The console flow end to end through a spawned process: what `printf … | npm start` does.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnBot, type Spawned } from '../helpers/spawn.js';
import { cleanupTempDirs, tempDir } from '../helpers/tmp.js';

const running: Spawned[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) s.kill('SIGKILL');
  await cleanupTempDirs();
});

describe('the bot as a process', () => {
  it('printf "help\\nwhoami\\n" | npm start: prints the commands and keeps serving /healthz after the input ends', async () => {
    const data = await tempDir();
    const bot = spawnBot({ SWITCHBOARD_DATA_DIR: data }, ['npm', 'start', '--silent']);
    running.push(bot);
    bot.child.stdin.end('help\nwhoami\nfrobnicate\n');
    const url = await bot.url();
    await bot.waitFor(/Unknown command "frobnicate"/);
    expect(bot.stdout()).toContain('Switchboard commands');
    expect(bot.stdout()).toContain('whoami');
    expect(bot.stdout()).toMatch(/Alice Martin \(@alice\)/);
    // End of input does not stop the server.
    await new Promise((r) => setTimeout(r, 300));
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'writable', adapters: { console: 'connected' } });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_commands_total\{skill="about",command="whoami",outcome="ok"\} 1/);
    expect(metrics).toMatch(/switchboard_commands_total\{skill="core",command="none",outcome="unknown"\} 1/);
  });

  it('stops gracefully on SIGTERM with exit code 0', async () => {
    const bot = spawnBot({ SWITCHBOARD_DATA_DIR: await tempDir() });
    running.push(bot);
    bot.child.stdin.end('whoami\n');
    await bot.url();
    await bot.waitFor(/Alice Martin/);
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    expect(bot.stdout()).toContain('switchboard stopped');
  });

  it('an invalid config stops the start with exit code 2 and one line per problem', async () => {
    const dir = await tempDir();
    const cfg = join(dir, 'bad.yaml');
    await writeFile(cfg, 'people:\n  - { id: alice, name: Alice }\nschedules:\n  - { id: s, members: [alice, zed], shift: 1w, handoff: 9am, start: 2026-01-05 }\n');
    const bot = spawnBot({ SWITCHBOARD_CONFIG: cfg, SWITCHBOARD_DATA_DIR: join(dir, 'data') });
    running.push(bot);
    expect((await bot.exited).code).toBe(2);
    expect(bot.stderr()).toContain('schedules[0].handoff: expected HH:MM, got "9am"');
    expect(bot.stderr()).toContain('nothing was started');
    expect(bot.stdout()).not.toContain('switchboard started');
  });

  it('a corrupt store file stops the start, names the file and leaves it untouched', async () => {
    const data = await tempDir();
    await mkdir(join(data, 'jobs'), { recursive: true });
    const file = join(data, 'jobs', 'pending.json');
    await writeFile(file, '{"records": [ {"id": "JOB-1", "at": ');
    const bot = spawnBot({ SWITCHBOARD_DATA_DIR: data });
    running.push(bot);
    expect((await bot.exited).code).toBe(3);
    expect(bot.stderr()).toContain(file);
    expect(await readFile(file, 'utf8')).toBe('{"records": [ {"id": "JOB-1", "at": ');
  });
});
