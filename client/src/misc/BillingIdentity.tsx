import { Stack } from '@mui/material';
import { Labeled, NumberField, TextField } from 'react-admin';

/** A partner's or reseller's billing terms (discount) and the identity its invoices carry, read-only. */
export const BillingIdentity = ({ resource }: { resource: 'partners' | 'resellers' }) => (
    <Stack spacing={1}>
        <Labeled label={`resources.${resource}.fields.discount_percent`}>
            <NumberField source="discount_percent" options={{ maximumFractionDigits: 2 }} emptyText="0" />
        </Labeled>
        {(['legal_name', 'address', 'siren', 'vat_number'] as const).map(source => (
            <Labeled key={source} label={`cascade.billing_identity.${source}`}>
                <TextField source={source} emptyText="—" sx={{ whiteSpace: 'pre-line' }} />
            </Labeled>
        ))}
    </Stack>
);
