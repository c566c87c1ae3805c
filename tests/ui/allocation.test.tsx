import { describe, expect, it } from 'vitest';
import { checkAllocation } from '../../client/src/resellers/allocation';
import { pivotPools } from '../../client/src/dashboard/PoolsCard';

describe('checkAllocation (partner → reseller, negative = reclaim)', () => {
    it('accepts a non-zero whole quantity within the giving pool', () => {
        expect(checkAllocation('5', 10, 0)).toEqual({ quantity: 5, blocker: null });
        expect(checkAllocation('-3', 0, 3)).toEqual({ quantity: -3, blocker: null });
    });
    it('refuses zero, decimals and empty input', () => {
        for (const input of ['0', '1.5', '', 'abc']) {
            expect(checkAllocation(input, 10, 10).blocker).toBe('quantity');
        }
    });
    it('refuses more than the giving pool holds', () => {
        expect(checkAllocation('11', 10, 50).blocker).toBe('short_partner');
        expect(checkAllocation('-4', 50, 3).blocker).toBe('short_reseller');
    });
});

describe('pivotPools', () => {
    it('one row per holder, partners first, one column per product', () => {
        const { products, rows } = pivotPools([
            { id: 3, holder_type: 'reseller', holder_id: 1, holder_name: 'Zeta', product_id: 1, product_code: 'TBox', balance: 4 },
            { id: 1, holder_type: 'partner', holder_id: 1, holder_name: 'Alpha', product_id: 2, product_code: 'TSend', balance: 7 },
            { id: 2, holder_type: 'partner', holder_id: 1, holder_name: 'Alpha', product_id: 1, product_code: 'TBox', balance: 9 },
        ]);
        expect(products).toEqual(['TBox', 'TSend']);
        expect(rows.map(row => [row.name, row.balances])).toEqual([
            ['Alpha', { TBox: 9, TSend: 7 }],
            ['Zeta', { TBox: 4 }],
        ]);
    });
});
