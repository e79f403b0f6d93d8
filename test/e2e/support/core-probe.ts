import type { Page } from 'playwright-core';

/**
 * What a test or bench sees of the page while the web core works in its worker: the page's long
 * tasks (PerformanceObserver 'longtask', 50 ms and over), how late a 50 ms page timer fired, and
 * a command's round trip from the page to the core worker and back through the real message
 * protocol (renderer/web/core-protocol.ts). Installed before the app's own scripts run; it wraps
 * the Worker constructor only to keep hold of the worker named ltc-core, so production code needs
 * no test hook.
 */
export interface PageTimings {
  /** Long tasks since the last reset: their durations in ms. */
  longTasks: number[];
  /** The most a 50 ms interval fired late since the last reset, in ms. */
  maxTimerLateMs: number;
  /** How often the 50 ms interval fired since the last reset. */
  timerTicks: number;
}

interface RoundTrip {
  ok: boolean;
  ms: number;
  /** performance.timeOrigin + performance.now() when the answer reached the page. */
  answeredAt: number;
}

declare global {
  interface Window {
    __ltcProbe: {
      core?: Worker;
      timings: PageTimings;
      reset(): void;
      invoke(command: string, args: unknown): Promise<RoundTrip>;
    };
  }
}

/** Adds the probe to every page of `page`'s context that loads after this. */
export async function installCoreProbe(page: Page): Promise<void> {
  // tsx (the benches) compiles with esbuild's keepNames, which wraps named functions in a
  // `__name` helper that exists only in Node: the page gets a do-nothing one.
  await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await page.addInitScript(() => {
    const TICK_MS = 50;
    const timings: PageTimings = { longTasks: [], maxTimerLateMs: 0, timerTicks: 0 };
    let nextId = 2_000_000_000; // far above the page bridge's own ids, which count from 1
    const PageWorker = window.Worker;
    const probe: Window['__ltcProbe'] = {
      timings,
      reset() {
        timings.longTasks = [];
        timings.maxTimerLateMs = 0;
        timings.timerTicks = 0;
      },
      invoke(command, args) {
        const core = probe.core;
        if (!core) return Promise.reject(new Error('no ltc-core worker in this page'));
        const id = ++nextId;
        const started = performance.now();
        return new Promise((resolve) => {
          const onMessage = (
            event: MessageEvent<{ kind: string; id?: number; envelope?: { ok: boolean } }>,
          ) => {
            if (event.data.kind !== 'result' || event.data.id !== id) return;
            core.removeEventListener('message', onMessage);
            const now = performance.now();
            resolve({
              ok: event.data.envelope?.ok === true,
              ms: now - started,
              answeredAt: performance.timeOrigin + now,
            });
          };
          core.addEventListener('message', onMessage);
          core.postMessage({ kind: 'invoke', id, command, args });
        });
      },
    };
    window.__ltcProbe = probe;
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name === 'ltc-core') probe.core = this;
      }
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) timings.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    let expected = performance.now() + TICK_MS;
    setInterval(() => {
      const now = performance.now();
      timings.maxTimerLateMs = Math.max(timings.maxTimerLateMs, now - expected);
      timings.timerTicks += 1;
      expected = now + TICK_MS;
    }, TICK_MS);
  });
}

export const pageTimings = (page: Page): Promise<PageTimings> =>
  page.evaluate(() => structuredClone(window.__ltcProbe.timings));

export const resetPageTimings = (page: Page): Promise<void> =>
  page.evaluate(() => window.__ltcProbe.reset());

/** One command from the page to the core worker and back. */
export const roundTrip = (page: Page, command: string, args: unknown = {}): Promise<RoundTrip> =>
  page.evaluate(([c, a]) => window.__ltcProbe.invoke(c, a), [command, args] as const);
