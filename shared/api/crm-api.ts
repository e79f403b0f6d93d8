import type {
  CommandArgs,
  CommandName,
  CommandResult,
  CoreCommandName,
  ParsedCommandArgs,
} from './commands';
import type { CrmErrorData, Envelope } from './errors';
import type { LiveMessage } from './live-messages';
import type { CoreQueryName, ParsedQueryArgs, QueryArgs, QueryName, QueryResult } from './queries';
import type { SyncCommandName, SyncQueryName } from './sync-contract';
import { defineHandlers } from './define-handlers';

/** What renderer code talks to: typed commands that resolve or throw CrmError, and live queries. */
export interface CrmApi {
  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>>;
  subscribe<Q extends QueryName>(
    query: Q,
    args: QueryArgs<Q>,
    onResult: (result: QueryResult<Q>) => void,
    onError?: (error: CrmErrorData) => void,
  ): () => void;
}

/**
 * The raw bridge a host exposes (the dispatcher over a core, or the in-page web host).
 * It speaks envelopes, because errors thrown across contextBridge/IPC lose their type.
 */
export interface LtcBridge {
  invoke(command: string, args: unknown): Promise<Envelope<unknown>>;
  subscribe(
    query: string,
    args: unknown,
    onMessage: (message: Envelope<unknown>) => void,
  ): () => void;
}

/**
 * The bridge as the Electron preload exposes it (`window.ltc`): the same, except that a live
 * board may come as a diff against its previous result (`LiveMessage`), which `createCrmClient`
 * applies. Every LtcBridge is one (it just never sends a diff).
 */
export interface LtcWireBridge {
  invoke(command: string, args: unknown): Promise<Envelope<unknown>>;
  subscribe(query: string, args: unknown, onMessage: (message: LiveMessage) => void): () => void;
}

/** One handler per command and per live query, registered once each. */
export type CommandHandlers = {
  [C in CommandName]: (args: ParsedCommandArgs<C>) => Promise<CommandResult<C>>;
};

export type QueryHandlers = {
  [Q in QueryName]: (
    args: ParsedQueryArgs<Q>,
    onResult: (result: QueryResult<Q>) => void,
    onError: (error: unknown) => void,
  ) => () => void;
};

/**
 * The domain core's handlers (shared/core): every command and query but sync's, which a host
 * adds when it runs a sync engine (withSync). The dispatcher answers a missing one Unavailable.
 */
export interface CrmService {
  commands: Pick<CommandHandlers, CoreCommandName> &
    Partial<Pick<CommandHandlers, SyncCommandName>>;
  queries: Pick<QueryHandlers, CoreQueryName> & Partial<Pick<QueryHandlers, SyncQueryName>>;
}

/** The sync handlers (shared/api/sync-handlers.ts, over the host's SyncEngine). */
export interface SyncService {
  commands: Pick<CommandHandlers, SyncCommandName>;
  queries: Pick<QueryHandlers, SyncQueryName>;
}

/** What a host with sync puts behind its bridge: every command and query of the contract. */
export interface HostService {
  commands: CommandHandlers;
  queries: QueryHandlers;
}

/** The core's service and the sync handlers, as one service for the host's dispatcher. */
export function withSync(core: CrmService, sync: SyncService): HostService {
  return {
    commands: defineHandlers('command', core.commands, sync.commands),
    queries: defineHandlers('query', core.queries, sync.queries),
  };
}
