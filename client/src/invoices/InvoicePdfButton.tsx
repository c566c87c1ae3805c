import { Button } from '@mui/material';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useRecordContext, useTranslate } from 'react-admin';
import { API_URL, type Invoice } from '../providers/dataProvider';

/** The invoice as the buyer receives it: GET /api/invoices/:id/pdf (Factur-X), a plain same-origin download. */
export const InvoicePdfButton = () => {
    const invoice = useRecordContext<Invoice>();
    const translate = useTranslate();
    if (!invoice) return null;
    return (
        <Button
            component="a"
            href={`${API_URL}/invoices/${invoice.id}/pdf`}
            download
            size="small"
            startIcon={<PictureAsPdfIcon />}
            onClick={event => event.stopPropagation()}
            aria-label={translate('cascade.invoices.pdf_label', { number: invoice.number })}
        >
            {translate('cascade.invoices.pdf')}
        </Button>
    );
};
