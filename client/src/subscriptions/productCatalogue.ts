import { useGetList } from 'react-admin';

/** The publisher's products (a few), asked once and shared by every view that names them. */
export const useProductCatalogue = () =>
    useGetList<{ id: number; code: string; name: string }>('products', {
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'code', order: 'ASC' },
    });
