import { useMediaQuery, type Theme } from '@mui/material';
import {
    CreateButton,
    DataTable,
    DeleteButton,
    EditButton,
    List,
    ReferenceField,
    ReferenceInput,
    SelectInput,
    SimpleList,
    TextField,
    TopToolbar,
    useLocaleState,
    useRecordContext,
    type RaRecord,
} from 'react-admin';
import { Stack } from '@mui/material';
import { useServerToday } from '../misc/useServerToday';
import { PublisherIdentityForm } from './PublisherIdentityForm';
import { DateOnlyField } from '../misc/DateOnlyField';
import { MoneyField } from '../misc/MoneyField';
import { formatCents } from '../misc/money';
import { formatDate } from '../misc/dates';

const filters = [
    <ReferenceInput key="product_id" source="product_id" reference="products" alwaysOn>
        <SelectInput optionText="code" />
    </ReferenceInput>,
];

/**
 * Edit and delete for a row that has not started yet (valid_from today or later, by the server's
 * day); a started row is history and read-only, as the server holds it.
 */
const FuturePriceActions = () => {
    const price = useRecordContext();
    const today = useServerToday();
    if (!price || !today || price.valid_from < today) return null;
    return (
        <Stack direction="row" spacing={1} justifyContent="flex-end">
            <EditButton />
            <DeleteButton mutationMode="pessimistic" />
        </Stack>
    );
};

/** "Tarifs": the publisher's price list with its history, newest first, and its invoices' issuer identity (admins). */
export const PriceList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const [locale] = useLocaleState();
    return (
        <>
            <List
                filters={filters}
                actions={
                    <TopToolbar>
                        <CreateButton />
                    </TopToolbar>
                }
                sort={{ field: 'valid_from', order: 'DESC' }}
                perPage={25}
            >
                {isSmall ? (
                    <SimpleList<RaRecord>
                        primaryText={() => (
                            <ReferenceField source="product_id" reference="products" link={false}>
                                <TextField source="code" />
                            </ReferenceField>
                        )}
                        secondaryText={price => `${formatCents(price.unit_price_cents, locale)} · ${formatDate(price.valid_from, locale)}`}
                        rowClick={false}
                        rightIcon={() => <FuturePriceActions />}
                    />
                ) : (
                    <DataTable bulkActionButtons={false} rowClick={false}>
                        <DataTable.Col source="product_id">
                            <ReferenceField source="product_id" reference="products" link={false}>
                                <TextField source="code" />
                            </ReferenceField>
                        </DataTable.Col>
                        <DataTable.Col source="unit_price_cents" align="right">
                            <MoneyField source="unit_price_cents" />
                        </DataTable.Col>
                        <DataTable.Col source="valid_from">
                            <DateOnlyField source="valid_from" />
                        </DataTable.Col>
                        <DataTable.Col label="ra.action.edit" align="right">
                            <FuturePriceActions />
                        </DataTable.Col>
                    </DataTable>
                )}
            </List>
            <PublisherIdentityForm />
        </>
    );
};

export default PriceList;
