import { Chip, useMediaQuery, type Theme } from '@mui/material';
import { DataTable, List, SelectInput, SimpleList, TextField, TopToolbar, useLocaleState, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { Invoice } from '../providers/dataProvider';
import type { Permissions } from '../providers/permissions';
import { DateOnlyField } from '../misc/DateOnlyField';
import { MoneyColumns } from '../orders/MoneyColumns';
import { formatCents } from '../misc/money';
import { SellerField } from '../orders/SellerField';
import { DocumentLines } from '../orders/DocumentLines';
import { ServerExportButton } from '../misc/ServerExportButton';
import { CreditButton } from './CreditButton';
import { InvoicePdfButton } from './InvoicePdfButton';

const filters = [
    <SelectInput
        key="kind"
        source="kind"
        choices={[
            { id: 'invoice', name: 'cascade.invoices.kind.invoice' },
            { id: 'credit_note', name: 'cascade.invoices.kind.credit_note' },
        ]}
        alwaysOn
    />,
];

/** Facture or Avoir; an invoice already credited says so. */
const KindField = (_props: { label?: string; source?: string }) => {
    const invoice = useRecordContext<Invoice>();
    const translate = useTranslate();
    if (!invoice) return null;
    return (
        <>
            {translate(`cascade.invoices.kind.${invoice.kind}`)}
            {invoice.credit_note_id !== null ? (
                <Chip size="small" variant="outlined" sx={{ ml: 1 }} label={translate('cascade.invoices.credited')} />
            ) : null}
        </>
    );
};

/** "Factures": invoices and credit notes in scope, newest first. */
export const InvoiceList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const { permissions } = usePermissions<Permissions>();
    return (
        <List
            filters={filters}
            actions={
                <TopToolbar>
                    <ServerExportButton resource="invoices" />
                </TopToolbar>
            }
            sort={{ field: 'id', order: 'DESC' }}
            perPage={25}
        >
            {isSmall ? (
                <SimpleList<Invoice>
                    primaryText={invoice => `${translate(`cascade.invoices.kind.${invoice.kind}`)} ${invoice.number}`}
                    secondaryText={invoice => `${invoice.buyer_name} · ${formatCents(invoice.total_incl_vat_cents, locale)}`}
                    tertiaryText={() => (
                        <>
                            <InvoicePdfButton />
                            <CreditButton />
                        </>
                    )}
                    rowClick={false}
                />
            ) : (
                <DataTable bulkActionButtons={false} expand={<DocumentLines />} rowClick="expand">
                    <DataTable.Col source="number">
                        <TextField source="number" sx={{ whiteSpace: 'nowrap' }} />
                    </DataTable.Col>
                    <DataTable.Col source="kind">
                        <KindField />
                    </DataTable.Col>
                    <DataTable.Col source="issuer_type" disableSort>
                        <SellerField side="issuer" />
                    </DataTable.Col>
                    <DataTable.Col source="buyer_name" />
                    <DataTable.Col source="issued_on">
                        <DateOnlyField source="issued_on" />
                    </DataTable.Col>
                    <DataTable.Col source="due_on">
                        <DateOnlyField source="due_on" />
                    </DataTable.Col>
                    <MoneyColumns />
                    <DataTable.Col label="cascade.orders.actions" disableSort>
                        <InvoicePdfButton />
                        {/* a reseller issues no invoice: nothing to credit */}
                        {permissions?.role === 'reseller' ? null : <CreditButton />}
                    </DataTable.Col>
                </DataTable>
            )}
        </List>
    );
};

export default InvoiceList;
