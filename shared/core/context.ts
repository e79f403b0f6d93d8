import type { RxDocument, RxDocumentData } from 'rxdb';
import type { Role } from '../sync/protocol';
import type { LtcDatabase } from './database';

export interface CurrentUser {
  id: string;
  name: string;
  /**
   * The sync server's role of the signed-in person; absent for the local user when nobody is
   * signed in, who is the only person on this device and so may approve their own gates.
   */
  role?: Role;
}

/** What every handler needs: the database, who is acting, and the clock (injectable for tests). */
export interface CoreContext {
  database: LtcDatabase;
  currentUser: CurrentUser;
  now: () => number;
}

/**
 * A document's data without RxDB's bookkeeping fields, as a fresh object. Results cross IPC, so
 * they must be plain data. Destructuring is cheaper than toJSON's clone-and-delete, which matters
 * when a board of thousands of cards is rebuilt on every change.
 */
export function withoutMeta<T>(data: RxDocumentData<T>): T {
  const { _rev, _meta, _deleted, _attachments, ...record } = data;
  return record as T;
}

export function plain<T>(doc: RxDocument<T>): T {
  return withoutMeta(doc._data);
}

/** RxDB's write conflict: someone else wrote the document between our read and our write. */
export function isWriteConflict(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { rxdb?: unknown }).rxdb === true &&
    (error as { code?: unknown }).code === 'CONFLICT'
  );
}

/**
 * Runs a read-check-write command again when its write conflicts: every attempt re-reads and
 * re-checks, so a command never writes a decision made on a state that is gone. In one process
 * conflicts come only from interleaved writers (sync, a second window), so a few attempts suffice.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= attempts || !isWriteConflict(error)) throw error;
    }
  }
}
