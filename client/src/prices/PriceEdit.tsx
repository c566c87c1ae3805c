import { Edit, type Identifier } from 'react-admin';
import { PriceForm, priceTransform } from './PriceCreate';

/**
 * Corrects a row of the price list that has not started yet (the list offers it on those only;
 * the server refuses a past one). Saved before leaving, so a refusal stays on its field.
 */
export const PriceEdit = ({ id }: { id?: Identifier }) => (
    <Edit id={id} redirect="list" mutationMode="pessimistic" title="cascade.prices.edit_title" transform={priceTransform}>
        <PriceForm />
    </Edit>
);

export default PriceEdit;
