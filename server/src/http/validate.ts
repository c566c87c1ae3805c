import type { Request, Response } from 'express';
import { z } from 'zod';
import { DISCOUNT_PERCENT, SEATS, YEARS } from '../../../shared/contract.ts';
import { isIsoDate } from '../clock.ts';
import type { ActionContext } from '../domain/context.ts';
import { DATE_MAX, DATE_MIN } from '../domain/dates.ts';
import { compactIdentifier, isValidFrenchVatNumber, isValidSiren } from '../domain/identity.ts';
import { hasTwoDecimalsAtMost } from '../../../shared/money.ts';
import { validationErrorFrom } from './errors.ts';

/** Parses a request body with its zod schema; a failure is a 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return parsed.data;
}

/** The caller and the day of this request, set by the app's context middleware. */
export function actionContext(res: Response): ActionContext {
  return res.locals.ctx as ActionContext;
}

/** The Idempotency-Key header, if any (1..255 visible characters). */
export function idempotencyKey(req: Request): string | null {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return null;
  const parsed = z.string().trim().min(1).max(255).safeParse(key);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'Idempotency-Key');
  return parsed.data;
}

/**
 * Text with no control characters (NUL included) and no lone UTF-16 surrogates: what a name or a
 * reason may hold. `multiline` lets newlines and tabs through.
 */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cs}]/u;
const FORBIDDEN_IN_MULTILINE = /[\p{Cs}\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
export const text = (max: number, { multiline = false } = {}) =>
  z
    .string({ error: 'Expected text' })
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((value) => !(multiline ? FORBIDDEN_IN_MULTILINE : FORBIDDEN_CHARACTERS).test(value), 'Control characters are not allowed');

/**
 * JSON bodies are strict (DESIGN §8): a number is a JSON number, never `true`, `"0x10"` or `[3]`.
 * Only query strings are text, and `fromQueryText` turns a plain decimal integer into a number first.
 */
const wholeNumber = () => z.number({ error: 'Expected a number' }).int('Expected a whole number');
const fromQueryText = (value: unknown) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value);
export const queryNumber = <S extends z.ZodType>(schema: S) => z.preprocess(fromQueryText, schema);

export const isoDate = z
  .string({ error: 'Expected a date YYYY-MM-DD' })
  .refine(isIsoDate, 'Expected a date YYYY-MM-DD')
  .refine((date) => date >= DATE_MIN && date <= DATE_MAX, `Expected a date between ${DATE_MIN} and ${DATE_MAX}`);

/** A percentage (discount) with up to 2 decimals. */
const percent = z
  .number({ error: 'Expected a number' })
  .min(DISCOUNT_PERCENT.min, `At least ${DISCOUNT_PERCENT.min}`)
  .max(DISCOUNT_PERCENT.max, `At most ${DISCOUNT_PERCENT.max}`)
  .refine(hasTwoDecimalsAtMost, 'At most 2 decimals');

// Shared field schemas, so every route says "a name" or "a license count" the same way.
export const fields = {
  id: wholeNumber().positive('Expected a positive id').max(Number.MAX_SAFE_INTEGER),
  name: text(200).min(1, 'Required'),
  email: z.email({ error: 'Expected an email address' }).max(254),
  years: wholeNumber().min(YEARS.min, `At least ${YEARS.min} year`).max(YEARS.max, `At most ${YEARS.max} years`),
  seats: wholeNumber().min(SEATS.min, `At least ${SEATS.min} seat`).max(SEATS.max, 'At most 1,000,000 seats'),
  quantity: wholeNumber().min(-1_000_000_000).max(1_000_000_000),
  date: isoDate,
  percent,
};

/** Optional text where an empty string means "none" (null). */
const optionalText = (schema: z.ZodType<string>) =>
  z.union([z.null(), schema.transform((value) => (value === '' ? null : value))]).optional();

/** What an invoice says of an organisation: legal name, address, SIREN, intra-community VAT number. */
export const legalIdentityFields = {
  legal_name: optionalText(text(200)),
  address: optionalText(text(500, { multiline: true })),
  siren: optionalText(
    z
      .string({ error: 'Expected text' })
      .transform(compactIdentifier)
      .refine((v) => v === '' || isValidSiren(v), 'Expected a SIREN: 9 digits with a valid check digit'),
  ),
  vat_number: optionalText(
    z
      .string({ error: 'Expected text' })
      .transform(compactIdentifier)
      .refine((v) => v === '' || isValidFrenchVatNumber(v), 'Expected a French VAT number: FR, a 2-digit key and the SIREN'),
  ),
};
