import type { CommandArgs, CommandName, CommandResult, ParsedCommandArgs } from './commands';
import type { CrmErrorData, Envelope } from './errors';
import type { ParsedQueryArgs, QueryArgs, QueryName, QueryResult } from './queries';

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
 * The raw bridge a host exposes (`window.ltc` from the Electron preload, or the in-page web host).
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

/** The core side: one handler per command and per live query, registered once each. */
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

export interface CrmService {
  commands: CommandHandlers;
  queries: QueryHandlers;
}
