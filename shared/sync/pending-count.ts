import type { SyncSession } from './session';

/**
 * The number of local changes the server does not have yet (the status's pendingChanges and the
 * reminder's reason). Counting reads every collection's replication state, so counts run one at
 * a time and only for the session that is current when they finish.
 */
export class PendingCount {
  value = 0;
  private recounting: Promise<void> | undefined;
  private recountAgain = false;

  constructor(
    private readonly session: () => SyncSession | undefined,
    /** After every count (the status may have changed). */
    private readonly onCounted: () => void,
  ) {}

  /**
   * Counts again soon. Counts never overlap; a request during a count runs one more after it, so
   * the last count always starts after the last change.
   */
  schedule(): void {
    this.recountAgain = true;
    if (this.recounting) return;
    this.recounting = (async () => {
      // Yield first: the body must run after `this.recounting` is assigned, or its finally
      // would clear the field before the assignment sets it for good.
      await Promise.resolve();
      try {
        while (this.recountAgain) {
          this.recountAgain = false;
          const session = this.session();
          if (!session || session.isStopped()) continue;
          try {
            const count = await session.countPending();
            if (session === this.session() && !session.isStopped()) this.value = count;
          } catch {
            // A storage closing under the count (sign-out, close): the next count will be right.
          }
          this.onCounted();
        }
      } finally {
        // Cleared in the same turn the loop ends, so no request falls between check and clear.
        this.recounting = undefined;
      }
    })();
  }

  /** A count that starts after this call (a running one may predate the latest writes). */
  async countNow(): Promise<void> {
    this.schedule();
    await this.recounting;
  }
}
