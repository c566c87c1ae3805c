/** An API key as the list shows it (DESIGN §7): never its secret. */
export interface ApiKeyRecord {
    id: number;
    name: string;
    prefix: string;
    scope: 'read' | 'write' | 'usage';
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired; a key with no expiry never expires. */
export const apiKeyStatus = (key: Pick<ApiKeyRecord, 'expires_at' | 'revoked_at'>, now: Date = new Date()): ApiKeyStatus =>
    key.revoked_at ? 'revoked' : key.expires_at && Date.parse(key.expires_at) <= now.getTime() ? 'expired' : 'active';

/** The scopes a role may give a key: `usage` keys are the publisher's. */
export const scopeChoices = (role: string | undefined): ApiKeyRecord['scope'][] =>
    role === 'admin' ? ['read', 'write', 'usage'] : ['read', 'write'];

/** An expiry day (YYYY-MM-DD, the user's calendar) as the instant it ends: the key works through that day. */
export const expiryInstant = (day: string): string | null => (day ? new Date(`${day}T23:59:59`).toISOString() : null);
