import { FormControlLabel, Switch, Typography } from '@mui/material';
import {
    useCanAccess,
    useNotify,
    useRecordContext,
    useResourceContext,
    useTranslate,
    useUpdate,
} from 'react-admin';
import { errorMessage } from './errorMessage';

/**
 * Whether the organisation in context (a partner or a reseller) requires two-factor authentication
 * of its logins. Admins switch it; the others only read it.
 */
export const RequireTotpSwitch = (_props: { label?: string }) => {
    const record = useRecordContext();
    const resource = useResourceContext() ?? '';
    const translate = useTranslate();
    const notify = useNotify();
    const { canAccess } = useCanAccess({ action: 'require_totp', resource });
    const [update, { isPending }] = useUpdate();
    if (!record) return null;
    const required = !!record.require_totp;
    if (!canAccess) {
        return (
            <Typography variant="body2" data-testid="require-totp">
                {translate(required ? 'cascade.require_totp.on' : 'cascade.require_totp.off')}
            </Typography>
        );
    }
    const toggle = (checked: boolean) =>
        update(
            resource,
            {
                id: record.id,
                data: { name: record.name, email: record.email, require_totp: checked },
                previousData: record,
            },
            {
                mutationMode: 'pessimistic',
                onSuccess: () =>
                    notify(checked ? 'cascade.require_totp.enabled' : 'cascade.require_totp.disabled', { type: 'success' }),
                onError: error => notify(errorMessage(error, translate) || 'ra.notification.http_error', { type: 'error' }),
            },
        );
    return (
        <FormControlLabel
            control={
                <Switch
                    checked={required}
                    disabled={isPending}
                    onChange={event => toggle(event.target.checked)}
                    slotProps={{ input: { 'aria-label': translate('cascade.require_totp.label') } }}
                />
            }
            label={translate('cascade.require_totp.label')}
        />
    );
};
