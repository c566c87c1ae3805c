import { Alert, Dialog, DialogContent, DialogTitle, Stack } from '@mui/material';
import { Form, useDataProvider, useGetList, useTranslate, type RaRecord } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { AddSubscriptionParams, AddSubscriptionResult, CascadeDataProvider } from '../providers/dataProvider';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';
import { useLicenseAction } from '../misc/useLicenseAction';
import { SubscriptionLineInputs, useNewSubscriptionLine } from './ClientInputs';
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
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const adding = useLicenseAction<AddSubscriptionResult, AddSubscriptionParams>({
        action: (key, params) => dataProvider.addSubscription(client.id, params, key),
        refresh: 'licences',
        success: result => translate('cascade.add_product.success', { remaining: result.remaining_after }),
        onDone: onClose,
    });
    const line = useNewSubscriptionLine();
    // The form starts once the server's day is known (the new line starts that day).
    if (!line) return null;
    return (
        <Dialog open onClose={adding.pending ? undefined : onClose} fullWidth maxWidth="sm">
            <Form
                defaultValues={line}
                // Resolves to nothing: react-admin's Form takes what onSubmit resolves to for the fields'
                // server errors (it threw on the new subscription's null fields). A refusal shows below.
                onSubmit={async (values: Partial<AddSubscriptionParams>) => {
                    await adding.run({
                        product_id: values.product_id!,
                        start_date: values.start_date!,
                        years: Number(values.years),
                        seats: Number(values.seats),
                    });
                }}
            >
                <DialogTitle>{translate('cascade.add_product.title', { client: client.name })}</DialogTitle>
                <DialogContent>
                    <Stack sx={{ pt: 1 }}>
                        <SubscriptionLineInputs />
                        <AddProductCost client={client} />
                        <ServerErrorAlert error={adding.error} testId="add-product-error" />
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={adding.pending}
                    canSubmit={!adding.pending}
                    cancelLabel="cascade.add_product.cancel"
                    okLabel="cascade.add_product.ok"
                />
            </Form>
        </Dialog>
    );
};
