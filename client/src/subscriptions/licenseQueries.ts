import type { QueryClient } from '@tanstack/react-query';

/** What a license-moving action (renewal, seat change, undo) can change on screen. */
const AFFECTED = ['subscriptions', 'clients', 'pools', 'movements', 'terms', 'dashboard', 'renewal_attempts', 'notifications'];

/** Refetch every view a license-moving action may have changed. */
export const invalidateAfterLicenseMove = (queryClient: QueryClient) => {
    for (const resource of AFFECTED) queryClient.invalidateQueries({ queryKey: [resource] });
};
