import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import frenchMessages from 'ra-language-french';
import englishMessages from 'ra-language-english';
import { fr } from '../../client/src/i18n/fr';
import { en } from '../../client/src/i18n/en';
import { changeLines } from '../../client/src/changes/changeLines';
import { movementText } from '../../client/src/movements/MovementKindField';
import { formatDate, formatDateTime, formatMonth, parseDateInput } from '../../client/src/misc/dates';
import { actorText } from '../../client/src/misc/actorText';

const translateIn = (messages: object) => polyglotI18nProvider(() => messages as never, 'xx').translate;
const french = translateIn({ ...frenchMessages, ...fr });
const english = translateIn({ ...englishMessages, ...en });

describe('movements as sentences', () => {
    it('says "Reprise de 10 licences" for a reclaim, whatever the sign, and the singular for one', () => {
        expect(movementText(french, 'reclaim', -10)).toBe('Reprise de 10 licences');
        expect(movementText(french, 'allocate', 1)).toBe('Attribution de 1 licence');
        expect(movementText(english, 'reclaim', -1)).toBe('Reclaim of 1 license');
    });
});

describe('authors', () => {
    it('names the server’s own actors in the reader’s language, and a login as recorded', () => {
        expect(actorText(french, 'seed')).toBe('Données initiales');
        expect(actorText(english, 'auto-renewal')).toBe('Auto-renewal');
        expect(actorText(french, 'revendeur@bureautique-lyon.example')).toBe('revendeur@bureautique-lyon.example');
    });
});

describe('change trail', () => {
    it('shows field labels and old → new values, in the reader’s language', () => {
        const data = {
            name: { from: 'Boulangerie Martin', to: 'Boulangerie Martin & Fils' },
            reference: { from: null, to: 'BM-042' },
            end_date: { from: '2026-12-02', to: '2027-12-01' },
        };
        expect(changeLines({ resource: 'clients', action: 'update', data }, french, 'fr')).toEqual([
            'Nom client : Boulangerie Martin → Boulangerie Martin & Fils',
            'Référence client : — → BM-042',
            'Date de fin : 02/12/2026 → 01/12/2027',
        ]);
        expect(changeLines({ resource: 'subscriptions', action: 'update', data: { auto_renew: { from: false, to: true } } }, french, 'fr')).toEqual([
            'Renouvellement automatique : Non → Oui',
        ]);
        expect(changeLines({ resource: 'clients', action: 'update', data: JSON.stringify({ end_date: { from: '2026-12-02', to: '2027-12-01' } }) }, english, 'en')).toEqual([
            'End date: 2 Dec 2026 → 1 Dec 2027',
        ]);
    });

    it('shows a created record’s values, and a deleted one’s, without an arrow', () => {
        const created = { name: { from: null, to: 'Garage Dupont' }, reference: { from: null, to: null } };
        expect(changeLines({ resource: 'clients', action: 'create', data: created }, french, 'fr')).toEqual([
            'Nom client : Garage Dupont',
            'Référence client : —',
        ]);
        expect(changeLines({ resource: 'users', action: 'create', data: { role: { from: null, to: 'reseller' } } }, french, 'fr')).toEqual([
            'Rôle : Revendeur',
        ]);
        expect(changeLines({ resource: 'clients', action: 'delete', data: { name: { from: 'Garage Dupont', to: null } } }, french, 'fr')).toEqual([
            'Nom client : Garage Dupont',
        ]);
    });
});

describe('dates', () => {
    it('fr 02/12/2026 14:05, en 2 Dec 2026, 14:05 (no ISO date in English)', () => {
        expect(formatDate('2026-12-02', 'fr')).toBe('02/12/2026');
        expect(formatDate('2026-12-02', 'en')).toBe('2 Dec 2026');
        const instant = new Date(2026, 11, 2, 14, 5).toISOString();
        expect(formatDateTime(instant, 'fr')).toBe('02/12/2026 14:05');
        expect(formatDateTime(instant, 'en')).toBe('2 Dec 2026, 14:05');
    });

    it('names the chart’s months as French readers expect (janv. 27, févr. 27, août 27, déc. 26), and Jan 27 in English', () => {
        expect(['2027-01', '2027-02', '2027-08', '2026-12'].map(month => formatMonth(month, 'fr'))).toEqual(['janv. 27', 'févr. 27', 'août 27', 'déc. 26']);
        expect(formatMonth('2027-01', 'en')).toBe('Jan 27');
        expect(formatMonth('not a month', 'fr')).toBe('not a month');
    });

    it('reads a typed day-first date, and leaves an impossible one as typed', () => {
        expect(parseDateInput('5/1/2027')).toBe('2027-01-05');
        expect(parseDateInput('29/02/2027')).toBe('29/02/2027');
        expect(parseDateInput('2027-01-05')).toBe('2027-01-05');
    });
});
