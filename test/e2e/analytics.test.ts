import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { expectAccessible } from './support/screens';
import { ARTIFACTS, serveWebBuild } from './support/web-server';

/**
 * Flow analytics end to end (issue 6), as a newcomer meets it: an empty web build offers sample
 * data, loads a simulated year of a small firm, and the analytics screen names the bottleneck in
 * plain words; filters change what it shows; one chart is exported as PNG and its data as CSV
 * (checked byte by byte: a PNG, and UTF-8 with BOM so Excel shows the Chinese); then the same
 * screen in English. Screenshots land in test-results/.
 */
let server: Awaited<ReturnType<typeof serveWebBuild>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await serveWebBuild();
  browser = await launchChromium();
  context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(name: string): Promise<void> {
  await expectAccessible(page);
  await page.screenshot({ path: `${ARTIFACTS}/analytics-${name}.png`, fullPage: true });
}

/** Picks an option of an MUI select by its label, as a person does with the mouse. */
async function choose(label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

const findings = () => page.getByRole('region', { name: '瓶颈' });

describe('flow analytics in Chromium (web build)', () => {
  it('offers sample data on an empty database and loads a year of a firm', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: '加载示例数据' }).click();
    // The simulation runs a year of commands; the banner then says what is there.
    await page.getByText(/您正在查看示例数据：\d+ 条线索/).waitFor({ timeout: 240_000 });
    await page.getByRole('button', { name: '合同看板' }).click();
    await expect
      .poll(async () => page.getByRole('listitem').count(), { timeout: 30_000 })
      .toBeGreaterThan(10);
  }, 300_000);

  it('names the bottleneck in plain words and shows the charts', async () => {
    await page.getByRole('button', { name: '流程分析' }).click();
    await choose('期间', '近 12 个月');
    // The sample firm's contracts wait long in Review: the analysis must find it on its own.
    await findings()
      .getByText(/合同在「合同评审」阶段的等待时间中位数为 \d+ 天/)
      .waitFor({ timeout: 60_000 });
    for (const chart of ['销售漏斗 · 商机', '累积流图 · 商机', '应收账款账龄', '客户回款排行']) {
      await page.getByRole('region', { name: new RegExp(chart) }).waitFor();
    }
    // Revenue per customer and repeat customers, as figures; the ranking names customers.
    await expect
      .poll(() => page.getByText('回头客比例').locator('..').textContent())
      .toMatch(/\d+%/);
    await expect
      .poll(() => page.getByText('客户平均回款').locator('..').textContent())
      .toMatch(/¥[\d,]+\.\d\d/);
    await page
      .getByRole('region', { name: /客户回款排行/ })
      .getByText(/有限公司/)
      .first()
      .waitFor();
    await shot('zh-CN');
  }, 120_000);

  it('follows the filters: one owner, then the contract phase', async () => {
    const winRate = page.getByText(/^赢单 \d+ · 输单 \d+$/);
    const all = await winRate.textContent();
    await page.getByRole('combobox', { name: '负责人' }).click();
    const owners = page.getByRole('option');
    // The first option is "all owners"; pick the first person.
    await owners.nth(1).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await expect.poll(async () => winRate.textContent(), { timeout: 30_000 }).not.toBe(all);
    await choose('流程环节', '合同');
    await page.getByRole('region', { name: /销售漏斗 · 合同/ }).waitFor();
    await shot('zh-CN-filtered');
  }, 120_000);

  it('exports a chart as PNG and its data as CSV that Excel opens with Chinese intact', async () => {
    const chart = page.getByRole('region', { name: /销售漏斗 · 合同/ });
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: /导出 PNG/ }).click(),
    ]);
    const pngPath = `${ARTIFACTS}/analytics-export.png`;
    await png.saveAs(pngPath);
    const pngBytes = await readFile(pngPath);
    expect([...pngBytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    // Width and height from the IHDR chunk: drawn at 2×, so wider than the card on screen.
    expect(pngBytes.readUInt32BE(16)).toBeGreaterThan(600);
    expect(pngBytes.readUInt32BE(20)).toBeGreaterThan(200);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: /导出 CSV/ }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/销售漏斗.*\.csv$/);
    const csvPath = `${ARTIFACTS}/analytics-export.csv`;
    await csv.saveAs(csvPath);
    const bytes = await readFile(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toContain('"阶段"');
    expect(lines.some((line) => line.includes('"合同评审"'))).toBe(true);
  }, 60_000);

  it('reads the same in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('region', { name: 'Bottlenecks' })
      .getByText(/Contracts wait a median \d+ days in Review/)
      .waitFor({ timeout: 30_000 });
    await shot('en');
  }, 60_000);
});
