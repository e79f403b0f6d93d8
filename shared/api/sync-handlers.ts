import { SignInError, type ConflictEntry, type SyncEngine } from '../sync/types';
import type { SyncService } from './crm-api';
import { CrmError, type SyncFailureReason } from './errors';

/** Unresolved entries first (they still ask for a decision), then the newest first. */
export function orderConflicts(entries: readonly ConflictEntry[]): ConflictEntry[] {
  return [...entries].sort((a, b) => {
    const aOpen = a.resolvedAt === undefined;
    const bOpen = b.resolvedAt === undefined;
    if (aOpen !== bOpen) return aOpen ? -1 : 1;
    return b.at - a.at;
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failed sign-in as the error the sign-in dialog words by its reason. */
function signInFailed(error: unknown): unknown {
  if (error instanceof SignInError) {
    return new CrmError({ type: 'SignInFailed', message: error.message, reason: error.reason });
  }
  return error;
}

const SYNC_FAILURE_REASONS: readonly string[] = ['signedOut', 'unreachable', 'server', 'stopped'];

/**
 * The reason the engine gave for a failed "Sync now". Read off the error's fields, not by
 * `instanceof SyncNowError`: importing the engine here would pull RxDB into the renderer bundle.
 */
function syncFailureReason(error: unknown): SyncFailureReason | undefined {
  if (error instanceof SignInError) {
    if (error.reason === 'unreachable') return 'unreachable';
    return error.reason === 'wrongCredentials' ? 'signedOut' : 'server';
  }
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && SYNC_FAILURE_REASONS.includes(reason)
    ? (reason as SyncFailureReason)
    : undefined;
}

/** A failed "Sync now" as SyncFailed, with the reason when the engine knows it. */
function syncFailed(error: unknown): unknown {
  if (error instanceof CrmError) return error;
  const reason = syncFailureReason(error);
  return new CrmError({
    type: 'SyncFailed',
    message: messageOf(error),
    ...(reason ? { reason } : {}),
  });
}

/** Runs an engine action; its failure becomes an error the UI can word. */
async function run<T>(action: () => Promise<T>, toError: (error: unknown) => unknown): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw toError(error);
  }
}

/** A watch that reports a synchronous failure (engine closed) as the query's error. */
function watch<T>(
  start: (listener: (value: T) => void) => () => void,
  onResult: (value: T) => void,
  onError: (error: unknown) => void,
): () => void {
  try {
    return start(onResult);
  } catch (error) {
    onError(error);
    return () => undefined;
  }
}

/**
 * The sync commands and live queries of the CrmApi contract, over a host's SyncEngine. The
 * hosts (main/, renderer/web/host.ts) merge these with the core's service (withSync) behind one
 * dispatcher, which validates every argument before anything here runs. Failures of the other
 * actions (an entry that is gone) pass through and read as the generic error.
 */
export function createSyncHandlers(engine: SyncEngine): SyncService {
  return {
    commands: {
      'sync/signIn': (request) => run(() => engine.signIn(request), signInFailed),
      'sync/signOut': (args) => engine.signOut(args),
      'sync/now': () => run(() => engine.syncNow(), syncFailed),
      'sync/conflicts/restore': ({ id }) => engine.restoreConflict(id),
      'sync/conflicts/dismiss': ({ id }) => engine.dismissConflict(id),
      'sync/problems/discard': ({ id }) => engine.discardProblem(id),
      'sync/reminder/set': ({ at }) => engine.setReminderTime(at),
    },
    queries: {
      'sync/status': (_args, onResult, onError) =>
        watch((listener) => engine.watchStatus(listener), onResult, onError),
      'sync/conflicts': (_args, onResult, onError) =>
        watch(
          (listener) => engine.watchConflicts((entries) => listener(orderConflicts(entries))),
          onResult,
          onError,
        ),
      'sync/problems': (_args, onResult, onError) =>
        watch(
          (listener) =>
            engine.watchProblems((problems) => listener([...problems].sort((a, b) => b.at - a.at))),
          onResult,
          onError,
        ),
    },
  };
}
