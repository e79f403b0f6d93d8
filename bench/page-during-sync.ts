/**
 * The page while the web core does a first sync (issue 19, item 2): with the core in its worker,
 * during a 10× first sync no long task over 200 ms in the page, and a command's round trip within
 * 2× its idle time. In Chromium on the built web app, against a sync server in a process of its
 * own (the sample firm seeded into its SQLite file): a command (profile/current) goes from the
 * page to the core worker and back, first with nothing else running (the baseline, same page),
 * then every 100 ms from the moment the sign-in dialog closes until the sync status says synced.
 * The page's long tasks (PerformanceObserver) and how late a 50 ms page timer fired are taken
 * over the same two windows. Twice, each into a fresh profile: with the opportunity board on
 * screen (the page renders the board as the sync fills it), and on My day (little to render, so
 * what remains is what the core in its worker costs the page). LTC_BENCH_LEADS sets the size:
 * 2500 (10×) by default.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
} from '../server/demo/seed-organisation';
import { openSyncStore } from '../server/store/index';
import { launchChromium } from '../test/e2e/support/browser';
import {
  installCoreProbe,
  pageTimings,
  resetPageTimings,
  roundTrip,
  type PageTimings,
} from '../test/e2e/support/core-probe';
import { signInThroughDialog, syncControl, SYNCED_ZH } from '../test/e2e/support/sync-panel';
import { serveWebBuild } from '../test/e2e/support/web-server';
import { median, type Benchmark, type Measurement } from './measure';
import { startServerProcess } from './sync-client';

const IDLE_TRIPS = 40;
const GAP_MS = 100;
const LONG_TASK_LIMIT_MS = 200;

/** Round trips of one command, GAP_MS apart, until `done` says stop. */
async function tripsUntil(page: Page, done: () => Promise<boolean>): Promise<number[]> {
  const times: number[] = [];
  while (!(await done())) {
    const trip = await roundTrip(page, 'profile/current');
    if (!trip.ok) throw new Error('profile/current failed');
    times.push(trip.ms);
    await page.waitForTimeout(GAP_MS);
  }
  return times;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;

function pageNote(timings: PageTimings): string {
  const longest = Math.max(0, ...timings.longTasks);
  const blocked = timings.longTasks.reduce((sum, ms) => sum + ms, 0);
  return (
    `${timings.longTasks.length} long tasks, ${Math.round(blocked)} ms in all; ` +
    `50 ms timer at most ${Math.round(timings.maxTimerLateMs)} ms late; ` +
    `≤ ${LONG_TASK_LIMIT_MS} ms: ${longest <= LONG_TASK_LIMIT_MS ? 'within' : 'OVER'}`
  );
}

/** What one first sync into a fresh profile showed, from the page, on one screen. */
interface FirstSyncSeen {
  idle: number[];
  idleTimings: PageTimings;
  during: number[];
  syncTimings: PageTimings;
  firstSyncMs: number;
}

/**
 * A fresh profile (a new browser context) on `screen` (its navigation button, zh-CN): the idle
 * round trips, then the sign-in and the round trips until the first sync is done.
 */
async function firstSync(browser: Browser, url: string, apiUrl: string, screen: string) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  try {
    const page = await context.newPage();
    await installCoreProbe(page);
    await page.goto(url);
    await page.getByTestId('opportunity-board').waitFor();
    await page.getByRole('button', { name: screen }).click();
    // The app settles (fonts, the first screen's queries) before the idle baseline.
    await page.waitForTimeout(1_000);

    await resetPageTimings(page);
    let idleCount = 0;
    const idle = await tripsUntil(page, async () => idleCount++ >= IDLE_TRIPS);
    const idleTimings = await pageTimings(page);

    await signInThroughDialog(page, {
      serverUrl: new URL(apiUrl).origin,
      firmCode: DEMO_FIRM_CODE,
      username: 'manager',
      password: DEMO_PASSWORD,
    });
    const syncStarted = Date.now();
    await resetPageTimings(page);
    const synced = syncControl(page, SYNCED_ZH);
    const during = await tripsUntil(page, async () => (await synced.count()) > 0);
    const firstSyncMs = Date.now() - syncStarted;
    const seen: FirstSyncSeen = {
      idle,
      idleTimings,
      during,
      syncTimings: await pageTimings(page),
      firstSyncMs,
    };
    return seen;
  } finally {
    await context.close();
  }
}

/** The rows of one first sync, named after the screen the page showed. */
function rows(seen: FirstSyncSeen, where: string, size: string): Measurement[] {
  const { idle, idleTimings, during, syncTimings, firstSyncMs } = seen;
  const idleLabel = `command round trip, page idle (${where})`;
  return [
    { label: idleLabel, medianMs: median(idle), repetitions: idle.length },
    {
      label: `command round trip during first sync (${where})`,
      medianMs: median(during),
      repetitions: during.length,
      baseline: idleLabel,
      targetRatio: 2,
      note: `p95 ${Math.round(percentile(during, 0.95))} ms (idle ${Math.round(percentile(idle, 0.95))}), max ${Math.round(Math.max(...during))} ms`,
    },
    {
      label: `longest page long task, idle (${where})`,
      medianMs: Math.max(0, ...idleTimings.longTasks),
      repetitions: 1,
      note: pageNote(idleTimings),
    },
    {
      label: `longest page long task during first sync (${where})`,
      medianMs: Math.max(0, ...syncTimings.longTasks),
      repetitions: 1,
      note: pageNote(syncTimings),
    },
    {
      label: `first sync into a fresh profile (${where}, ${size})`,
      medianMs: firstSyncMs,
      repetitions: 1,
    },
  ];
}

async function run(): Promise<Measurement[]> {
  const leads = Number(process.env.LTC_BENCH_LEADS ?? 2500);
  const dir = mkdtempSync(join(tmpdir(), 'ltc-bench-page-sync-'));
  const file = join(dir, 'sync.sqlite');
  const store = await openSyncStore({ kind: 'sqlite', file });
  const seeded = await seedDemoOrganisation(store, { language: 'zh-CN', now: Date.now(), leads });
  await store.close();
  const server = await startServerProcess({ kind: 'sqlite', file });
  const web = await serveWebBuild();
  const browser = await launchChromium();
  try {
    const size = `${leads} leads, ${seeded.documents} records`;
    // On the opportunity board the page renders the board as the sync fills it; on My day it
    // has little to render, so what is left there is what the core in its worker costs the page.
    const board = await firstSync(browser, web.url, server.apiUrl, '商机看板');
    const myDay = await firstSync(browser, web.url, server.apiUrl, '我的一天');
    return [...rows(board, 'on the opportunity board', size), ...rows(myDay, 'on My day', size)];
  } finally {
    await browser.close();
    await web.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const pageDuringSyncBenchmark: Benchmark = {
  name: 'The page during a first sync (web core in its worker)',
  run,
};
