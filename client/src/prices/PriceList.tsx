import { useMediaQuery, type Theme } from '@mui/material';
import {
    CreateButton,
    DataTable,
    List,
    ReferenceField,
    ReferenceInput,
    SelectInput,
    SimpleList,
    TextField,
    TopToolbar,
    useLocaleState,
    type RaRecord,
} from 'react-admin';
import { DateOnlyField } from '../misc/DateOnlyField';
import { MoneyField } from '../misc/MoneyField';
import { formatCents } from '../misc/money';
import { formatDate } from '../misc/dates';

const filters = [
    <ReferenceInput key="product_id" source="product_id" reference="products" alwaysOn>
        <SelectInput optionText="code" />
    </ReferenceInput>,
];

/** "Tarifs": the publisher's price list with its history, newest first (admins). */
export const PriceList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const [locale] = useLocaleState();
    return (
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
                </DataTable>
            )}
        </List>
    );
};

export default PriceList;
