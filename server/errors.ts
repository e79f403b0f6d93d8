import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '../shared/sync/protocol';
import { UsernameTakenError } from './store/types';

export type ErrorCode = ErrorResponse['error']['code'];

/** An error a route throws on purpose; the error handler turns it into an ErrorResponse. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Extra response headers (Retry-After for rate limits). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorResponse {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  413: 'payloadTooLarge',
  429: 'rateLimited',
};

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `/password` → `password`, `/0/newDocumentState` → `[0].newDocumentState`; plus the missing or extra property. */
export function fieldOfAjvError(error: AjvLikeError): string | undefined {
  const parts = (error.instancePath ?? '').split('/').filter((p) => p !== '');
  const extra = error.params?.missingProperty ?? error.params?.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  if (parts.length === 0) return undefined;
  return parts
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : path ? `${path}.${p}` : p), '');
}

function toErrorResponse(error: FastifyError | HttpError | UsernameTakenError): {
  status: number;
  body: ErrorResponse;
} {
  if (error instanceof HttpError) {
    return { status: error.statusCode, body: errorBody(error.code, error.message, error.field) };
  }
  if (error instanceof UsernameTakenError) {
    return {
      status: 409,
      body: errorBody('conflict', `The username "${error.username}" is already taken`, 'username'),
    };
  }
  const validation = (error as FastifyError).validation;
  if (validation && validation.length > 0) {
    const first = validation[0] as AjvLikeError & { keyword?: string };
    const field = fieldOfAjvError(first);
    const subject = field ?? `the request ${(error as FastifyError).validationContext ?? 'body'}`;
    const message =
      first.keyword === 'required'
        ? `${subject} is required`
        : `${subject} ${first.message ?? 'is invalid'}`;
    return { status: 400, body: errorBody('validation', message, field) };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('payloadTooLarge', 'The request body is too large') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: errorBody('badRequest', 'The request body is not valid JSON') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: errorBody('badRequest', 'Send the request body as application/json'),
      };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // JSON.parse's SyntaxError (also "forbidden prototype property") arrives here with 400.
    const code = CODE_BY_STATUS[status] ?? 'badRequest';
    const message =
      error instanceof SyntaxError
        ? `The request body is not valid JSON: ${error.message}`
        : error.message;
    return { status, body: errorBody(code, message) };
  }
  return { status: 500, body: errorBody('internal', 'Internal server error') };
}

/**
 * Every 4xx/5xx leaves the server as an ErrorResponse (the sync client reads `error.code`), never
 * Fastify's default shape, and an internal error never leaks its message to the client.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(
    (
      error: FastifyError | HttpError | UsernameTakenError,
      request: FastifyRequest,
      reply: FastifyReply,
    ) => {
      const { status, body } = toErrorResponse(error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      if (error instanceof HttpError && error.headers) void reply.headers(error.headers);
      return reply.code(status).type('application/json; charset=utf-8').send(body);
    },
  );
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody('notFound', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
