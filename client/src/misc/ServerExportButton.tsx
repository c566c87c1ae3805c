import { Button } from '@mui/material';
import DownloadIcon from '@mui/icons-material/GetApp';
import { useListContextWithProps, useLocaleState, useTranslate } from 'react-admin';
import { API_URL } from '../providers/dataProvider';

/** GET /api/exports/<resource>: the server streams the whole list, in the reader's language. */
export const exportUrl = (resource: string, filter: Record<string, unknown>, locale: string) =>
    `${API_URL}/exports/${encodeURIComponent(resource)}?${new URLSearchParams({ filter: JSON.stringify(filter), locale })}`;

/**
 * "Exporter": a plain download link (the session cookie goes with it, same origin), so exports of
 * any size never pass through the browser's memory. The list's current filters, plus the fixed
 * `filter` of a view (the to-renew tab's `to_renew`, which react-admin keeps out of `filterValues`).
 */
export const ServerExportButton = ({ resource, filter }: { resource: string; filter?: Record<string, unknown> }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const { filterValues } = useListContextWithProps({});
    return (
        <Button
            component="a"
            href={exportUrl(resource, { ...filterValues, ...filter }, locale)}
            download
            size="small"
            startIcon={<DownloadIcon />}
        >
            {translate('ra.action.export')}
        </Button>
    );
};
