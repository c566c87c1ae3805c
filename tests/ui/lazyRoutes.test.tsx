import { describe, expect, it } from 'vitest';
import clients from '../../client/src/clients';
import partners from '../../client/src/partners';
import resellers from '../../client/src/resellers';
import pools from '../../client/src/pools';
import movements from '../../client/src/movements';

const LAZY = Symbol.for('react.lazy');
const isLazy = (component: unknown) => (component as { $$typeof?: symbol } | undefined)?.$$typeof === LAZY;

// The first download is the dashboard's (budget: 340 KB gzipped); every page loads on demand.
describe('resource pages are lazy routes', () => {
    it.each([
        ['clients', clients],
        ['partners', partners],
        ['resellers', resellers],
        ['pools', pools],
        ['movements', movements],
    ] as [string, Record<string, unknown>][])('%s', (_name, resource) => {
        const pages = ['list', 'create', 'edit', 'show'].filter(page => resource[page] !== undefined);
        expect(pages.length).toBeGreaterThan(0);
        for (const page of pages) expect(isLazy(resource[page]), page).toBe(true);
    });
});
