import { useState } from 'react';
import {
    Alert,
    Dialog,
    DialogContent,
    DialogTitle,
    MenuItem,
    Stack,
    TextField,
    Typography,
} from '@mui/material';
import {
    useDataProvider,
    useGetList,
    useTranslate,
    type Identifier,
    type RaRecord,
} from 'react-admin';
import type { AllocateParams, CascadeDataProvider } from '../providers/dataProvider';
import { useLicenseAction } from '../misc/useLicenseAction';
import { checkAllocation } from './allocation';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';

const usePoolBalance = (holderType: 'partner' | 'reseller', holderId: Identifier | undefined, productId: Identifier | '') => {
    const { data } = useGetList(
        'pools',
        {
            filter: { holder_type: holderType, holder_id: holderId, product_id: productId },
            pagination: { page: 1, perPage: 1 },
            sort: { field: 'id', order: 'ASC' },
        },
        { enabled: holderId != null && productId !== '' },
    );
    return productId === '' || !data ? undefined : ((data[0]?.balance as number | undefined) ?? 0);
};

/** Partner → reseller allocation (negative = reclaim). Mounted when opened. */
export const AllocateDialog = ({ reseller, onClose }: { reseller: RaRecord; onClose: () => void }) => {
    const translate = useTranslate();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const { data: products } = useGetList('products', {
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'code', order: 'ASC' },
    });
    const [productId, setProductId] = useState<Identifier | ''>('');
    const [quantityInput, setQuantityInput] = useState('');
    const partnerPool = usePoolBalance('partner', reseller.partner_id, productId);
    const resellerPool = usePoolBalance('reseller', reseller.id, productId);
    const check = checkAllocation(quantityInput, partnerPool, resellerPool);

    // the pools' balances are refetched too, after a refusal as after a success
    const allocation = useLicenseAction<unknown, AllocateParams>({
        action: (key, params) => dataProvider.allocate(params, key),
        refresh: [['pools'], ['movements'], ['dashboard']],
        success: (_result, params) =>
            translate(params.quantity < 0 ? 'cascade.allocate.reclaimed' : 'cascade.allocate.success', {
                smart_count: Math.abs(params.quantity),
            }),
        onDone: onClose,
    });
    const reason =
        productId === '' || quantityInput === '' || allocation.error // a refusal says it itself

            ? null
            : check.blocker === 'quantity'
              ? translate('cascade.allocate.invalid_quantity')
              : check.blocker === 'short_partner'
                ? translate('cascade.allocate.short_partner', { balance: partnerPool })
                : check.blocker === 'short_reseller'
                  ? translate('cascade.allocate.short_reseller', { balance: resellerPool })
                  : null;
    const canSubmit = productId !== '' && check.blocker === null && check.quantity !== null && !allocation.pending;

    return (
        <Dialog open onClose={allocation.pending ? undefined : onClose} fullWidth maxWidth="xs">
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    if (canSubmit && check.quantity !== null) {
                        allocation.run({ product_id: productId, reseller_id: reseller.id, quantity: check.quantity });
                    }
                }}
            >
                <DialogTitle>{translate('cascade.allocate.title', { reseller: reseller.name })}</DialogTitle>
                <DialogContent>
                    <Stack spacing={2} sx={{ pt: 1 }}>
                        <TextField
                            select
                            label={translate('cascade.allocate.product')}
                            value={productId}
                            onChange={event => {
                                allocation.reset();
                                setProductId(event.target.value);
                            }}
                            variant="outlined"
                        >
                            {(products ?? []).map(product => (
                                <MenuItem key={product.id} value={product.id}>
                                    {product.code}
                                </MenuItem>
                            ))}
                        </TextField>
                        {productId !== '' ? (
                            <Typography variant="body2" color="text.secondary">
                                {translate('cascade.allocate.partner_balance', { balance: partnerPool ?? '…' })}
                                <br />
                                {translate('cascade.allocate.reseller_balance', { balance: resellerPool ?? '…' })}
                            </Typography>
                        ) : null}
                        <TextField
                            label={translate('cascade.allocate.quantity')}
                            value={quantityInput}
                            onChange={event => {
                                allocation.reset();
                                setQuantityInput(event.target.value);
                            }}
                            type="number"
                            error={!!reason}
                            slotProps={{ htmlInput: { step: 1 } }}
                            variant="outlined"
                        />
                        {reason ? <Alert severity="warning">{reason}</Alert> : null}
                        <ServerErrorAlert error={allocation.error} testId="allocate-error" />
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={allocation.pending}
                    canSubmit={canSubmit}
                    cancelLabel="cascade.allocate.cancel"
                    okLabel="cascade.allocate.ok"
                />
            </form>
        </Dialog>
    );
};
