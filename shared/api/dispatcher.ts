import { commandSchemas, type CommandName } from './commands';
import type { CrmService, LtcBridge } from './crm-api';
import { toCrmErrorData, validationError, type Envelope } from './errors';
import { parseArgs } from './parse-args';
import { querySchemas, type QueryName } from './queries';

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && hasOwn(commandSchemas, name);
}

export function isQueryName(name: unknown): name is QueryName {
  return typeof name === 'string' && hasOwn(querySchemas, name);
}

export interface DispatcherOptions {
  /** Told about every refused call (unknown name, bad arguments) and every internal error. */
  log?: (event: { kind: 'refused' | 'failed'; name: string; error: unknown }) => void;
}

/**
 * Turns a CrmService into an LtcBridge. Every name and argument is checked here, before a handler
 * runs, so an unknown command or a malformed argument can never reach the database.
 */
export function createDispatcher(service: CrmService, options: DispatcherOptions = {}): LtcBridge {
  const log = options.log ?? (() => undefined);

  async function invoke(command: string, args: unknown): Promise<Envelope<unknown>> {
    let parsed: unknown;
    try {
      if (!isCommandName(command)) {
        throw validationError(
          [{ field: 'command', code: 'invalid' }],
          `unknown command ${String(command)}`,
        );
      }
      parsed = parseArgs(commandSchemas[command], args);
    } catch (error) {
      log({ kind: 'refused', name: String(command), error });
      return { ok: false, error: toCrmErrorData(error) };
    }
    try {
      // The map is keyed by the same name the schema was chosen by; TypeScript cannot follow that.
      const handler = service.commands[command] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed) };
    } catch (error) {
      log({ kind: 'failed', name: command, error });
      return { ok: false, error: toCrmErrorData(error) };
    }
  }

  function subscribe(
    query: string,
    args: unknown,
    onMessage: (message: Envelope<unknown>) => void,
  ): () => void {
    let parsed: unknown;
    try {
      if (!isQueryName(query)) {
        throw validationError(
          [{ field: 'query', code: 'invalid' }],
          `unknown query ${String(query)}`,
        );
      }
      parsed = parseArgs(querySchemas[query], args);
    } catch (error) {
      log({ kind: 'refused', name: String(query), error });
      onMessage({ ok: false, error: toCrmErrorData(error) });
      return () => undefined;
    }
    const handler = service.queries[query] as (
      a: unknown,
      r: (v: unknown) => void,
      e: (err: unknown) => void,
    ) => () => void;
    return handler(
      parsed,
      (value) => onMessage({ ok: true, value }),
      (error) => {
        log({ kind: 'failed', name: query, error });
        onMessage({ ok: false, error: toCrmErrorData(error) });
      },
    );
  }

  return { invoke, subscribe };
}
