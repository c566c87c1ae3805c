import { useRecordContext, useTranslate } from 'react-admin';

/** A page title naming the record in context, e.g. "Modifier Boulangerie Martin" (`message` gets `name`). */
export const RecordTitle = ({ message }: { message: string }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    return <>{translate(message, { name: record?.name ?? '' })}</>;
};
