import type { CrmApi, DemoStatus } from '../../shared/api';
import type { SampleLanguage } from '../../shared/demo/firm';
import type { SampleWorkerRequest, SampleWorkerResponse } from './sample-worker';

function simulateInWorker(request: SampleWorkerRequest): Promise<SampleWorkerResponse> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sample-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SampleWorkerResponse>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the sample-data worker failed'));
    };
    worker.postMessage(request);
  });
}

/**
 * Loads the sample firm: simulated in a worker and stored in one step where workers exist (the
 * web app and Electron's renderer), else simulated by the core itself (tests in jsdom).
 */
export async function loadSampleData(api: CrmApi, language: SampleLanguage): Promise<DemoStatus> {
  if (typeof Worker === 'undefined') return api.invoke('demo/load', { language });
  let result: SampleWorkerResponse;
  try {
    result = await simulateInWorker({ language, now: Date.now() });
  } catch {
    // A host that cannot start module workers (an unusual CSP or protocol): the core simulates
    // the firm itself, slower but the same firm.
    return api.invoke('demo/load', { language });
  }
  if (!result.ok) throw new Error(result.message);
  return api.invoke('demo/import', { collections: result.collections });
}
