import { Create, ReferenceInput, SelectInput, SimpleForm, TextInput, required, type Validator } from 'react-admin';
import { UNIT_PRICE_CENTS } from '../../../shared/contract';
import { LocaleDateInput } from '../misc/LocaleDateInput';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { centsOfEuros } from '../misc/money';

const validPrice: Validator = value => {
    const cents = typeof value === 'string' ? centsOfEuros(value) : null;
    return cents === null || cents < UNIT_PRICE_CENTS.min || cents > UNIT_PRICE_CENTS.max ? 'cascade.prices.invalid_price' : undefined;
};

const PriceForm = () => {
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
        transform={(data: { unit_price_cents: string }) => ({ ...data, unit_price_cents: centsOfEuros(data.unit_price_cents) })}
    >
        <PriceForm />
    </Create>
);

export default PriceCreate;
