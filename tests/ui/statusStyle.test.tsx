import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import {
    STATUSES,
    statusStyles,
    styleOf,
    type Status,
} from '../../client/src/status/statusStyle';
import { rowSx, statusRowSx } from '../../client/src/status/rowSx';
import { StatusLegend } from '../../client/src/status/StatusLegend';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

// DESIGN §2, written out independently of the module under test.
const expected: Record<Status, string> = {
    expiring: 'orange',
    expired: 'red',
    not_started: 'blue',
    renewed: 'green',
    cancelled: 'grey',
    active: 'default',
};

describe('status colours (DESIGN §2)', () => {
    it.each(Object.entries(expected))('%s is %s', (status, colour) => {
        expect(statusStyles[status as Status].colour).toBe(colour);
    });

    it('covers exactly the six statuses', () => {
        expect([...STATUSES].sort()).toEqual(Object.keys(expected).sort());
    });

    it('only renewed carries the green check', () => {
        for (const status of STATUSES) {
            expect(statusStyles[status].check).toBe(status === 'renewed');
        }
    });

    it('colours the row border from the table, and leaves active rows plain', () => {
        for (const status of STATUSES) {
            const sx = statusRowSx({ status }) as Record<string, unknown>;
            const main = statusStyles[status].main;
            if (main) {
                expect(sx.borderLeft).toBe(`5px solid ${main}`);
                expect(sx.backgroundColor).toBe(statusStyles[status].tint);
            } else {
                expect(sx.borderLeft).toBe('5px solid transparent');
                expect(sx.backgroundColor).toBeUndefined();
            }
        }
    });

    it('distinct colours for the five coloured statuses', () => {
        const mains = STATUSES.map(status => statusStyles[status].main).filter(Boolean);
        expect(new Set(mains).size).toBe(5);
    });

    it('treats an unknown status as default, and reads another field when told', () => {
        expect(styleOf('bogus')).toBe(statusStyles.active);
        expect(styleOf(undefined)).toBe(statusStyles.active);
        const sx = rowSx('client_status')({ client_status: 'expired' }) as Record<string, unknown>;
        expect(sx.borderLeft).toBe(`5px solid ${statusStyles.expired.main}`);
    });
});

describe('<StatusLegend>', () => {
    it('lists every status, in table order, with its colour and French label', async () => {
        renderWithAdmin(<StatusLegend />, { dataProvider: fakeDataProvider({}) });
        const legend = await screen.findByRole('list', { name: 'Légende' });
        const items = within(legend)
            .getAllByRole('listitem')
            .filter(item => item.hasAttribute('data-status'));
        expect(items.map(item => item.getAttribute('data-status'))).toEqual([...STATUSES]);
        for (const item of items) {
            const status = item.getAttribute('data-status') as Status;
            expect(item.getAttribute('data-colour')).toBe(expected[status]);
        }
        expect(within(legend).getByText('Expire bientôt')).toBeInTheDocument();
        expect(within(legend).getByText('Expiré')).toBeInTheDocument();
        expect(within(legend).getByText('Pas encore commencé')).toBeInTheDocument();
        expect(within(legend).getByText('Renouvelé')).toBeInTheDocument();
        expect(within(legend).getByText('Résilié')).toBeInTheDocument();
        // the renewed entry is a check mark, the others a swatch
        expect(within(legend).queryByTestId('swatch-renewed')).toBeNull();
        expect(within(legend).getByTestId('swatch-expired')).toBeInTheDocument();
    });
});
