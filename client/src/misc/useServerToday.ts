import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { CascadeDataProvider } from '../providers/dataProvider';

/** The server's "today" (YYYY-MM-DD, its clock: pinned in tests), undefined until known. */
export const useServerToday = (): string | undefined => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const { data } = useQuery({
        queryKey: ['health', 'today'],
        queryFn: () => dataProvider.serverToday(),
        staleTime: 10 * 60 * 1000,
    });
    return data;
};
