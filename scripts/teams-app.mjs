#!/usr/bin/env node
// The Microsoft Teams app package: `node scripts/teams-app.mjs package [out.zip]` writes
// dist/switchboard-teams.zip (teams/manifest.json with your bot's app id filled in, plus the two
// icons) to upload in Teams; `node scripts/teams-app.mjs icons` redraws teams/color.png (192×192)
// and teams/outline.png (32×32, white on transparent). No dependencies: PNG and ZIP are written
// here with node:zlib.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const teamsDir = join(root, 'teams');

// ---- CRC-32 (PNG chunks and ZIP entries) ----------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- PNG ------------------------------------------------------------------------------------
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG of size×size where pixel(x, y) returns [r, g, b, a]. */
export function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter set, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The Switchboard mark in unit coordinates (0..1): three patch cords — horizontal bars — each
 * ending in a jack (a dot), like an operator's switchboard. Coverage is 4×4 supersampled.
 */
function mark(u, v) {
  const bars = [0.3, 0.5, 0.7];
  const ends = [0.72, 0.42, 0.6];
  for (let i = 0; i < 3; i++) {
    const dy = Math.abs(v - bars[i]);
    if (dy < 0.045 && u > 0.2 && u < ends[i]) return true;
    if (Math.hypot(u - ends[i], v - bars[i]) < 0.085) return true;
    if (Math.hypot(u - 0.2, v - bars[i]) < 0.045) return true;
  }
  return false;
}

function coverage(size, x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) hits += inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size) ? 1 : 0;
  return hits / 16;
}

export function drawIcons() {
  const accent = [0x2b, 0x4a, 0xcf];
  const color = png(192, (x, y) => {
    const c = coverage(192, x, y, mark);
    return [...accent.map((a) => Math.round(a + (255 - a) * c)), 255];
  });
  // Teams wants the outline icon white on a transparent background.
  const outline = png(32, (x, y) => [255, 255, 255, Math.round(255 * coverage(32, x, y, mark))]);
  writeFileSync(join(teamsDir, 'color.png'), color);
  writeFileSync(join(teamsDir, 'outline.png'), outline);
}

// ---- ZIP (stored entries: the package is three small files) --------------------------------
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    // Both headers carry crc, compressed and plain size (equal: stored), and the name length.
    const sized = (buf, at) => {
      buf.writeUInt32LE(crc, at);
      buf.writeUInt32LE(data.length, at + 4);
      buf.writeUInt32LE(data.length, at + 8);
      buf.writeUInt16LE(nameBuf.length, at + 12);
      return buf;
    };
    const local = sized(Buffer.alloc(30), 14);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const central = sized(Buffer.alloc(46), 16);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The manifest with the bot's Microsoft App ID (and the public host) filled in. */
export function filledManifest(manifest, env) {
  const appId = (env.TEAMS_CLIENT_ID ?? '').trim();
  if (!GUID.test(appId)) throw new Error(`TEAMS_CLIENT_ID must be the Azure Bot's Microsoft App ID (a GUID), got "${appId}"`);
  const m = structuredClone(manifest);
  m.id = appId;
  for (const bot of m.bots) bot.botId = appId;
  if (env.PUBLIC_URL) m.validDomains = [new URL(env.PUBLIC_URL).host];
  return m;
}

export function buildPackage(env) {
  const manifest = filledManifest(JSON.parse(readFileSync(join(teamsDir, 'manifest.json'), 'utf8')), env);
  return zip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'color.png', data: readFileSync(join(teamsDir, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(teamsDir, 'outline.png')) },
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const what = process.argv[2];
  try {
    if (what === 'icons') {
      drawIcons();
      console.log('wrote teams/color.png and teams/outline.png');
    } else if (what === 'package') {
      const out = process.argv[3] ?? join(root, 'dist', 'switchboard-teams.zip');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, buildPackage(process.env));
      console.log(`wrote ${out}: upload it in Teams (Apps → Manage your apps → Upload an app)`);
    } else {
      console.error('usage: node scripts/teams-app.mjs package [out.zip] | icons');
      process.exit(2);
    }
  } catch (e) {
    console.error(`teams-app: ${e.message}`);
    process.exit(2);
  }
}
