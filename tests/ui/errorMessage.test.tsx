import { describe, expect, it } from 'vitest';
import { HttpError } from 'react-admin';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { fr } from '../../client/src/i18n/fr';
import { en } from '../../client/src/i18n/en';
import { errorFields, errorMessage } from '../../client/src/misc/errorMessage';
import { bulkFailureReason } from '../../client/src/subscriptions/bulkRenewal';

const translateIn = (messages: object) => polyglotI18nProvider(() => messages as never, 'xx').translate;

const short = new HttpError('Insufficient licenses: 24 needed, 10 remaining in the pool', 409, {
    message: 'Insufficient licenses: 24 needed, 10 remaining in the pool',
    errors: { seats: '24 licenses needed, 10 remaining' },
    code: 'insufficient_licenses',
    details: { needed: 24, balance: 10 },
});

describe('errorMessage', () => {
    it('translates a known code with its details, in French and in English', () => {
        expect(errorMessage(short, translateIn(fr))).toBe('Licences insuffisantes : 24 nécessaires, 10 restantes.');
        expect(errorMessage(short, translateIn(en))).toBe('Insufficient licenses: 24 needed, 10 remaining.');
        expect(errorFields(short, translateIn(fr))).toEqual({
            seats: 'Licences insuffisantes : 24 nécessaires, 10 restantes.',
        });
    });

    it("falls back to the server's message (and fields) for an unknown or missing code", () => {
        const unknown = new HttpError('Pool locked', 409, { message: 'Pool locked', code: 'pool_locked', errors: { x: 'y' } });
        expect(errorMessage(unknown, translateIn(fr))).toBe('Pool locked');
        expect(errorFields(unknown, translateIn(fr))).toEqual({ x: 'y' });
        expect(errorMessage(new HttpError('Bad Gateway', 502, undefined), translateIn(fr))).toBe('Bad Gateway');
        expect(errorMessage(new Error('Failed to fetch'), translateIn(fr))).toBe('Failed to fetch');
        // a code is a key suffix, never a path into other messages
        const odd = new HttpError('x', 409, { message: 'x', code: 'renew.title' });
        expect(errorMessage(odd, translateIn(fr))).toBe('x');
    });
});

describe('below_active_users (DESIGN §7)', () => {
    const below = new HttpError('4 seats is below the 5 active users last reported for this subscription', 409, {
        message: '4 seats is below the 5 active users last reported for this subscription',
        errors: { seats: 'At least 5 (active users)' },
        code: 'below_active_users',
        details: { active_users: 5, seats: 4 },
    });

    it('says the floor with its figure, in French and in English, for a dialog and for a bulk line', () => {
        expect(errorMessage(below, translateIn(fr))).toBe(
            'Refusé : 5 utilisateurs actifs ont été déclarés pour cet abonnement ; choisissez au moins 5 licences.',
        );
        expect(errorMessage(below, translateIn(en))).toBe('Refused: 5 active users were reported for this subscription; choose at least 5 seats.');
        const line = { id: 3, status: 409, code: 'below_active_users', message: below.message, details: { active_users: 5, seats: 2 } };
        expect(bulkFailureReason(line, translateIn(fr))).toBe('5 utilisateurs actifs déclarés : renouvelez au moins 5 licences');
    });
});
