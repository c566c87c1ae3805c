import { useCallback } from 'react';
import { useProductCatalogue } from './productCatalogue';

/**
 * The short product name ("TBox", the product's code) for a product's full name as the API's
 * renewal answers give it ("TBox — stockage et partage de fichiers"); the full name until the
 * products are loaded. Titles and lines stay short enough for a phone.
 */
export const useShortProductName = () => {
    const { data } = useProductCatalogue();
    return useCallback(
        (name: string | undefined) => data?.find(product => product.name === name)?.code ?? name ?? '',
        [data],
    );
};
