/**
 * Errors the domain raises; the HTTP error middleware turns each into its status and
 * `{message, errors}` body (react-admin's HttpError shape).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors?: Record<string, string>) {
    super(400, message, errors);
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
  }
}
