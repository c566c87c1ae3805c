import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { CascadeDataProvider } from '../providers/dataProvider';

/** Every dashboard figure comes from one GET /api/dashboard. */
export const useDashboard = () => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    return useQuery({ queryKey: ['dashboard'], queryFn: () => dataProvider.dashboard() });
};
