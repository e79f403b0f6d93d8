import type {
  BulkWriteRow,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageInstanceCreationParams,
} from 'rxdb';

/**
 * Rows one storage write takes at most before the thread is given back. A page the sync pulls
 * is 1,000 documents, and RxDB writes it (and its replication meta data) in one bulkWrite: in the
 * web core's worker that held the thread for up to about 0.6 s, so a command the page sent
 * meanwhile waited that long (issue 19). A slice of 100 rows takes a few tens of ms.
 */
export const WRITE_SLICE_ROWS = 100;

/**
 * A task boundary: what arrived meanwhile (a command from the page, an IndexedDB answer) runs
 * before the next slice. In a browser a MessageChannel message, not setTimeout, whose nested
 * timers are clamped to 4 ms; in Node setImmediate, which runs after pending I/O.
 */
function nextTask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * The storage with its big writes cut into slices of `sliceRows`, each its own bulkWrite, with a
 * task boundary between them, so the thread answers commands between the slices of a big write
 * (a pulled page, sample data) instead of after the whole of it. Only scheduling changes: RxDB's
 * bulkWrite is not atomic across documents (each row succeeds or errs on its own), the rows go in
 * their order, and the errors of every slice are returned together. Each slice emits its own
 * change events, as separate writes do.
 */
export function slicedWrites<Internals, Options>(
  storage: RxStorage<Internals, Options>,
  sliceRows = WRITE_SLICE_ROWS,
): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance<D>(params: RxStorageInstanceCreationParams<D, Options>) {
      const instance = await storage.createStorageInstance<D>(params);
      const whole = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows: BulkWriteRow<D>[], context: string) => {
        if (rows.length <= sliceRows) return whole(rows, context);
        const error: RxStorageBulkWriteResponse<D>['error'] = [];
        for (let start = 0; start < rows.length; start += sliceRows) {
          if (start > 0) await nextTask();
          const written = await whole(rows.slice(start, start + sliceRows), context);
          error.push(...written.error);
        }
        return { error };
      };
      return instance;
    },
  };
}
