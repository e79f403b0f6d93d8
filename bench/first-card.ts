/**
 * Reopening a synced web profile (issue 19, item 1): the time from a reload's navigation start to
 * the first painted opportunity card, with sync on against the same profile with sync off (its
 * token taken out of localStorage, as the issue measured it), in Chromium on the built web app.
 * The firm is the sample firm at 1× (250 leads, `npm run demo`'s data) on a real sync server on
 * 127.0.0.1, first synced into the page through the sign-in dialog (that first sync's time is
 * printed too). Reloads alternate on/off so drift in the machine hits both alike. Target: sync on
 * within 1.2× of sync off. LTC_BENCH_LEADS sets another size (2500 for 10×).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createSyncServer } from '../server/app';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
} from '../server/demo/seed-organisation';
import { openSyncStore } from '../server/store/index';
import { launchChromium } from '../test/e2e/support/browser';
import { signInThroughDialog, syncControl, SYNCED_ZH } from '../test/e2e/support/sync-panel';
import { serveWebBuild } from '../test/e2e/support/web-server';
import { median, type Benchmark, type Measurement } from './measure';

const REPETITIONS = 7;
const TOKEN_KEY = 'ltcdesk.syncToken';

/** Reloads and returns the ms from navigation start to the first frame with a card on the board. */
async function reloadToFirstCard(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  const at = await page.waitForFunction(
    () =>
      document.querySelector(
        '[data-testid="opportunity-board"] [role="listitem"][aria-label^="商机："]',
      )
        ? performance.now()
        : false,
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await at.jsonValue()) as number;
}

async function run(): Promise<Measurement[]> {
  const leads = Number(process.env.LTC_BENCH_LEADS ?? 250);
  const dir = mkdtempSync(join(tmpdir(), 'ltc-bench-first-card-'));
  const store = await openSyncStore({ kind: 'sqlite', file: join(dir, 'sync.sqlite') });
  const seeded = await seedDemoOrganisation(store, { language: 'zh-CN', now: Date.now(), leads });
  const app = await createSyncServer({ store, logger: false });
  const serverUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const web = await serveWebBuild();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    await page.goto(web.url);
    await page.getByTestId('opportunity-board').waitFor();
    const signedIn = Date.now();
    await signInThroughDialog(page, {
      serverUrl,
      firmCode: DEMO_FIRM_CODE,
      username: 'manager',
      password: DEMO_PASSWORD,
    });
    await syncControl(page, SYNCED_ZH).waitFor({ timeout: 600_000 });
    const firstSyncMs = Date.now() - signedIn;

    const token = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
    if (!token) throw new Error('no sync token after sign-in');
    const on: number[] = [];
    const off: number[] = [];
    // One of each first, not counted: the browser's caches warm up.
    for (let i = 0; i <= REPETITIONS; i++) {
      const synced = await reloadToFirstCard(page);
      await syncControl(page, SYNCED_ZH).waitFor({ timeout: 120_000 });
      await page.evaluate((key) => localStorage.removeItem(key), TOKEN_KEY);
      const unsynced = await reloadToFirstCard(page);
      await page.evaluate((value) => localStorage.setItem(value.key, value.token), {
        key: TOKEN_KEY,
        token,
      });
      if (i > 0) {
        on.push(synced);
        off.push(unsynced);
      }
    }
    const size = `${leads} leads, ${seeded.documents} records`;
    const offLabel = `first card on reload, sync off (${size})`;
    return [
      { label: offLabel, medianMs: median(off), repetitions: REPETITIONS },
      {
        label: `first card on reload, sync on (${size})`,
        medianMs: median(on),
        repetitions: REPETITIONS,
        baseline: offLabel,
        targetRatio: 1.2,
        note: `runs ${on.map((ms) => Math.round(ms)).join(', ')} vs ${off.map((ms) => Math.round(ms)).join(', ')}`,
      },
      {
        label: `first sync into a fresh profile (${size})`,
        medianMs: firstSyncMs,
        repetitions: 1,
      },
    ];
  } finally {
    await browser.close();
    await web.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const firstCardBenchmark: Benchmark = { name: 'Reopening a synced profile (web)', run };
