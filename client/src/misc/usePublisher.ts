import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { CascadeDataProvider } from '../providers/dataProvider';

/** GET /api/publisher, shared by every component that reads it (the VAT rate, the issuer's identity). */
export const PUBLISHER_QUERY = ['publisher'];

export const usePublisher = () => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    return useQuery({ queryKey: PUBLISHER_QUERY, queryFn: () => dataProvider.publisher(), staleTime: 10 * 60 * 1000 });
};
