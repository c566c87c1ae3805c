import { useState } from 'react';
import {
    Alert,
    Button,
    IconButton,
    MenuItem,
    Stack,
    Table,
    TableBody,
    TableCell,
    TableRow,
    TextField,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { useDataProvider, useGetList, useLocaleState, useTranslate, type Identifier } from 'react-admin';
import { ORDER } from '../../../shared/contract';
import type { CascadeDataProvider, Order, OrderLineInput } from '../providers/dataProvider';
import { useLicenseAction } from '../misc/useLicenseAction';
import { ActionDialog } from '../misc/ActionDialog';
import { formatCents, formatRate } from '../misc/money';
import { previewOrder, type DraftLine } from './pricing';
import { useBuyerPricing } from './useBuyerPricing';

/** Every query an order can change: orders, invoices, and the pools its fulfilment fills. */
export const ORDER_QUERIES = [['orders'], ['invoices'], ['pools'], ['movements'], ['dashboard'], ['forecast']];

interface LineInput {
    product_id: Identifier | '';
    quantity: string;
}

/** A quantity typed in a line: a whole number from 1 to ORDER.maxQuantity, else null. */
const quantityOf = (text: string): number | null => {
    const value = Number(text);
    return text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= ORDER.maxQuantity ? value : null;
};

/**
 * A new order from the login's organisation to its supplier, with live totals computed as the
 * server will (its prices and VAT are frozen at submission). `initialLines` pre-fill it (a shortfall).
 */
export const NewOrderDialog = ({ initialLines, onClose }: { initialLines?: OrderLineInput[]; onClose: () => void }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const pricing = useBuyerPricing();
    const { data: products } = useGetList('products', {
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'code', order: 'ASC' },
    });
    const [lines, setLines] = useState<LineInput[]>(
        initialLines?.length
            ? initialLines.map(line => ({ product_id: line.product_id, quantity: String(line.quantity) }))
            : [{ product_id: '', quantity: '' }],
    );
    const submit = useLicenseAction<Order, OrderLineInput[]>({
        action: (key, orderLines) => dataProvider.submitOrder(orderLines, key),
        refresh: ORDER_QUERIES,
        success: order => translate('cascade.orders.submitted', { id: order.id }),
        onDone: onClose,
    });
    const draft: DraftLine[] = lines.map(line => ({ product_id: line.product_id, quantity: quantityOf(line.quantity) }));
    const preview = pricing ? previewOrder(draft, pricing.listPrices, pricing.discountPercent, pricing.vatRatePercent) : undefined;
    const complete = draft.every(line => line.product_id !== '' && line.quantity !== null);
    const canSubmit = complete && !!preview && preview.unpriced.length === 0 && !submit.pending;
    const money = (cents: number | undefined) => (cents === undefined ? '…' : formatCents(cents, locale));

    const change = (index: number, patch: Partial<LineInput>) => {
        submit.reset();
        setLines(current => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));
    };

    return (
        <ActionDialog
            title={translate('cascade.orders.new_title')}
            maxWidth="sm"
            action={submit}
            canSubmit={canSubmit}
            onSubmit={() => submit.run(draft.map(line => ({ product_id: line.product_id as Identifier, quantity: line.quantity! })))}
            onClose={onClose}
            cancelLabel="ra.action.cancel"
            okLabel="cascade.orders.submit"
            errorTestId="order-error"
        >
            {lines.map((line, index) => {
                const priced = preview?.lines.find(p => String(p.product_id) === String(line.product_id));
                const badQuantity = line.quantity !== '' && quantityOf(line.quantity) === null;
                return (
                    <Stack key={index} direction={{ xs: 'column', sm: 'row' }} spacing={1} alignItems={{ sm: 'flex-start' }}>
                        <TextField
                            select
                            label={translate('cascade.orders.product')}
                            value={line.product_id}
                            onChange={event => change(index, { product_id: event.target.value })}
                            sx={{ minWidth: 140, flex: 1 }}
                            size="small"
                            error={preview?.unpriced.some(id => String(id) === String(line.product_id))}
                            helperText={
                                preview?.unpriced.some(id => String(id) === String(line.product_id))
                                    ? translate('cascade.orders.no_price')
                                    : priced
                                      ? translate('cascade.orders.unit_price', { price: money(priced.unit_price_cents) })
                                      : ' '
                            }
                        >
                            {(products ?? []).map(product => (
                                // a product goes on one line only (the server refuses it twice)
                                <MenuItem
                                    key={product.id}
                                    value={product.id}
                                    disabled={lines.some((other, i) => i !== index && String(other.product_id) === String(product.id))}
                                >
                                    {product.code}
                                </MenuItem>
                            ))}
                        </TextField>
                        <TextField
                            label={translate('cascade.orders.quantity')}
                            value={line.quantity}
                            onChange={event => change(index, { quantity: event.target.value })}
                            type="number"
                            size="small"
                            error={badQuantity}
                            helperText={badQuantity ? translate('cascade.orders.invalid_quantity', { max: ORDER.maxQuantity }) : ' '}
                            slotProps={{ htmlInput: { step: 1, min: 1 } }}
                            sx={{ width: { sm: 130 } }}
                        />
                        {lines.length > 1 ? (
                            <IconButton
                                aria-label={translate('cascade.orders.remove_line')}
                                onClick={() => setLines(current => current.filter((_, i) => i !== index))}
                            >
                                <DeleteIcon />
                            </IconButton>
                        ) : null}
                    </Stack>
                );
            })}
            {lines.length < ORDER.maxLines ? (
                <Button
                    startIcon={<AddIcon />}
                    onClick={() => setLines(current => [...current, { product_id: '', quantity: '' }])}
                    sx={{ alignSelf: 'flex-start' }}
                >
                    {translate('cascade.orders.add_line')}
                </Button>
            ) : null}
            {pricing && pricing.discountPercent > 0 ? (
                <Alert severity="info">{translate('cascade.orders.discount', { discount: pricing.discountPercent })}</Alert>
            ) : null}
            <Table size="small" aria-label={translate('cascade.orders.totals')} data-testid="order-totals">
                <TableBody>
                    <TableRow>
                        <TableCell component="th" scope="row">{translate('cascade.orders.total_excl_vat')}</TableCell>
                        <TableCell align="right">{money(preview?.totals.total_excl_vat_cents)}</TableCell>
                    </TableRow>
                    <TableRow>
                        <TableCell component="th" scope="row">
                            {translate('cascade.orders.vat', { rate: formatRate(pricing?.vatRatePercent, locale) })}
                        </TableCell>
                        <TableCell align="right">{money(preview?.totals.vat_cents)}</TableCell>
                    </TableRow>
                    <TableRow>
                        <TableCell component="th" scope="row" sx={{ fontWeight: 'bold' }}>
                            {translate('cascade.orders.total_incl_vat')}
                        </TableCell>
                        <TableCell align="right" sx={{ fontWeight: 'bold' }}>
                            {money(preview?.totals.total_incl_vat_cents)}
                        </TableCell>
                    </TableRow>
                </TableBody>
            </Table>
        </ActionDialog>
    );
};
