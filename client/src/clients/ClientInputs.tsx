import {
    ArrayInput,
    AutocompleteInput,
    DateInput,
    maxValue,
    minValue,
    NumberInput,
    ReferenceInput,
    required,
    SelectInput,
    SimpleFormIterator,
    TextInput,
    usePermissions,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { Stack } from '@mui/material';
import { todayIso } from '../misc/dates';
import type { Permissions } from '../providers/permissions';
import { ConsumptionSummary } from './ConsumptionSummary';
import { YEARS } from '../../../shared/contract';

const wholeNumber = (value: unknown) =>
    value === null || value === undefined || value === '' || Number.isInteger(Number(value))
        ? undefined
        : 'cascade.validation.whole';

const ResellerInput = ({ readOnly }: { readOnly?: boolean }) => {
    const partnerId = useWatch({ name: 'partner_id' });
    return (
        <ReferenceInput
            source="reseller_id"
            reference="resellers"
            filter={partnerId ? { partner_id: partnerId } : {}}
        >
            <AutocompleteInput optionText="name" readOnly={readOnly} />
        </ReferenceInput>
    );
};

/**
 * Who owns the new client, by the caller's role: a reseller's clients are its own (locked, no
 * partner input); a partner's are its own or one of its resellers' (partner locked); an admin picks.
 */
const OwnerInputs = () => {
    const { permissions } = usePermissions<Permissions>();
    const role = permissions?.role;
    if (role === 'reseller') return <ResellerInput readOnly />;
    return (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0, sm: 2 }} sx={{ width: '100%' }}>
            <ReferenceInput source="partner_id" reference="partners">
                <AutocompleteInput optionText="name" readOnly={role === 'partner'} />
            </ReferenceInput>
            <ResellerInput />
        </Stack>
    );
};

/** The owner fields a new client starts with: the caller's own organisation. */
export const ownerDefaults = (permissions: Permissions | undefined) =>
    permissions?.role === 'reseller'
        ? { reseller_id: permissions.resellerId }
        : permissions?.role === 'partner'
          ? { partner_id: permissions.partnerId }
          : {};

export const newSubscriptionLine = () => ({ start_date: todayIso(), years: 1, seats: 1 });

/** Inputs of a new client: name, partner, optional reseller, and its products. */
export const ClientInputs = () => (
    <>
        <TextInput source="name" validate={required()} />
        <OwnerInputs />
        <ArrayInput source="subscriptions" label="cascade.clients.subscriptions" validate={required()}>
            <SimpleFormIterator inline disableReordering>
                <ReferenceInput source="product_id" reference="products">
                    <SelectInput
                        optionText="code"
                        label="resources.clients.fields.product_id"
                        validate={required()}
                        sx={{ minWidth: 140 }}
                    />
                </ReferenceInput>
                <DateInput
                    source="start_date"
                    label="resources.clients.fields.start_date"
                    defaultValue={todayIso()} validate={required()} />
                <NumberInput
                    source="years"
                    label="resources.clients.fields.years"
                    defaultValue={1}
                    min={YEARS.min}
                    max={YEARS.max}
                    step={1}
                    validate={[required(), minValue(YEARS.min), maxValue(YEARS.max), wholeNumber]}
                />
                <NumberInput
                    source="seats"
                    label="resources.clients.fields.seats"
                    defaultValue={1}
                    min={1}
                    step={1}
                    validate={[required(), minValue(1), wholeNumber]}
                />
            </SimpleFormIterator>
        </ArrayInput>
        <ConsumptionSummary />
    </>
);
