import { useState } from 'react';
import { Button, Dialog, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useDataProvider, useLocaleState, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { CascadeDataProvider, Invoice } from '../providers/dataProvider';
import type { Permissions } from '../providers/permissions';
import { useLicenseAction } from '../misc/useLicenseAction';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';
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
        <Dialog open onClose={credit.pending ? undefined : onClose} fullWidth maxWidth="xs">
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    credit.run();
                }}
            >
                <DialogTitle>{translate('cascade.invoices.credit.title', { number: invoice.number })}</DialogTitle>
                <DialogContent>
                    <DialogContentText>
                        {translate('cascade.invoices.credit.text', {
                            number: invoice.number,
                            buyer: invoice.buyer_name,
                            total: formatCents(invoice.total_incl_vat_cents, locale),
                        })}
                    </DialogContentText>
                    <ServerErrorAlert error={credit.error} testId="credit-error" />
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={credit.pending}
                    canSubmit={!credit.pending}
                    cancelLabel="cascade.orders.back"
                    okLabel="cascade.invoices.credit.ok"
                />
            </form>
        </Dialog>
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
