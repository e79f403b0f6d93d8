import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { expectAccessible } from './support/screens';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Issue 19: loading sample data shows its progress and ends with the board. A small firm in small
 * batches (the size set through localStorage, as renderer/demo/load-sample-data.ts allows) so the
 * test is quick yet stores several batches: the banner must have said "batch k of n" for every k,
 * with a progress bar, and the board must hold the firm's cards at the end. Screenshots of the
 * progress in zh-CN and en at 1366×768 land in test-results/.
 */
const LEADS = 30;
const BATCH = 60;

let server: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;

beforeAll(async () => {
  server = await serveWebBuild();
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

declare global {
  interface Window {
    /**
     * Every distinct text the sample-data status showed, in order, with its progress bar's value
     * (collected in the page; null without a bar).
     */
    __progressTexts: { text: string; bar: string | null }[];
  }
}

async function openEmptyApp(locale: 'zh-CN' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.addInitScript(
    ({ leads, batchSize }) => {
      localStorage.setItem('ltc.demo.sampleSize', JSON.stringify({ leads, batchSize }));
      // Record what the status says as it changes: the test cannot poll fast enough to see
      // every batch of a small firm.
      window.__progressTexts = [];
      new MutationObserver(() => {
        for (const status of document.querySelectorAll('[role="status"]')) {
          const text = status.textContent ?? '';
          const bar =
            status.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? null;
          const last = window.__progressTexts.at(-1);
          if (text && (last?.text !== text || last.bar !== bar)) {
            window.__progressTexts.push({ text, bar });
          }
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    },
    { leads: LEADS, batchSize: BATCH },
  );
  await page.goto(server.url);
  return page;
}

async function loadWithProgress(
  page: Page,
  words: { load: string; storing: RegExp; present: RegExp },
  screenshot: string,
): Promise<void> {
  // The firm's batches are stored in the core's worker, off the page: on a quick machine a small
  // firm is in before a locator could see a batch's banner, so wait for the recorded texts.
  await page.getByRole('button', { name: words.load }).click();
  await page.waitForFunction(
    (source) => window.__progressTexts.some(({ text }) => new RegExp(source).test(text)),
    words.storing.source,
    { timeout: 120_000 },
  );
  await page.screenshot({ path: `${ARTIFACTS}/sample-data-progress-${screenshot}.png` });
  // axe-core while the banner shows its progress (or, on a quick machine, just after).
  await expectAccessible(page);
  await page.getByText(words.present).waitFor({ timeout: 120_000 });

  // Every batch was shown, in order, each with its bar at done/total, and there were several.
  const seen = await page.evaluate(() => window.__progressTexts);
  const shown = new Map<number, { total: number; bar: string | null }>();
  for (const { text, bar } of seen) {
    const m = words.storing.exec(text);
    if (m) shown.set(Number(m[1]), { total: Number(m[2]), bar });
  }
  const total = shown.get(0)?.total ?? 0;
  expect(total).toBeGreaterThan(3);
  expect([...shown.keys()]).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
  for (const [done, step] of shown) {
    expect(step.total).toBe(total);
    expect(step.bar).toBe(String(Math.round((100 * done) / total)));
  }

  // It ends with the board: the firm's opportunity cards.
  await expect
    .poll(() => page.getByTestId('opportunity-board').getByRole('listitem').count())
    .toBeGreaterThan(3);
  await expectAccessible(page);
}

describe('loading sample data in Chromium (web build)', () => {
  it('shows each batch stored, with a progress bar, and ends with the board (zh-CN)', async () => {
    const page = await openEmptyApp('zh-CN');
    await loadWithProgress(
      page,
      {
        load: '加载示例数据',
        storing: /正在载入示例数据 (\d+)\/(\d+)/,
        present: new RegExp(`您正在查看示例数据：${LEADS} 条线索`),
      },
      'zh-CN',
    );
    await page.screenshot({ path: `${ARTIFACTS}/sample-data-loaded-zh-CN.png` });
  }, 240_000);

  it('does the same in English', async () => {
    const page = await openEmptyApp('en');
    await loadWithProgress(
      page,
      {
        load: 'Load sample data',
        storing: /Loading sample data (\d+)\/(\d+)/,
        present: new RegExp(`You are looking at sample data: ${LEADS} leads`),
      },
      'en',
    );
  }, 240_000);
});
