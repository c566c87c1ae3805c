import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id (X-Request-Id), set first of all middleware. */
    id: string;
    /** A logger whose lines carry the request id. */
    log: Logger;
  }
  interface ServerResponse {
    /** The error behind a 500, for the request's log line (set by the error handler). */
    err?: Error;
  }
}

/** A caller's own request id is kept when it is this plain; anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The request's id (set by the request log, first of all middleware). */
export const requestIdOf = (req: Request): string => req.id;

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
 * Written here rather than with pino-http, which builds two child loggers for every request: at
 * LOG_LEVEL=warn, most requests log nothing, and a child logger is made only for code that logs.
 */
export function requestLog({ logger, routeOf }: RequestLogOptions): RequestHandler {
  const finished = (req: IncomingMessage, res: ServerResponse, started: number) => {
    const error = res.err;
    const level = error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const route = routeOf(req.method ?? 'GET', pathOf(req));
    const line = {
      request_id: req.id,
      method: req.method,
      route,
      status: res.statusCode,
      duration_ms: Math.round(performance.now() - started),
      login_id: ((res as Response).locals?.user?.id as number | undefined) ?? null,
      ...(error ? { err: error } : {}),
    };
    logger[level](line, `${req.method} ${route ?? '(no route)'} ${res.statusCode}`);
  };
  return (req, res, next) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ request_id: id })) });
    // 'finish' once answered; 'close' alone when the client went away first: one line either way.
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      finished(req, res, started);
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
