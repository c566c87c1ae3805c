import { TOTP_SETUP_PATH } from '../providers/authProvider';

/** "Mon compte": password, two-factor authentication (also the 2FA set-up page). */
export const ACCOUNT_PATH = TOTP_SETUP_PATH;
