import { postAuth } from '../providers/authProvider';

/** The account routes of the logged-in user (POST /api/auth/…), allowed before 2FA enrolment. */

export interface TotpSetup {
    secret: string;
    otpauth_url: string;
    /** A PNG data URL of otpauth_url. */
    qr_code: string;
}

export const changePassword = (params: { current_password: string; new_password: string }) =>
    postAuth<{ ok: true }>('/password', params);

export const setupTotp = () => postAuth<TotpSetup>('/totp/setup');

export const enableTotp = (code: string) => postAuth<{ recovery_codes: string[] }>('/totp/enable', { code });

export const disableTotp = (password: string) => postAuth<{ ok: true }>('/totp/disable', { password });

/** The server's per-field message for `field`, if the refusal has one. */
export const fieldError = (error: unknown, field: string): string | undefined =>
    (error as { body?: { errors?: Record<string, string> } } | null)?.body?.errors?.[field];

export const refusalCode = (error: unknown): string | undefined =>
    (error as { body?: { code?: string } } | null)?.body?.code;

export const MIN_PASSWORD_LENGTH = 10;
