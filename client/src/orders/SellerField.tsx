import { ReferenceField, useRecordContext, useTranslate } from 'react-admin';

/** The selling side of an order (supplier) or invoice (issuer): the buyer's partner, or the publisher. */
export const SellerField = ({ side }: { side: 'supplier' | 'issuer'; label?: string }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (record?.[`${side}_type`] !== 'partner') return <>{translate('cascade.orders.publisher')}</>;
    return <ReferenceField source={`${side}_id`} reference="partners" link={false} />;
};
