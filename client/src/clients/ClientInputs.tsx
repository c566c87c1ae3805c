import {
    ArrayInput,
    AutocompleteInput,
    maxLength,
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
import { useServerToday } from '../misc/useServerToday';
import { LocaleDateInput } from '../misc/LocaleDateInput';
import type { Permissions } from '../providers/permissions';
import { YEARS } from '../../../shared/contract';

/** The longest client reference the server accepts (api contract §5). */
const REFERENCE_MAX_LENGTH = 64;

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
            <AutocompleteInput optionText="name" readOnly={readOnly} label="cascade.clients.reseller_optional" />
        </ReferenceInput>
    );
};

/**
 * Who owns the client, by the caller's role: a reseller's clients are its own (locked, no partner
 * input); a partner's are its own or one of its resellers' (partner locked); an admin picks the
 * partner of a new client. An existing client stays with its partner: only its reseller changes.
 */
const OwnerInputs = ({ existing }: { existing: boolean }) => {
    const { permissions } = usePermissions<Permissions>();
    const role = permissions?.role;
    if (role === 'reseller') return <ResellerInput readOnly />;
    return (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0, sm: 2 }} sx={{ width: '100%' }}>
            <ReferenceInput source="partner_id" reference="partners">
                <AutocompleteInput optionText="name" readOnly={existing || role === 'partner'} />
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

/**
 * A new product line's defaults, starting on the server's today (its clock, not the browser's,
 * which may be in another time zone or wrong); undefined until the server's day is known.
 */
export const useNewSubscriptionLine = () => {
    const today = useServerToday();
    return today ? { start_date: today, years: 1, seats: 1 } : undefined;
};

/** One product line: product, start date, years, seats (a new client's lines, an added product). */
export const SubscriptionLineInputs = ({ source = '' }: { source?: string }) => {
    const today = useServerToday();
    return (
        <>
            <ReferenceInput source={`${source}product_id`} reference="products">
                <SelectInput
                    optionText="code"
                    label="resources.clients.fields.product_id"
                    validate={required()}
                    sx={{ minWidth: 140 }}
                />
            </ReferenceInput>
            <LocaleDateInput
                source={`${source}start_date`}
                label="resources.clients.fields.start_date"
                defaultValue={today}
                validate={required()}
            />
            <NumberInput
                source={`${source}years`}
                label="resources.clients.fields.years"
                defaultValue={1}
                min={YEARS.min}
                max={YEARS.max}
                step={1}
                validate={[required(), minValue(YEARS.min), maxValue(YEARS.max), wholeNumber]}
            />
            <NumberInput
                source={`${source}seats`}
                label="resources.clients.fields.seats"
                defaultValue={1}
                min={1}
                step={1}
                validate={[required(), minValue(1), wholeNumber]}
            />
        </>
    );
};

/** The products of a new client, one line each. */
export const SubscriptionLinesInput = () => (
    <ArrayInput source="subscriptions" label="cascade.clients.subscriptions" validate={required()}>
        <SimpleFormIterator inline disableReordering>
            <SubscriptionLineInputs />
        </SimpleFormIterator>
    </ArrayInput>
);

/** What a client is: name, optional reference, partner and optional reseller (create and edit). */
export const ClientInputs = ({ existing = false }: { existing?: boolean }) => (
    <>
        <TextInput source="name" validate={required()} />
        <TextInput source="reference" validate={maxLength(REFERENCE_MAX_LENGTH)} parse={value => (value === '' ? null : value)} />
        <OwnerInputs existing={existing} />
    </>
);
