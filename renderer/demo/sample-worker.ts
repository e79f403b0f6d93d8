import { sampleBatches } from '../../shared/demo/batches';
import { simulateFirmInMemory } from '../../shared/demo/export';
import type { SampleLanguage } from '../../shared/demo/firm';

/**
 * Simulates the sample firm off the page: a worker is a realm of its own, so its in-memory core
 * does not count against RxDB's collection limit of the page's core, and the simulation's
 * thousands of commands never touch IndexedDB or the page's live queries. The firm comes back as
 * batches, one message each: the page unpacks (structured clone) one batch at a time, so no
 * single task has to take in the whole firm, and stores each with demo/import.
 */
export interface SampleWorkerRequest {
  language: SampleLanguage;
  now: number;
  leads?: number;
  batchSize?: number;
}

export type SampleWorkerResponse =
  /** Share of the simulation done, 0..1, at most every few percent. */
  | { kind: 'simulating'; fraction: number }
  | { kind: 'simulated'; batches: number }
  | { kind: 'batch'; index: number; collections: Record<string, Record<string, unknown>[]> }
  | { kind: 'failed'; message: string };

/** The worker's global scope, typed here: the project's DOM lib types `self` as a window. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SampleWorkerRequest>) => void) | null;
  postMessage(message: SampleWorkerResponse): void;
};

async function simulate(request: SampleWorkerRequest): Promise<void> {
  let reported = 0;
  const firm = await simulateFirmInMemory({
    ...request,
    onProgress: (fraction) => {
      if (fraction - reported >= 0.02) {
        reported = fraction;
        scope.postMessage({ kind: 'simulating', fraction });
      }
    },
  });
  const batches = sampleBatches(firm, request.batchSize);
  scope.postMessage({ kind: 'simulated', batches: batches.length });
  for (const [index, collections] of batches.entries()) {
    scope.postMessage({ kind: 'batch', index, collections });
  }
}

scope.onmessage = (event) => {
  simulate(event.data).catch((error: unknown) =>
    scope.postMessage({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }),
  );
};
