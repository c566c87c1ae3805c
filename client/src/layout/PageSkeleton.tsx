import { Box, Skeleton } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useTranslate } from 'react-admin';

/**
 * What a page shows while its code arrives: its outline, not a sentence. (react-admin's "La page
 * est en cours de chargement" was the largest text a phone painted: the page's LCP, waiting on the
 * page's code instead of its content.)
 */
export const PageSkeleton = () => {
    const translate = useTranslate();
    return (
        <Box role="status" sx={{ display: 'grid', gap: 2, pt: 2 }}>
            <Box component="span" sx={visuallyHidden}>
                {translate('ra.page.loading')}
            </Box>
            <Skeleton variant="rounded" height={48} />
            <Skeleton variant="rounded" height={320} />
        </Box>
    );
};
