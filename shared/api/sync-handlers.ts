import { SignInError, UserAdminError, type ConflictEntry, type SyncEngine } from '../sync/types';
import type { SyncService } from './crm-api';
import { CrmError, validationError, type FieldIssue, type SyncFailureReason } from './errors';

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
    return new CrmError({
      type: 'SignInFailed',
      message: error.message,
      reason: error.reason,
      ...(error.certificate ? { certificate: error.certificate } : {}),
    });
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

/**
 * A failed user-administration call. A field the server refused (username taken, a password or
 * username it does not accept) becomes a ValidationError on the command's own argument path, so
 * the form shows it under that field exactly as its own checks would; everything else is
 * UserAdminFailed with the reason. `fieldPrefix` maps the server's body field into the command's
 * arguments ("patch." for admin/users/update).
 */
function userAdminFailed(fieldPrefix = ''): (error: unknown) => unknown {
  return (error) => {
    if (error instanceof CrmError) return error;
    // UserAdminError lives in shared/sync/types, not the engine: no RxDB in the renderer bundle.
    const known = error instanceof UserAdminError ? error : undefined;
    const reason = known?.reason ?? 'server';
    const field = known?.field;
    if (field !== undefined && (reason === 'usernameTaken' || reason === 'invalid')) {
      const code: FieldIssue['code'] =
        reason === 'usernameTaken' ? 'taken' : known?.code === 'weakPassword' ? 'weak' : 'invalid';
      return validationError([{ field: `${fieldPrefix}${field}`, code }], messageOf(error));
    }
    return new CrmError({ type: 'UserAdminFailed', message: messageOf(error), reason });
  };
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
      'admin/users/list': () => run(() => engine.listUsers(), userAdminFailed()),
      'admin/users/create': (user) => run(() => engine.createUser(user), userAdminFailed()),
      'admin/users/update': ({ id, patch }) =>
        run(() => engine.updateUser(id, patch), userAdminFailed('patch.')),
      'admin/settings/get': () => run(() => engine.getSettings(), userAdminFailed()),
      'admin/settings/update': (settings) =>
        run(() => engine.updateSettings(settings), userAdminFailed()),
      'admin/users/resetPassword': ({ id, password }) =>
        run(() => engine.resetPassword(id, password), userAdminFailed()),
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
