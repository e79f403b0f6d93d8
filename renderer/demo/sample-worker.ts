import { simulateFirmInMemory } from '../../shared/demo/export';
import type { SampleLanguage } from '../../shared/demo/firm';

/**
 * Simulates the sample firm off the page: a worker is a realm of its own, so its in-memory core
 * does not count against RxDB's collection limit of the page's core, and the simulation's
 * thousands of commands never touch IndexedDB or the page's live queries. The page then stores
 * the result in one step (demo/import).
 */
export interface SampleWorkerRequest {
  language: SampleLanguage;
  now: number;
}

export type SampleWorkerResponse =
  | { ok: true; collections: Record<string, Record<string, unknown>[]> }
  | { ok: false; message: string };

/** The worker's global scope, typed here: the project's DOM lib types `self` as a window. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SampleWorkerRequest>) => void) | null;
  postMessage(message: SampleWorkerResponse): void;
};

scope.onmessage = (event) => {
  simulateFirmInMemory(event.data).then(
    ({ collections }) => scope.postMessage({ ok: true, collections }),
    (error: unknown) =>
      scope.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
