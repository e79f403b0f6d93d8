import type { SyncService } from './crm-api';
import { unavailable } from './dispatcher';
import { syncCommandSchemas, syncQuerySchemas } from './sync-contract';

type AnyCommand = (args: unknown) => Promise<unknown>;
type AnyQuery = (
  args: unknown,
  onResult: (value: unknown) => void,
  onError: (error: unknown) => void,
) => () => void;

/**
 * The sync commands and queries of an engine that is still starting (issue 19: the local UI never
 * waits for sync). A host puts these behind its bridge at once, so the core answers from the local
 * database while the engine starts beside it: a sync command waits for the engine, and a sync
 * query reports from the moment it runs (the status control shows nothing until then, as before
 * the first status). When the engine could not start they answer Unavailable, exactly as a host
 * without sync does, and the app goes on without sync.
 */
export function whenSyncStarts(starting: Promise<SyncService | undefined>): SyncService {
  const commands: Record<string, AnyCommand> = {};
  for (const name of Object.keys(syncCommandSchemas)) {
    commands[name] = async (args) => {
      const sync = await starting;
      if (!sync) throw unavailable(name);
      return (sync.commands as unknown as Record<string, AnyCommand>)[name]!(args);
    };
  }
  const queries: Record<string, AnyQuery> = {};
  for (const name of Object.keys(syncQuerySchemas)) {
    queries[name] = (args, onResult, onError) => {
      let stop: (() => void) | undefined;
      let stopped = false;
      void starting.then(
        (sync) => {
          if (stopped) return;
          if (!sync) {
            onError(unavailable(name));
            return;
          }
          stop = (sync.queries as unknown as Record<string, AnyQuery>)[name]!(
            args,
            onResult,
            onError,
          );
        },
        (error: unknown) => {
          if (!stopped) onError(error);
        },
      );
      return () => {
        stopped = true;
        stop?.();
      };
    };
  }
  // Built from the contract's own name lists, so every sync name has exactly one handler here.
  return { commands, queries } as unknown as SyncService;
}
