import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium } from './support/browser';
import { expectAccessible } from './support/screens';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * The five boards with the sample firm, in zh-CN at 1366×768, each screenshotted the same way so
 * that a change of structure (issue 18's board kit) can be compared with what was there before:
 * run it before and after and look at the pairs. The clock is fixed so that the sample firm and
 * every card's age come out the same on both runs. `LTC_BOARD_SHOTS` names the folder (default
 * test-results/boards).
 */
const OUT = process.env.LTC_BOARD_SHOTS ?? `${ARTIFACTS}/boards`;
const NOW = new Date('2026-12-07T10:00:00+08:00');
const BOARDS = [
  ['leads', '线索看板'],
  ['opportunities', '商机看板'],
  ['contracts', '合同看板'],
  ['delivery', '交付看板'],
  ['collections', '回款看板'],
] as const;

let server: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveWebBuild();
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  context.setDefaultTimeout(30_000);
  await context.clock.setFixedTime(NOW);
  page = await context.newPage();
  await mkdir(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the five boards with the sample firm (zh-CN, 1366×768)', () => {
  it('loads the sample firm', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: '加载示例数据' }).click();
    await page.getByText(/您正在查看示例数据：\d+ 条线索/).waitFor({ timeout: 240_000 });
  }, 300_000);

  for (const [id, label] of BOARDS) {
    it(`shows the ${id} board`, async () => {
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('button', { name: label })
        .click();
      await page.getByRole('heading', { name: label, level: 1 }).waitFor();
      await page.getByRole('listitem').first().waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: `${OUT}/${id}.png` });
    });
  }
});
