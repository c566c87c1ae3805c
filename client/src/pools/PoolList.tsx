import { useMediaQuery, type Theme } from '@mui/material';
import {
    DataTable,
    List,
    ReferenceField,
    ReferenceInput,
    SelectInput,
    SimpleList,
    useTranslate,
    type RaRecord,
} from 'react-admin';

const holderChoices = [
    { id: 'partner', name: 'cascade.pools.partner' },
    { id: 'reseller', name: 'cascade.pools.reseller' },
];

const poolFilters = [
    <SelectInput key="holder_type" source="holder_type" choices={holderChoices} alwaysOn />,
    <ReferenceInput key="product_id" source="product_id" reference="products" alwaysOn>
        <SelectInput optionText="code" />
    </ReferenceInput>,
];


/** Every pool the caller can see, with its balance. */
export const PoolList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    return (
        <List filters={poolFilters} perPage={25} exporter={false}>
            {isSmall ? (
                <SimpleList<RaRecord>
                    primaryText={record => record.holder_name}
                    secondaryText={record => translate(`cascade.pools.${record.holder_type}`)}
                    tertiaryText={record => String(record.balance)}
                    rowClick={false}
                />
            ) : (
                <DataTable bulkActionButtons={false} rowClick={false}>
                    <DataTable.Col source="holder_name" disableSort />
                    <DataTable.Col
                        source="holder_type"
                        disableSort
                        render={record => translate(`cascade.pools.${record.holder_type}`)}
                    />
                    <DataTable.Col source="product_id">
                        <ReferenceField source="product_id" reference="products" link={false} />
                    </DataTable.Col>
                    <DataTable.NumberCol source="balance" />
                </DataTable>
            )}
        </List>
    );
};

export default PoolList;
