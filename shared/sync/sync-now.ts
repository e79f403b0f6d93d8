import { firstValueFrom } from 'rxjs';
import type { SyncSession } from './session';

/** Why "Sync now" did not finish. */
export type SyncNowFailure = 'signedOut' | 'unreachable' | 'server' | 'stopped';

export class SyncNowError extends Error {
  constructor(
    readonly reason: SyncNowFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SyncNowError';
  }
}

/**
 * "Sync now": the backoff is cut short, the stream reconnects and every collection pulls and
 * pushes; resolves when all are in sync, or rejects with the first failure the session reports.
 */
export async function syncSessionNow(session: SyncSession | undefined): Promise<void> {
  if (!session) throw new SyncNowError('signedOut', 'Not signed in to a sync server.');
  const replications = [...session.replications.values()];
  // Subscribed before anything is asked, so no failure and no completed pull is missed.
  const pulled = Promise.all(replications.map((r) => firstValueFrom(r.pulled$)));
  let unsubscribe = () => {};
  const failed = new Promise<never>((_, reject) => {
    const failures = session.connectivity.failed$.subscribe((error) => {
      if (error.kind === 'unauthorized') {
        reject(new SyncNowError('signedOut', error.message));
      } else {
        reject(
          new SyncNowError(error.kind === 'unreachable' ? 'unreachable' : 'server', error.message),
        );
      }
    });
    const stopped = session.stopped$.subscribe(() =>
      reject(new SyncNowError('stopped', 'Sync was stopped.')),
    );
    unsubscribe = () => {
      failures.unsubscribe();
      stopped.unsubscribe();
    };
  });
  try {
    session.connectivity.wake();
    session.stream.reconnect();
    for (const replication of replications) replication.state.reSync();
    await Promise.race([
      (async () => {
        await pulled;
        for (const replication of replications) await replication.state.awaitInSync();
      })(),
      failed,
    ]);
  } finally {
    unsubscribe();
  }
}
