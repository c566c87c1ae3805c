/**
 * Errors the domain raises; the HTTP error middleware turns each into its status and
 * `{message, errors, code?, details?}` body (react-admin's HttpError shape). `code` and `details`
 * let the console say the same thing in the user's language.
 */
export class AppError extends Error {
  code?: string;
  details?: Record<string, number | string>;
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }

  /** The JSON body of this error. */
  toBody() {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.code ? { code: this.code } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors?: Record<string, string>) {
    super(400, message, errors);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required', code = 'unauthenticated') {
    super(401, message);
    this.code = code;
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, code = 'forbidden') {
    super(403, message);
    this.code = code;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: number | string) {
    super(404, `${what} ${id} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, errors?: Record<string, string>) {
    super(409, message, errors);
  }
}

/** A pool cannot pay: the message says how many licenses were asked and how many are left. */
export class InsufficientLicensesError extends ConflictError {
  constructor(readonly needed: number, readonly balance: number, field = 'seats') {
    super(`Insufficient licenses: ${needed} needed, ${balance} remaining in the pool`, {
      [field]: `${needed} licenses needed, ${balance} remaining`,
    });
    this.code = 'insufficient_licenses';
    this.details = { needed, balance };
  }
}

/** A refusal with its `code` (and details the console can word in its language). */
export function conflict(message: string, code: string, details?: Record<string, number | string>): ConflictError {
  return Object.assign(new ConflictError(message), { code, details });
}
