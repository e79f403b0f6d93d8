// `node --import tsx scripts/measure-sample-load.ts [leads] [repo root]`: loads the sample firm
// with `leads` leads (2500 = 10×) into an empty web profile in Chromium, as a person does with
// the banner's button, and prints how long it took and the page's long tasks meanwhile
// (PerformanceObserver 'longtask'). Needs a web build (`npm run build:web`) in the repo root.
// Issue 19's figures; run it against two builds for a before/after.
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { launchChromium } from '../test/e2e/support/browser';

const leads = Number(process.argv[2] ?? 2500);
const root = process.argv[3] ?? fileURLToPath(new URL('..', import.meta.url));
/** Documents per batch (BATCH=1000); the app's default when unset. */
const batchSize = process.env.BATCH ? Number(process.env.BATCH) : undefined;

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
    __steps: { at: number; text: string }[];
  }
}

const server = await preview({
  configFile: `${root}/renderer/vite.config.ts`,
  root: `${root}/renderer`,
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('no preview URL');
const browser = await launchChromium();
try {
  const context = await browser.newContext({
    locale: 'en',
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await page.addInitScript(
    (size) => {
      localStorage.setItem('ltc.demo.sampleSize', JSON.stringify(size));
      window.__longTasks = [];
      window.__steps = [];
      // When the banner's text changes (simulating, batch k/n): which phase each long task falls in.
      new MutationObserver(() => {
        const text = document.querySelector('[role="status"]')?.textContent ?? '';
        if (window.__steps.at(-1)?.text !== text)
          window.__steps.push({ at: performance.now(), text });
      }).observe(document, { subtree: true, childList: true, characterData: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    },
    { leads, batchSize },
  );
  await page.goto(url);
  const button = page.getByRole('button', { name: 'Load sample data' });
  await button.waitFor();
  await page.waitForTimeout(2000);
  const clickedAt = await page.evaluate(() => performance.now());
  await button.click();
  await page.getByText(/You are looking at sample data: \d+ leads/).waitFor({ timeout: 600_000 });
  const doneAt = await page.evaluate(() => performance.now());
  const tasks = (await page.evaluate(() => window.__longTasks)).filter(
    (t) => t.start >= clickedAt && t.start <= doneAt,
  );
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const blocked = tasks.reduce((sum, t) => sum + t.duration, 0);
  if (process.env.STEPS) {
    const steps = await page.evaluate(() => window.__steps);
    const phaseOf = (at: number) =>
      steps
        .filter((s) => s.at <= at)
        .at(-1)
        ?.text.slice(0, 40);
    for (const t of tasks.filter((t) => t.duration > 150))
      console.log(
        `${Math.round(t.start - clickedAt)} ms +${Math.round(t.duration)} ${phaseOf(t.start)}`,
      );
    for (const s of steps)
      console.log(`  ${Math.round(s.at - clickedAt)} ms ${s.text.slice(0, 40)}`);
  }
  const banner = await page.getByText(/You are looking at sample data/).textContent();
  console.log(
    JSON.stringify({
      root,
      leads,
      batchSize,
      loadSeconds: +((doneAt - clickedAt) / 1000).toFixed(1),
      longTasks: tasks.length,
      longestTaskMs: Math.round(longest),
      blockedMs: Math.round(blocked),
      over200ms: tasks.filter((t) => t.duration > 200).length,
      banner: banner?.slice(0, 90),
    }),
  );
} finally {
  await browser.close();
  await server.close();
}
