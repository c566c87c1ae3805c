import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, ValidationError } from '../domain/errors.ts';

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

/** The last middleware: typed errors keep their status; anything else is logged and answers 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (error?.type === 'entity.parse.failed') appError = new ValidationError('The request body is not valid JSON', { body: 'Malformed JSON' });
    else if (error?.type === 'entity.too.large') appError = new AppError(413, 'The request body is too large');
    else {
      logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
      appError = new AppError(500, 'Internal server error');
    }
    res.status(appError.status).json(appError.toBody());
  };
}
