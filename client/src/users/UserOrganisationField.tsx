import { ReferenceField, useRecordContext, useTranslate } from 'react-admin';

/** A login's organisation: its reseller, else its partner, else the publisher. */
export const UserOrganisationField = (_props: { source?: string; label?: string }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (!record) return null;
    if (record.reseller_id != null) return <ReferenceField source="reseller_id" reference="resellers" link={false} />;
    if (record.partner_id != null) return <ReferenceField source="partner_id" reference="partners" link={false} />;
    return <>{translate('cascade.users.publisher')}</>;
};
