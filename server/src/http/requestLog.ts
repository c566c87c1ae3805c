import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { stdSerializers, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** A caller's own request id is kept when it is this plain; anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The request's id (set by the request log, first of all middleware). */
export const requestIdOf = (req: Request): string => String(req.id);

export interface RequestLogOptions {
  logger: Logger;
  /** The matched route pattern of a request (e.g. /api/clients/:id), or null when none serves it. */
  routeOf(method: string, path: string): string | null;
}

const pathOf = (req: IncomingMessage) => ((req as Request).originalUrl ?? req.url ?? '/').split('?')[0];

/**
 * One JSON line per answered request: method, route pattern (never the raw URL, which holds ids and
 * queries), status, duration, login id and request id. 5xx at error with the error, 4xx at warn.
 * Every response carries the request id in X-Request-Id, so an operator can find a user's line.
 */
export function requestLog({ logger, routeOf }: RequestLogOptions) {
  // The line and its message both name the route: matched once per request.
  const routes = new WeakMap<IncomingMessage, string | null>();
  const routeFor = (req: IncomingMessage) => {
    if (!routes.has(req)) routes.set(req, routeOf(req.method ?? 'GET', pathOf(req)));
    return routes.get(req)!;
  };
  const line = (req: IncomingMessage, res: ServerResponse, durationMs: number) => ({
    method: req.method,
    route: routeFor(req),
    status: res.statusCode,
    duration_ms: durationMs,
    login_id: ((res as Response).locals?.user?.id as number | undefined) ?? null,
  });
  const message = (req: IncomingMessage, res: ServerResponse) =>
    `${req.method} ${routeFor(req) ?? '(no route)'} ${res.statusCode}`;
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    // pino-http binds the request to a child logger on every request, serialising its headers at
    // once; our lines carry only the fields above, so the request and response serialise to nothing.
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined, err: stdSerializers.err },
    customAttributeKeys: { reqId: 'request_id', responseTime: 'duration_ms' },
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // 'silent' when the level is off: pino-http builds the line (route matching included) before
    // the logger drops it, which would cost every request at LOG_LEVEL=warn.
    customLogLevel: (_req, res, error) => {
      const level = error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      return logger.isLevelEnabled(level) ? level : 'silent';
    },
    customSuccessObject: (req, res, value: { duration_ms: number }) => line(req, res, value.duration_ms),
    customErrorObject: (req, res, error, value: { duration_ms: number }) => ({ ...line(req, res, value.duration_ms), err: error }),
    customSuccessMessage: (req, res) => message(req, res),
    customErrorMessage: (req, res) => message(req, res),
  });
}
