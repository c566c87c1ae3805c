import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { ReferenceField, TextField, useLocaleState, useRecordContext, useTranslate, RecordContextProvider } from 'react-admin';
import type { DocumentLine } from '../providers/dataProvider';
import { formatCents } from '../misc/money';

/** The priced lines of an order or an invoice (its expand panel). */
export const DocumentLines = () => {
    const document = useRecordContext<{ id: number; lines: DocumentLine[]; reason?: string | null }>();
    const translate = useTranslate();
    const [locale] = useLocaleState();
    if (!document) return null;
    return (
        <Table size="small" aria-label={translate('cascade.orders.lines')}>
            <TableHead>
                <TableRow>
                    <TableCell>{translate('cascade.orders.product')}</TableCell>
                    <TableCell align="right">{translate('cascade.orders.quantity')}</TableCell>
                    <TableCell align="right">{translate('cascade.orders.unit_price_column')}</TableCell>
                    <TableCell align="right">{translate('cascade.orders.total_excl_vat')}</TableCell>
                </TableRow>
            </TableHead>
            <TableBody>
                {document.lines.map(line => (
                    <TableRow key={String(line.product_id)}>
                        <TableCell>
                            <RecordContextProvider value={line}>
                                <ReferenceField source="product_id" reference="products" link={false}>
                                    <TextField source="code" />
                                </ReferenceField>
                            </RecordContextProvider>
                        </TableCell>
                        <TableCell align="right">{line.quantity}</TableCell>
                        <TableCell align="right">{formatCents(line.unit_price_cents, locale)}</TableCell>
                        <TableCell align="right">{formatCents(line.total_cents, locale)}</TableCell>
                    </TableRow>
                ))}
                {document.reason ? (
                    <TableRow>
                        <TableCell colSpan={4}>{translate('cascade.orders.reason', { reason: document.reason })}</TableCell>
                    </TableRow>
                ) : null}
            </TableBody>
        </Table>
    );
};
