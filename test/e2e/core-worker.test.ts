import type { Browser, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { installCoreProbe, pageTimings, resetPageTimings, roundTrip } from './support/core-probe';
import { expectAccessible, settled } from './support/screens';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Issue 19: the web build's core runs in a dedicated worker, not in the page. Shown three ways in
 * Chromium on the built app: the page has an ltc-core worker and commands go to it and back;
 * while that worker's thread is held busy, a command waits for it but the page's own timer keeps
 * firing (so the core answers from that thread, and the page does not share it); and while the
 * core stores a sample firm (demo/load, seconds of work) a command still gets its answer before
 * the load ends, the page's timer keeps firing, and the board then shows the firm.
 */
let web: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  web = await serveWebBuild();
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'en',
    viewport: { width: 1366, height: 768 },
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await installCoreProbe(page);
  await page.goto(web.url);
  await page.getByTestId('opportunity-board').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

function coreWorker(): Worker {
  const found = page.workers().find((worker) => /core-worker[^/]*\.js$/.test(worker.url()));
  if (!found) throw new Error(`no core worker among ${page.workers().map((w) => w.url())}`);
  return found;
}

describe('the web core in its worker (Chromium)', () => {
  it('runs in a worker of its own, which answers the page’s commands', async () => {
    expect(coreWorker().url()).toContain('/assets/core-worker-');
    const me = await roundTrip(page, 'profile/current');
    expect(me.ok).toBe(true);
    // The page itself holds no RxDB database: nothing in it opened IndexedDB's ltcdesk database
    // through Dexie, which would have put Dexie on the page's global scope.
    expect(await page.evaluate(() => 'Dexie' in window)).toBe(false);
  });

  it('answers from the worker’s thread: while it is busy a command waits, and the page does not', async () => {
    const BUSY_MS = 1_500;
    await resetPageTimings(page);
    const busy = coreWorker().evaluate((ms) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // Holds the core worker's thread, as a long core task would.
      }
      return performance.timeOrigin + performance.now();
    }, BUSY_MS);
    await page.waitForTimeout(300);
    const during = await roundTrip(page, 'profile/current');
    const releasedAt = await busy;
    expect(during.ok).toBe(true);
    // The answer came only once the worker's thread was free (clocks agree within a millisecond).
    expect(during.answeredAt).toBeGreaterThanOrEqual(releasedAt - 5);
    // Meanwhile the page's 50 ms timer kept firing: in the page, the busy loop would have held it.
    const timings = await pageTimings(page);
    expect(timings.timerTicks).toBeGreaterThanOrEqual(10);
    expect(Math.max(0, ...timings.longTasks)).toBeLessThan(BUSY_MS / 2);
  });

  it('keeps the page free and commands answered while the core stores a sample firm', async () => {
    await resetPageTimings(page);
    const loading = roundTrip(page, 'demo/load', { language: 'en', leads: 60 });
    await page.waitForTimeout(200);
    const during = await roundTrip(page, 'profile/current');
    const loaded = await loading;
    expect(loaded.ok).toBe(true);
    expect(during.ok).toBe(true);
    expect(during.answeredAt).toBeLessThan(loaded.answeredAt);
    const timings = await pageTimings(page);
    console.log(
      `[core-worker] demo/load of 60 leads took ${Math.round(loaded.ms)} ms; a command during it ` +
        `${Math.round(during.ms)} ms; page long tasks ${timings.longTasks.map(Math.round).join(', ') || 'none'}; ` +
        `the 50 ms timer fired ${timings.timerTicks} times, at most ${Math.round(timings.maxTimerLateMs)} ms late`,
    );
    // The page's timer fired throughout the load (at least a tick per 200 ms of it).
    expect(timings.timerTicks).toBeGreaterThanOrEqual(Math.floor(loaded.ms / 200));
    // The board shows the firm the worker stored.
    await expect
      .poll(() => page.getByTestId('opportunity-board').getByRole('listitem').count())
      .toBeGreaterThan(3);
    await settled(page);
    await expectAccessible(page);
    await page.screenshot({ path: `${ARTIFACTS}/core-worker-en-board-after-load.png` });
  });
});
