import { Card, CardContent, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Form, SaveButton, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { LegalIdentityInputs } from '../misc/OrganisationEdit';
import { errorFields, useNotifyError } from '../misc/errorMessage';
import { PUBLISHER_QUERY, usePublisher } from '../misc/usePublisher';
import type { CascadeDataProvider, LegalIdentity } from '../providers/dataProvider';

const IDENTITY_FIELDS = ['legal_name', 'address', 'siren', 'vat_number'] as const;

/**
 * "Émetteur des factures": the publisher's identity printed on the invoices it issues (PUT
 * /api/publisher, admins). A refused SIREN or VAT number shows on its field. Invoices already
 * issued keep the identity they were issued with.
 */
export const PublisherIdentityForm = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const notifyError = useNotifyError();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    const { data: publisher } = usePublisher();
    if (!publisher) return null;
    const save = async (values: FieldValues) => {
        // Empty fields are cleared (null), as the server stores them.
        const identity = Object.fromEntries(IDENTITY_FIELDS.map(field => [field, values[field] || null])) as unknown as LegalIdentity;
        try {
            queryClient.setQueryData(PUBLISHER_QUERY, await dataProvider.updatePublisher(identity));
            notify('cascade.prices.issuer_saved', { type: 'success' });
            return undefined;
        } catch (error) {
            const fields = errorFields(error, translate);
            if (Object.keys(fields).length === 0) notifyError(error);
            return fields;
        }
    };
    return (
        <Card sx={{ mt: 2 }} component="section" aria-labelledby="publisher-identity-title">
            <CardContent>
                <Typography variant="h6" component="h2" id="publisher-identity-title">
                    {translate('cascade.prices.issuer_title')}
                </Typography>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                    {translate('cascade.prices.issuer_hint')}
                </Typography>
                <Form defaultValues={publisher} onSubmit={save}>
                    <LegalIdentityInputs />
                    <SaveButton alwaysEnable />
                </Form>
            </CardContent>
        </Card>
    );
};
