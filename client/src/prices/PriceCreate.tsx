import { Create, ReferenceInput, SelectInput, SimpleForm, TextInput, required, type Validator } from 'react-admin';
import { UNIT_PRICE_CENTS } from '../../../shared/contract';
import { LocaleDateInput } from '../misc/LocaleDateInput';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { centsOfEuros } from '../misc/money';

/** The price field's value as cents: a number is the stored row's (untouched), a string is typed in euros. */
const centsOf = (value: unknown): number | null => (typeof value === 'number' ? value : typeof value === 'string' ? centsOfEuros(value) : null);

const validPrice: Validator = value => {
    const cents = centsOf(value);
    return cents === null || cents < UNIT_PRICE_CENTS.min || cents > UNIT_PRICE_CENTS.max ? 'cascade.prices.invalid_price' : undefined;
};

/** An edited row shows its price in euros as typed ("40.05"). */
const eurosOf = (value: unknown) => (typeof value === 'number' ? (value / 100).toFixed(2) : (value ?? ''));

/** The form's price is sent in cents. */
export const priceTransform = (data: { unit_price_cents: unknown }) => ({ ...data, unit_price_cents: centsOf(data.unit_price_cents) });

export const PriceForm = () => {
    const save = useLocalizedSave();
    return (
        <SimpleForm onSubmit={save}>
            <ReferenceInput source="product_id" reference="products">
                <SelectInput optionText="code" validate={required()} />
            </ReferenceInput>
            {/* typed in euros, sent in cents (the page's transform) */}
            <TextInput
                source="unit_price_cents"
                validate={[required(), validPrice]}
                helperText="cascade.prices.euros_hint"
                format={eurosOf}
            />
            <LocaleDateInput source="valid_from" validate={required()} />
        </SimpleForm>
    );
};

/** A new row of the price list: a product's price from a date on (past rows never change). */
export const PriceCreate = () => (
    <Create
        redirect="list"
        title="cascade.prices.create_title"
        transform={priceTransform}
    >
        <PriceForm />
    </Create>
);

export default PriceCreate;
