import { DataTable } from 'react-admin';
import { MoneyField } from '../misc/MoneyField';

/** An order's or invoice's totals excluding and including VAT, as two right-aligned DataTable columns. */
export const MoneyColumns = () => (
    <>
        {(['total_excl_vat_cents', 'total_incl_vat_cents'] as const).map(source => (
            <DataTable.Col key={source} source={source} align="right">
                <MoneyField source={source} />
            </DataTable.Col>
        ))}
    </>
);
