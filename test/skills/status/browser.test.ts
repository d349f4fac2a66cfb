// The status page in a real browser: Debian's headless Chromium driven by playwright-core
// loads /status from a running bot with seeded history, reads what a visitor sees, and saves
// screenshots (desktop and phone) under test/artifacts/. `.ci/run` installs Chromium when
// missing; on a workstation: `apt-get install chromium`.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { seededBot } from './seed.js';

// Functions passed to evaluate() run in the page, where globalThis is the window; the test's
// types know no DOM, hence the casts.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let h: ConsoleHarness;
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser test needs Chromium at ${CHROMIUM}: run .ci/run, or apt-get install chromium (or set CHROMIUM_PATH).`);
  await mkdir('test/artifacts', { recursive: true });
  h = await seededBot();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await cleanupTempDirs();
});

describe('the status page in Chromium', () => {
  it('shows the banner, a component’s 90 daily bars with their figures, and the open incident', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`${h.app.url}/status`);
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Northwind status: Partial System Outage');

    const banner = page.getByRole('status', { name: 'Overall status' });
    expect((await banner.innerText()).split('\n')[0]).toBe('Partial System Outage');
    // The banner is coloured for "major" (orange), with white text.
    expect(await banner.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe('rgb(180, 82, 10)');

    const api = page.locator('#component-api');
    await expect(api.getByRole('heading', { name: 'Public API' }).isVisible()).resolves.toBe(true);
    const bars = api.locator('ol.bars > li');
    expect(await bars.count()).toBe(90);
    const outage = bars.nth(89 - 19); // 2 Nov, 19 days before today
    expect(await outage.getAttribute('title')).toContain('Mon 2 Nov 2026: Major outage\n93.75 % uptime');
    expect(await outage.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe('rgb(229, 72, 77)');
    const box = await outage.boundingBox();
    expect(box && box.width > 4 && box.height >= 30).toBe(true);
    await expect(api.locator('.uptime').innerText()).resolves.toBe('99.87 % uptime');
    // Screen readers get the days with trouble in one sentence (the bars are hidden from them).
    await expect(api.locator('p.sr').textContent()).resolves.toBe(
      'Public API, last 90 days: 99.87 % uptime. Days with trouble: Mon 2 Nov 2026, Major outage, 93.75 % uptime; Tue 10 Nov 2026, Partial outage, 95.00 % uptime; Sun 15 Nov 2026, Degraded performance, 100.00 % uptime.',
    );

    const incident = page.getByRole('article', { name: 'Card payments delayed' });
    await expect(incident.isVisible()).resolves.toBe(true);
    expect(await incident.innerText()).toMatch(/INC-9 · Major impact · Identified · Affects Payments[\s\S]*Identified — The card processor is answering slowly/);
    await page.screenshot({ path: 'test/artifacts/status-page.png', fullPage: true });
    await context.close();
  });

  it('fits a phone: no sideways scrolling and the last 30 days of bars', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.app.url}/status`);
    const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const visible = await page.locator('#component-api .bar').evaluateAll((els) => els.filter((e) => (globalThis as any).getComputedStyle(e).display !== 'none').length);
    expect(visible).toBe(30);
    await expect(page.locator('#component-api .d30').innerText()).resolves.toBe('30 days ago');
    await page.screenshot({ path: 'test/artifacts/status-page-phone.png', fullPage: true });
    await context.close();
  });
});
