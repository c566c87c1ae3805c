import { useState } from 'react';
import { Create, SimpleForm, useRedirect } from 'react-admin';
import type { Webhook } from '../providers/dataProvider';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { SecretDialog } from './SecretDialog';
import { WebhookInputs } from './WebhookInputs';

const WebhookForm = () => {
    const save = useLocalizedSave();
    return (
        <SimpleForm onSubmit={save} defaultValues={{ events: ['subscription.renewed'] }}>
            <WebhookInputs />
        </SimpleForm>
    );
};

/** A new endpoint; its signing secret is shown once, then the page goes to its delivery log. */
export const WebhookCreate = () => {
    const redirect = useRedirect();
    const [created, setCreated] = useState<Webhook | null>(null);
    return (
        <>
            <Create redirect={false} mutationOptions={{ onSuccess: (webhook: Webhook) => setCreated(webhook) }}>
                <WebhookForm />
            </Create>
            {created?.secret ? (
                <SecretDialog
                    secret={created.secret}
                    onClose={() => {
                        setCreated(null); // never shown again
                        redirect('show', 'webhooks', created.id);
                    }}
                />
            ) : null}
        </>
    );
};

export default WebhookCreate;
