import { describe, expect, it } from 'vitest';
import { parseWhole, renewPreview } from '../../client/src/subscriptions/renewPreview';

describe('renewPreview', () => {
    it('computes balance − seats × years', () => {
        expect(renewPreview(50, '2', '12')).toMatchObject({ cost: 24, remaining: 26, blocker: null });
        expect(renewPreview(24, 2, 12)).toMatchObject({ remaining: 0, blocker: null });
    });

    it('blocks a negative result', () => {
        expect(renewPreview(23, '2', '12')).toMatchObject({ remaining: -1, blocker: 'short' });
    });

    it('validates years 1..10 and seats ≥ 1, whole numbers only', () => {
        expect(renewPreview(50, '0', '1').blocker).toBe('years');
        expect(renewPreview(50, '11', '1').blocker).toBe('years');
        expect(renewPreview(50, '1.5', '1').blocker).toBe('years');
        expect(renewPreview(50, '', '1').blocker).toBe('years');
        expect(renewPreview(50, '1', '0').blocker).toBe('seats');
        expect(renewPreview(50, '1', '-3').blocker).toBe('seats');
        expect(renewPreview(50, '1', '2.5').blocker).toBe('seats');
        expect(renewPreview(50, '10', '1').blocker).toBe(null);
    });

    it('waits for the balance', () => {
        expect(renewPreview(undefined, '1', '1')).toMatchObject({ cost: 1, remaining: null, blocker: 'no_balance' });
    });

    it('parses whole numbers only', () => {
        expect(parseWhole(' 7 ')).toBe(7);
        expect(parseWhole('1e2')).toBeNull();
        expect(parseWhole(3.2)).toBeNull();
        expect(parseWhole(null)).toBeNull();
    });
});
