// Heartbeat tokens in the real process (`node dist/main.js`, debug logging): jobs report over
// HTTP, wrong tokens get 404, and no token ever reaches a log line or the data directory.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnBot, type Spawned } from '../helpers/spawn.js';
import { cleanupTempDirs, tempDir } from '../helpers/tmp.js';

const running: Spawned[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) s.kill('SIGKILL');
  await cleanupTempDirs();
});

const BACKUP = 'Bk9'.repeat(14);
const CERT = 'cE7_'.repeat(10);

/** The shipped config with its commented heartbeat example switched on. */
function configText(): string {
  return readFileSync('config/switchboard.yaml', 'utf8').replace(/^ {2}heartbeats: \[\]\n((?: {2}# .*\n)+)/m, (_m, body: string) => `  heartbeats:\n${body.replace(/^ {2}# /gm, '  ')}`);
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

describe('heartbeat tokens in the running bot', () => {
  it('a heartbeat whose token is not set stops the start with exit code 2 and the path', async () => {
    const dir = await tempDir();
    const cfg = join(dir, 'switchboard.yaml');
    await writeFile(cfg, configText());
    const bot = spawnBot({ SWITCHBOARD_CONFIG: cfg, SWITCHBOARD_DATA_DIR: join(dir, 'data'), BACKUP_HEARTBEAT_TOKEN: BACKUP });
    running.push(bot);
    expect((await bot.exited).code).toBe(2);
    expect(bot.stderr()).toContain('status.heartbeats[1].token: environment variable CERT_RENEWAL_HEARTBEAT_TOKEN is not set');
    expect(bot.stdout()).not.toContain('switchboard started');
  });

  it('reports runs, answers 404 to wrong tokens, and never logs or stores a token', async () => {
    const dir = await tempDir();
    const cfg = join(dir, 'switchboard.yaml');
    const data = join(dir, 'data');
    await writeFile(cfg, configText());
    const bot = spawnBot({ SWITCHBOARD_CONFIG: cfg, SWITCHBOARD_DATA_DIR: data, LOG_LEVEL: 'debug', BACKUP_HEARTBEAT_TOKEN: BACKUP, CERT_RENEWAL_HEARTBEAT_TOKEN: CERT });
    running.push(bot);
    bot.child.stdin.end(`status heartbeats\nstatus heartbeats nightly-backup\n`);
    const url = await bot.url();
    await bot.waitFor(/Heartbeat Nightly database backup/);

    const ok = await fetch(`${url}/heartbeat/${BACKUP}`, { method: 'POST', body: `dump done; token was ${BACKUP}` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, heartbeat: 'nightly-backup' });
    const failed = await fetch(`${url}/heartbeat/${CERT}?status=fail`);
    expect((await failed.json()) as unknown).toMatchObject({ heartbeat: 'cert-renewal', result: 'failed' });
    for (const wrong of [BACKUP.slice(1), `${CERT.slice(0, -1)}X`, 'short']) {
      const r = await fetch(`${url}/heartbeat/${wrong}`, { method: 'POST', body: 'x' });
      expect([r.status, await r.text()]).toEqual([404, '{"error":"not found"}']);
    }
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);

    const logs = bot.stdout() + bot.stderr();
    expect(logs).toContain('switchboard started');
    expect(logs).toContain('Heartbeats: 2 jobs');
    for (const token of [BACKUP, CERT, BACKUP.slice(1)]) expect(logs).not.toContain(token);
    // Even the log line that carried the token is stored without it.
    const files = await filesUnder(data);
    const stored = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    expect(stored).toContain('dump done; token was [token]');
    for (const token of [BACKUP, CERT]) expect(stored).not.toContain(token);
  });
});
