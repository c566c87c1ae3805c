import { useState } from 'react';
import { Button, DialogContentText } from '@mui/material';
import { useDataProvider, useLocaleState, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { CascadeDataProvider, Invoice } from '../providers/dataProvider';
import type { Permissions } from '../providers/permissions';
import { useLicenseAction } from '../misc/useLicenseAction';
import { ActionDialog } from '../misc/ActionDialog';
import { formatCents } from '../misc/money';
import { mayCredit } from '../orders/orderParties';
import { ORDER_QUERIES } from '../orders/NewOrderDialog';

/** The credit note confirmation: the licences go back from the buyer's pool (409 if it no longer holds them). */
const CreditDialog = ({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const credit = useLicenseAction<Invoice, void>({
        action: key => dataProvider.creditInvoice(invoice.id, key),
        refresh: ORDER_QUERIES,
        success: note => translate('cascade.invoices.credit.done', { number: note.number }),
        onDone: onClose,
    });
    return (
        <ActionDialog
            title={translate('cascade.invoices.credit.title', { number: invoice.number })}
            action={credit}
            canSubmit={!credit.pending}
            onSubmit={() => credit.run()}
            onClose={onClose}
            cancelLabel="cascade.orders.back"
            okLabel="cascade.invoices.credit.ok"
            errorTestId="credit-error"
        >
            <DialogContentText>
                {translate('cascade.invoices.credit.text', {
                    number: invoice.number,
                    buyer: invoice.buyer_name,
                    total: formatCents(invoice.total_incl_vat_cents, locale),
                })}
            </DialogContentText>
        </ActionDialog>
    );
};

/** "Émettre un avoir", for the issuer of an invoice not yet credited. */
export const CreditButton = (_props: { label?: string }) => {
    const invoice = useRecordContext<Invoice>();
    const translate = useTranslate();
    const { permissions } = usePermissions<Permissions>();
    const [open, setOpen] = useState(false);
    if (!invoice || !mayCredit(permissions, invoice)) return null;
    return (
        <span onClick={event => event.stopPropagation()}>
            <Button size="small" onClick={() => setOpen(true)}>
                {translate('cascade.invoices.credit.button')}
            </Button>
            {open ? <CreditDialog invoice={invoice} onClose={() => setOpen(false)} /> : null}
        </span>
    );
};
