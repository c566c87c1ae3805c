import { ReferenceInput, SearchInput, SelectArrayInput, SelectInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { STATUSES } from '../status/statusStyle';

export const statusChoices = STATUSES.map(status => ({ id: status, name: `cascade.status.${status}` }));

/** Resellers of the chosen partner only, when a partner filter is set. */
const ResellerFilterInput = (props: { source: string }) => {
    const partnerId = useWatch({ name: 'partner_id' });
    return (
        <ReferenceInput {...props} reference="resellers" filter={partnerId ? { partner_id: partnerId } : {}}>
            <SelectInput optionText="name" />
        </ReferenceInput>
    );
};

export const clientFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectArrayInput key="status" source="status" choices={statusChoices} alwaysOn sx={{ minWidth: 200 }} />,
    <ReferenceInput key="partner_id" source="partner_id" reference="partners">
        <SelectInput optionText="name" />
    </ReferenceInput>,
    <ResellerFilterInput key="reseller_id" source="reseller_id" />,
    // Filter only (clients having a subscription to the product): not a field of the record.
    <ReferenceInput key="product_id" source="product_id" reference="products" sort={{ field: 'code', order: 'ASC' }}>
        <SelectInput optionText="code" />
    </ReferenceInput>,
];
