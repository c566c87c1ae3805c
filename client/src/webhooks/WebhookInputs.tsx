import { CheckboxGroupInput, TextInput, minLength, required } from 'react-admin';
import { EVENT_CHOICES } from './webhookModel';

/** The URL and the chosen events, shared by the create and edit pages. */
export const WebhookInputs = () => (
    <>
        <TextInput source="url" type="url" validate={required()} helperText="cascade.webhooks.url_hint" fullWidth />
        <CheckboxGroupInput
            source="events"
            choices={EVENT_CHOICES}
            row={false}
            validate={[required('cascade.webhooks.choose_event'), minLength(1, 'cascade.webhooks.choose_event')]}
            helperText="cascade.webhooks.events_hint"
        />
    </>
);
