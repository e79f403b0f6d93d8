/**
 * Board render benchmark, in Chromium on the real renderer: the leads board (virtualised columns,
 * filters, WIP and aging tools included) with 5,000 leads against the same board with 50, in the
 * same run. Two measurements per size:
 * - first render: from mounting the board to the first painted frame showing every column's count
 *   (the board's live query reading IndexedDB included; a fresh page, so a fresh core, each time);
 * - drop: a real pointer drag of one card from New to Contacted, from the pointerup to the first
 *   painted frame where the card has left New and Contacted's count has gone up (the move command,
 *   its stage event, the live query and the re-render).
 * The page is bench/board-render/entry.tsx, built with Vite's JS API into a temporary folder and
 * served by Vite's preview server. Ratios are 5,000-card time over 50-card time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launchChromium } from '../test/e2e/support/browser';
import { median, type Benchmark, type Measurement } from './measure';

const SIZES = [50, 5_000] as const;
const RENDERS = { repetitions: 7, warmup: 1 };
const DROPS = { repetitions: 9, warmup: 1 };
const root = fileURLToPath(new URL('./board-render/', import.meta.url));

interface BenchPage {
  count: number;
  query(): Promise<number>;
  render(): Promise<number>;
  watchDrop(id: string, from: string, to: string): Promise<number>;
}

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  });
}

/** Opens the page for `count` leads (seeding IndexedDB on first open) and waits for its core. */
async function openBoardPage(page: Page, url: string, count: number): Promise<void> {
  await page.goto(`${url}?n=${count}`);
  await page.waitForFunction(
    () => {
      const w = window as unknown as { benchBoard?: unknown; benchError?: string };
      if (w.benchError) throw new Error(w.benchError);
      return w.benchBoard !== undefined;
    },
    undefined,
    { timeout: 120_000, polling: 50 },
  );
}

const queryOnce = (page: Page) =>
  page.evaluate(() => (window as unknown as { benchBoard: BenchPage }).benchBoard.query());

const renderOnce = (page: Page) =>
  page.evaluate(() => (window as unknown as { benchBoard: BenchPage }).benchBoard.render());

/** Drags the first card of New onto Contacted with the mouse, as a person would. */
async function dropOnce(page: Page): Promise<number> {
  const card = page.locator('section[data-stage="new"] [data-lead-id]').first();
  const id = await card.getAttribute('data-lead-id');
  if (!id) throw new Error('no card in New');
  const from = await card.boundingBox();
  const target = await page.locator('section[data-stage="contacted"]').boundingBox();
  if (!from || !target) throw new Error('board not laid out');
  const timing = page.evaluate(
    (cardId) =>
      (window as unknown as { benchBoard: BenchPage }).benchBoard.watchDrop(
        cardId,
        'new',
        'contacted',
      ),
    id,
  );
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + 20, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 3, { steps: 8 });
  await page.mouse.up();
  return timing;
}

async function measureSize(page: Page, url: string, count: number) {
  const renders: number[] = [];
  const queries: number[] = [];
  for (let i = 0; i < RENDERS.warmup + RENDERS.repetitions; i++) {
    // A fresh page (and core) for each: the query alone, then the board.
    await openBoardPage(page, url, count);
    const query = await queryOnce(page);
    await openBoardPage(page, url, count);
    const ms = await renderOnce(page);
    if (i >= RENDERS.warmup) {
      renders.push(ms);
      queries.push(query);
    }
  }
  // The board from the last render is on screen: drag cards on it.
  const drops: number[] = [];
  for (let i = 0; i < DROPS.warmup + DROPS.repetitions; i++) {
    const ms = await dropOnce(page);
    if (i >= DROPS.warmup) drops.push(ms);
  }
  return { renders, drops, queries };
}

const label = (what: string, count: number) => `${what}, ${count.toLocaleString('en')} leads`;

async function run(): Promise<Measurement[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'ltc-board-bench-'));
  await buildPage(outDir);
  const server = await preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  });
  const url = server.resolvedUrls?.local[0];
  const browser = await launchChromium();
  try {
    if (!url) throw new Error('preview server has no URL');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const results = new Map<number, { renders: number[]; drops: number[]; queries: number[] }>();
    for (const count of SIZES) results.set(count, await measureSize(page, url, count));
    const [small, large] = SIZES;
    const rows: Measurement[] = [];
    for (const [what, pick, reps] of [
      ['first render of the board', 'renders', RENDERS.repetitions],
      // Not asked for: how much of the first render is the live query reading IndexedDB.
      ["of which the board's live query alone (no UI)", 'queries', RENDERS.repetitions],
      ['drop → updated board', 'drops', DROPS.repetitions],
    ] as const) {
      const base = label(what, small);
      for (const count of [small, large]) {
        rows.push({
          label: label(what, count),
          medianMs: median(results.get(count)![pick]),
          repetitions: reps,
          ...(count === large ? { baseline: base } : {}),
          note: `min ${Math.min(...results.get(count)![pick]).toFixed(1)} / max ${Math.max(...results.get(count)![pick]).toFixed(1)} ms`,
        });
      }
    }
    return rows;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

export const boardRenderBenchmark: Benchmark = {
  name: 'Leads board in Chromium (web build): 5,000 cards against 50, same run',
  run,
};
