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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
    useDataProvider,
    useGetList,
    useNotify,
    useTranslate,
    type HttpError,
    type Identifier,
    type RaRecord,
} from 'react-admin';
import type { AllocateParams, CascadeDataProvider } from '../providers/dataProvider';
import { errorFields } from '../misc/errorMessage';
import { checkAllocation } from './allocation';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';

const usePoolBalance = (holderType: 'partner' | 'reseller', holderId: Identifier | undefined, productId: Identifier | '') => {
    const { data, refetch } = useGetList(
        'pools',
        {
            filter: { holder_type: holderType, holder_id: holderId, product_id: productId },
            pagination: { page: 1, perPage: 1 },
            sort: { field: 'id', order: 'ASC' },
        },
        { enabled: holderId != null && productId !== '' },
    );
    return { balance: productId === '' || !data ? undefined : (data[0]?.balance ?? 0), refetch };
};

/** Partner → reseller allocation (negative = reclaim). Mounted when opened. */
export const AllocateDialog = ({ reseller, onClose }: { reseller: RaRecord; onClose: () => void }) => {
    const translate = useTranslate();
    const notify = useNotify();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    const [key, setKey] = useState(() => crypto.randomUUID());
    const { data: products } = useGetList('products', {
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'code', order: 'ASC' },
    });
    const [productId, setProductId] = useState<Identifier | ''>('');
    const [quantityInput, setQuantityInput] = useState('');
    const partnerPool = usePoolBalance('partner', reseller.partner_id, productId);
    const resellerPool = usePoolBalance('reseller', reseller.id, productId);
    const check = checkAllocation(quantityInput, partnerPool.balance, resellerPool.balance);

    const mutation = useMutation<unknown, HttpError, AllocateParams>({
        mutationFn: params => dataProvider.allocate(params, key),
        onSuccess: (_data, params) => {
            for (const resource of ['pools', 'movements', 'dashboard']) {
                queryClient.invalidateQueries({ queryKey: [resource] });
            }
            notify('cascade.allocate.success', { type: 'success', messageArgs: { quantity: params.quantity } });
            onClose();
        },
        onError: () => {
            setKey(crypto.randomUUID());
            partnerPool.refetch();
            resellerPool.refetch();
        },
    });
    const fieldErrors = mutation.error ? errorFields(mutation.error, translate) : {};
    const reason =
        productId === '' || quantityInput === ''
            ? null
            : check.blocker === 'quantity'
              ? translate('cascade.allocate.invalid_quantity')
              : check.blocker === 'short_partner'
                ? translate('cascade.allocate.short_partner', { balance: partnerPool.balance })
                : check.blocker === 'short_reseller'
                  ? translate('cascade.allocate.short_reseller', { balance: resellerPool.balance })
                  : null;
    const canSubmit = productId !== '' && check.blocker === null && check.quantity !== null && !mutation.isPending;

    return (
        <Dialog open onClose={mutation.isPending ? undefined : onClose} fullWidth maxWidth="xs">
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    if (canSubmit && check.quantity !== null) {
                        mutation.mutate({ product_id: productId, reseller_id: reseller.id, quantity: check.quantity });
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
                            onChange={event => setProductId(event.target.value)}
                            error={!!fieldErrors.product_id}
                            helperText={fieldErrors.product_id}
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
                                {translate('cascade.allocate.partner_balance', { balance: partnerPool.balance ?? '…' })}
                                <br />
                                {translate('cascade.allocate.reseller_balance', { balance: resellerPool.balance ?? '…' })}
                            </Typography>
                        ) : null}
                        <TextField
                            label={translate('cascade.allocate.quantity')}
                            value={quantityInput}
                            onChange={event => setQuantityInput(event.target.value)}
                            type="number"
                            error={!!reason || !!fieldErrors.quantity}
                            helperText={fieldErrors.quantity}
                            slotProps={{ htmlInput: { step: 1 } }}
                            variant="outlined"
                        />
                        {reason ? <Alert severity="warning">{reason}</Alert> : null}
                        <ServerErrorAlert error={mutation.error} testId="allocate-error" />
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={mutation.isPending}
                    canSubmit={canSubmit}
                    cancelLabel="cascade.allocate.cancel"
                    okLabel="cascade.allocate.ok"
                />
            </form>
        </Dialog>
    );
};
