import { useState } from 'react';
import { Alert, Dialog, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, useDataProvider, useGetList, useNotify, useTranslate, type HttpError, type RaRecord } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { AddSubscriptionParams, AddSubscriptionResult, CascadeDataProvider } from '../providers/dataProvider';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';
import { invalidateAfterLicenseMove } from '../subscriptions/licenseQueries';
import { newSubscriptionLine, SubscriptionLineInputs } from './ClientInputs';
import { lineConsumption, managerPoolFilter } from './consumption';

/** Cost of the line (seats × years) and, once the product is chosen, the manager's pool after it. */
const AddProductCost = ({ client }: { client: RaRecord }) => {
    const translate = useTranslate();
    const line = useWatch<AddSubscriptionParams>();
    const productId = line.product_id;
    const { data: pools } = useGetList(
        'pools',
        {
            filter: managerPoolFilter(client, productId),
            pagination: { page: 1, perPage: 1 },
            sort: { field: 'id', order: 'ASC' },
        },
        { enabled: productId != null && productId !== '' },
    );
    const cost = lineConsumption(line);
    if (cost === 0) return null;
    const balance = productId != null && pools ? (pools[0]?.balance ?? 0) : undefined;
    return (
        <Alert severity={balance !== undefined && balance < cost ? 'warning' : 'info'} icon={false} data-testid="add-product-cost">
            {translate('cascade.add_product.cost', { cost, seats: line.seats, years: line.years })}
            {balance !== undefined ? (
                <>
                    <br />
                    {translate('cascade.add_product.remaining', { remaining: balance - cost })}
                </>
            ) : null}
        </Alert>
    );
};

/** "Ajouter un produit" to the client: one new subscription, paid from its manager's pool. Mounted when opened. */
export const AddProductDialog = ({ client, onClose }: { client: RaRecord; onClose: () => void }) => {
    const translate = useTranslate();
    const notify = useNotify();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    // One key per attempt: a double click adds the product once; after a refusal a new try gets a new key.
    const [key, setKey] = useState(() => crypto.randomUUID());
    const mutation = useMutation<AddSubscriptionResult, HttpError, AddSubscriptionParams>({
        mutationFn: params => dataProvider.addSubscription(client.id, params, key),
        onSuccess: result => {
            invalidateAfterLicenseMove(queryClient);
            notify('cascade.add_product.success', { type: 'success', messageArgs: { remaining: result.remaining_after } });
            onClose();
        },
        onError: () => setKey(crypto.randomUUID()),
    });
    return (
        <Dialog open onClose={mutation.isPending ? undefined : onClose} fullWidth maxWidth="sm">
            <Form
                defaultValues={newSubscriptionLine()}
                onSubmit={(values: Partial<AddSubscriptionParams>) =>
                    mutation.mutate({
                        product_id: values.product_id!,
                        start_date: values.start_date!,
                        years: Number(values.years),
                        seats: Number(values.seats),
                    })
                }
            >
                <DialogTitle>{translate('cascade.add_product.title', { client: client.name })}</DialogTitle>
                <DialogContent>
                    <Stack sx={{ pt: 1 }}>
                        <SubscriptionLineInputs />
                        <AddProductCost client={client} />
                        <ServerErrorAlert error={mutation.error} testId="add-product-error" />
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={mutation.isPending}
                    canSubmit={!mutation.isPending}
                    cancelLabel="cascade.add_product.cancel"
                    okLabel="cascade.add_product.ok"
                />
            </Form>
        </Dialog>
    );
};
