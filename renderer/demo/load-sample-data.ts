import type { CrmApi, DemoStatus } from '../../shared/api';
import type { SampleLanguage } from '../../shared/demo/firm';
import { newId } from '../../shared/domain/ids';
import type { SampleWorkerRequest, SampleWorkerResponse } from './sample-worker';

/** Where a load is: simulating the year (share done), then storing batch `done` of `total`. */
export type SampleLoadProgress =
  { phase: 'simulating'; fraction: number } | { phase: 'storing'; done: number; total: number };

export interface SampleLoadOptions {
  /** Leads of the simulated year (the full firm when absent). */
  leads?: number;
  /** Documents per demo/import command. */
  batchSize?: number;
  onProgress?: (progress: SampleLoadProgress) => void;
}

/**
 * A size for the sample firm set in localStorage (`{"leads":2500,"batchSize":500}`): how the
 * end-to-end test loads a small firm in small batches, and how a 10× firm is measured in the
 * browser. Not offered in the UI; anything malformed is ignored.
 */
export const SAMPLE_SIZE_KEY = 'ltc.demo.sampleSize';

export function sampleSizeOverride(): Pick<SampleLoadOptions, 'leads' | 'batchSize'> {
  try {
    const raw = globalThis.localStorage?.getItem(SAMPLE_SIZE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { leads, batchSize } = parsed as Record<string, unknown>;
    const positive = (n: unknown) =>
      Number.isInteger(n) && (n as number) > 0 ? (n as number) : undefined;
    return { leads: positive(leads), batchSize: positive(batchSize) };
  } catch {
    return {};
  }
}

/** The worker's answers, one at a time, in the order it sent them. */
function startWorker(request: SampleWorkerRequest): {
  next: () => Promise<SampleWorkerResponse>;
  stop: () => void;
} {
  const worker = new Worker(new URL('./sample-worker.ts', import.meta.url), { type: 'module' });
  const arrived: SampleWorkerResponse[] = [];
  let waiting: ((message: SampleWorkerResponse) => void) | undefined;
  const deliver = (message: SampleWorkerResponse) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(message);
    } else arrived.push(message);
  };
  worker.onmessage = (event: MessageEvent<SampleWorkerResponse>) => deliver(event.data);
  worker.onerror = (event) =>
    deliver({ kind: 'failed', message: event.message || 'the sample-data worker failed' });
  worker.postMessage(request);
  return {
    next: () => {
      const message = arrived.shift();
      return message ? Promise.resolve(message) : new Promise((resolve) => (waiting = resolve));
    },
    stop: () => worker.terminate(),
  };
}

/**
 * Gives the page a frame between two batches: it paints the progress and handles input. A hidden
 * tab gets no animation frames, so a timer ends the wait there and the load goes on.
 */
const yieldToPage = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });

class WorkerUnavailable extends Error {}

async function loadThroughWorker(
  api: CrmApi,
  request: SampleWorkerRequest,
  onProgress: (progress: SampleLoadProgress) => void,
): Promise<DemoStatus> {
  let worker: ReturnType<typeof startWorker>;
  try {
    worker = startWorker(request);
  } catch (error) {
    throw new WorkerUnavailable(String(error));
  }
  try {
    const loadId = newId();
    let total = 0;
    let status: DemoStatus | undefined;
    for (;;) {
      const message = await worker.next();
      if (message.kind === 'failed') {
        // Nothing stored yet: the worker itself could not run here; else a real failure.
        if (total === 0) throw new WorkerUnavailable(message.message);
        throw new Error(message.message);
      }
      if (message.kind === 'simulating')
        onProgress({ phase: 'simulating', fraction: message.fraction });
      if (message.kind === 'simulated') {
        total = message.batches;
        onProgress({ phase: 'storing', done: 0, total });
      }
      if (message.kind === 'batch') {
        status = await api.invoke('demo/import', {
          collections: message.collections,
          batch: { loadId, index: message.index },
        });
        onProgress({ phase: 'storing', done: message.index + 1, total });
        await yieldToPage();
        if (message.index + 1 === total) return status;
      }
    }
  } finally {
    worker.stop();
  }
}

/**
 * Loads the sample firm: simulated in a worker and stored in batches where workers exist (the web
 * app and Electron's renderer), else simulated by the core itself (tests in jsdom).
 */
export async function loadSampleData(
  api: CrmApi,
  language: SampleLanguage,
  options: SampleLoadOptions = {},
): Promise<DemoStatus> {
  const { leads, batchSize, onProgress = () => undefined } = options;
  if (typeof Worker === 'undefined') return api.invoke('demo/load', { language, leads });
  try {
    return await loadThroughWorker(
      api,
      { language, now: Date.now(), leads, batchSize },
      onProgress,
    );
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    // A host that cannot start module workers (an unusual CSP or protocol): the core simulates
    // the firm itself, slower but the same firm.
    return api.invoke('demo/load', { language, leads });
  }
}
