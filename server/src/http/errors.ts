import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, ValidationError } from '../domain/errors.ts';
import { requestIdOf } from './requestLog.ts';

/** zod issues → react-admin's `{message, errors: {field: message}}` (first message per field). */
export function validationErrorFrom(error: z.ZodError, prefix?: string): ValidationError {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body';
    errors[field] ??= issue.message;
  }
  const fields = Object.keys(errors);
  return new ValidationError(`Invalid ${fields.join(', ')}: ${errors[fields[0]]}`, errors);
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, `No route ${req.method} ${req.path}`));
};

/** An error of the body parser (http-errors): a 4xx that tells what the client sent wrong. */
interface ClientHttpError {
  status: number;
  expose: true;
  type?: string;
}
const isClientError = (error: unknown): error is ClientHttpError => {
  const e = error as Partial<ClientHttpError> | null;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true;
};

const refusal = (status: number, message: string, code: string, errors?: Record<string, string>) =>
  Object.assign(new AppError(status, message, errors), { code });

/** The body parser's refusals, in words a client can act on (they used to fall through to 500). */
function bodyReadingError(error: ClientHttpError): AppError {
  // express.static's refusal of a missing /assets file, not a body error.
  if (error.status === 404 && !error.type) return new AppError(404, 'Not found');
  switch (error.type) {
    case 'entity.parse.failed':
      return new ValidationError('The request body is not valid JSON', { body: 'Malformed JSON' });
    case 'entity.too.large':
      return refusal(413, 'The request body is too large', 'body_too_large');
    case 'charset.unsupported':
      return refusal(415, 'The request body must be JSON in UTF-8 (Content-Type: application/json; charset=utf-8)', 'unsupported_charset');
    case 'encoding.unsupported':
      return refusal(415, 'Unsupported Content-Encoding: send the body uncompressed, or as gzip, deflate or br', 'unsupported_encoding');
    default:
      // E.g. a gzip Content-Encoding over a body that is not gzip.
      return refusal(error.status, 'The request body could not be read (check its Content-Encoding and length)', 'unreadable_body', { body: 'Unreadable' });
  }
}

/**
 * The last middleware: typed errors keep their status; anything else answers 500 with a generic
 * message. The error itself (its stack, its SQL) goes to the request's log line only, never to the
 * client, who gets the request id to quote instead.
 */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (isClientError(error)) appError = bodyReadingError(error);
  else {
    res.err = error instanceof Error ? error : new Error(String(error));
    appError = new AppError(500, 'Internal server error');
  }
  // Half an answer is already out: Express's own handler cuts the connection.
  if (res.headersSent) return next(error);
  res.status(appError.status).json({ ...appError.toBody(), request_id: requestIdOf(req) });
};
