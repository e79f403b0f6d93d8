import { commandSchemas, type CommandName } from './commands';
import type { CrmService, LtcBridge } from './crm-api';
import { CrmError, toCrmErrorData, validationError, type Envelope } from './errors';
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
  /**
   * Told about every refused call (unknown name, bad arguments, not offered by this host) and
   * every failed one. Never given the arguments: they can hold a password (sync/signIn), and a
   * refusal's error names the invalid fields, never their values.
   */
  log?: (event: { kind: 'refused' | 'failed'; name: string; error: unknown }) => void;
}

type AnyHandler = (...args: unknown[]) => unknown;

/** The handler a service registered under `name`, if any (own properties only). */
function handlerOf(handlers: object, name: string): AnyHandler | undefined {
  return hasOwn(handlers, name) ? (handlers as Record<string, AnyHandler>)[name] : undefined;
}

/** What a call the host does not offer (sync on a host without it) is answered with. */
export function unavailable(name: string): CrmError {
  return new CrmError({ type: 'Unavailable', message: `${name} is not offered here`, name });
}

/**
 * Turns a service into an LtcBridge. Every name and argument is checked here, before a handler
 * runs, so an unknown command or a malformed argument can never reach the database. A host that
 * runs sync passes the core and sync handlers together (withSync); one without sync passes the
 * core's service, and sync calls are answered with Unavailable.
 */
export function createDispatcher(service: CrmService, options: DispatcherOptions = {}): LtcBridge {
  const log = options.log ?? (() => undefined);

  async function invoke(command: string, args: unknown): Promise<Envelope<unknown>> {
    let parsed: unknown;
    let handler: AnyHandler | undefined;
    try {
      if (!isCommandName(command)) {
        throw validationError(
          [{ field: 'command', code: 'invalid' }],
          `unknown command ${String(command)}`,
        );
      }
      parsed = parseArgs(commandSchemas[command], args);
      handler = handlerOf(service.commands, command);
      if (!handler) throw unavailable(command);
    } catch (error) {
      log({ kind: 'refused', name: String(command), error });
      return { ok: false, error: toCrmErrorData(error) };
    }
    try {
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
    let handler: AnyHandler | undefined;
    try {
      if (!isQueryName(query)) {
        throw validationError(
          [{ field: 'query', code: 'invalid' }],
          `unknown query ${String(query)}`,
        );
      }
      parsed = parseArgs(querySchemas[query], args);
      handler = handlerOf(service.queries, query);
      if (!handler) throw unavailable(query);
    } catch (error) {
      log({ kind: 'refused', name: String(query), error });
      onMessage({ ok: false, error: toCrmErrorData(error) });
      return () => undefined;
    }
    // Query handlers take (args, onResult, onError) and return the unsubscribe function.
    const subscribeTo = handler as (
      a: unknown,
      r: (v: unknown) => void,
      e: (err: unknown) => void,
    ) => () => void;
    return subscribeTo(
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
