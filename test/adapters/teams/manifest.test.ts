// The Teams app that ships: a manifest whose command list matches the bot's commands, the two
// icons Teams requires (192×192 colour, 32×32 white-on-transparent outline), and the package
// script that fills in the bot's app id and zips them for upload.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';

const manifest = JSON.parse(readFileSync('teams/manifest.json', 'utf8'));
/** The commands of SPEC §2 and the README, which the full product registers. */
const PRODUCT_COMMANDS = ['help', 'whoami', 'incident', 'oncall', 'page', 'change', 'standup', 'status', 'briefing', 'vendor'];

function readPng(file: string) {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    if (buf.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += len + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    for (let x = 0; x < width; x++) pixels.push([...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)]);
  }
  return { width, height, colorType: buf[25], pixels };
}

/** The entries of a stored (uncompressed) zip. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let at = 0; buf.readUInt32LE(at) === 0x04034b50; ) {
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const name = buf.toString('utf8', at + 30, at + 30 + nameLen);
    out.set(name, buf.subarray(at + 30 + nameLen, at + 30 + nameLen + size));
    at += 30 + nameLen + size;
  }
  return out;
}

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

describe('Teams app manifest', () => {
  it('declares the bot in 1:1 chats, teams and group chats with every command, within Teams limits', async () => {
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    const [bot] = manifest.bots;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = bot.commandLists[0].commands as Array<{ title: string; description: string }>;
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    expect(commands.map((c) => c.title).sort()).toEqual([...PRODUCT_COMMANDS].sort());
    // The list is exactly what this build registers (a skill added later must be added, too).
    h = await startConsoleApp();
    // `help` is the router's own; every other command comes from a skill's specs.
    const registered = new Set(['help', ...h.app.router.specs().map((spec) => spec.command)]);
    expect([...registered].sort()).toEqual([...PRODUCT_COMMANDS].sort());
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = readPng(join('teams', manifest.icons.color));
    expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
    expect(color.pixels.every((p) => p[3] === 255)).toBe(true);
    const outline = readPng(join('teams', manifest.icons.outline));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.pixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(outline.pixels.some((p) => p[3] === 255)).toBe(true);
    expect(outline.pixels.some((p) => p[3] === 0)).toBe(true);
  });

  it('packages the app with the bot’s app id and public host filled in', async () => {
    const out = join(await tempDir(), 'app.zip');
    const run = promisify(execFile);
    const env = { PATH: process.env.PATH, TEAMS_CLIENT_ID: '11111111-2222-4333-8444-555555555555', PUBLIC_URL: 'https://ops.northwind.example/' };
    await run(process.execPath, ['scripts/teams-app.mjs', 'package', out], { env });
    const files = unzip(readFileSync(out));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packed = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(packed).toMatchObject({ id: env.TEAMS_CLIENT_ID, bots: [{ botId: env.TEAMS_CLIENT_ID }], validDomains: ['ops.northwind.example'] });
    expect(files.get('color.png')!.equals(readFileSync('teams/color.png'))).toBe(true);

    const bad = await run(process.execPath, ['scripts/teams-app.mjs', 'package', out], { env: { PATH: process.env.PATH, TEAMS_CLIENT_ID: 'not-a-guid' } }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/TEAMS_CLIENT_ID must be the Azure Bot's Microsoft App ID/);
  });
});
