import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useCreate, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../providers/permissions';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';
import { expiryInstant, scopeChoices, type ApiKeyRecord } from './apiKeyModel';

/** The secret of a new key, with a copy button and the warning that it will not be shown again. */
const SecretOnce = ({ secret, onClose }: { secret: string; onClose: () => void }) => {
    const translate = useTranslate();
    const [copied, setCopied] = useState(false);
    return (
        <>
            <DialogContent>
                <Stack spacing={2} sx={{ pt: 1 }}>
                    <Alert severity="warning">{translate('cascade.api_keys.secret_once')}</Alert>
                    <TextField
                        label={translate('cascade.api_keys.secret')}
                        value={secret}
                        slotProps={{ input: { readOnly: true }, htmlInput: { 'data-testid': 'api-key-secret' } }}
                        onFocus={event => event.target.select()}
                        fullWidth
                    />
                    {copied ? <Alert severity="success">{translate('cascade.api_keys.copied')}</Alert> : null}
                </Stack>
            </DialogContent>
            <DialogActions>
                <Button
                    startIcon={<ContentCopyIcon />}
                    onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
                >
                    {translate('cascade.api_keys.copy')}
                </Button>
                <Button variant="contained" onClick={onClose}>
                    {translate('cascade.api_keys.done')}
                </Button>
            </DialogActions>
        </>
    );
};

/** Creates a key (POST /api/api_keys): name, scope, optional expiry day; then its secret, once. */
export const CreateApiKeyDialog = ({ onClose }: { onClose: () => void }) => {
    const translate = useTranslate();
    const { permissions } = usePermissions<Permissions>();
    const [name, setName] = useState('');
    const [scope, setScope] = useState<ApiKeyRecord['scope']>('read');
    const [expiry, setExpiry] = useState('');
    const [secret, setSecret] = useState<string | null>(null);
    const [create, { isPending, error, reset }] = useCreate<ApiKeyRecord & { secret: string }>();
    const canSubmit = name.trim() !== '' && !isPending;
    return (
        <Dialog open onClose={isPending ? undefined : onClose} fullWidth maxWidth="sm">
            <DialogTitle>{translate(secret ? 'cascade.api_keys.created_title' : 'cascade.api_keys.create_title')}</DialogTitle>
            {secret ? (
                <SecretOnce secret={secret} onClose={onClose} />
            ) : (
                <form
                    noValidate
                    onSubmit={event => {
                        event.preventDefault();
                        if (!canSubmit) return;
                        create(
                            'api_keys',
                            { data: { name: name.trim(), scope, expires_at: expiryInstant(expiry) } },
                            { onSuccess: record => setSecret(record.secret) },
                        );
                    }}
                >
                    <DialogContent>
                        <Stack spacing={2} sx={{ pt: 1 }}>
                            <TextField
                                label={translate('resources.api_keys.fields.name')}
                                value={name}
                                onChange={event => {
                                    reset();
                                    setName(event.target.value);
                                }}
                                required
                                autoFocus
                            />
                            <TextField
                                select
                                label={translate('resources.api_keys.fields.scope')}
                                value={scope}
                                onChange={event => setScope(event.target.value as ApiKeyRecord['scope'])}
                                helperText={translate(`cascade.api_keys.scope_help.${scope}`)}
                            >
                                {scopeChoices(permissions?.role).map(choice => (
                                    <MenuItem key={choice} value={choice}>
                                        {translate(`cascade.api_keys.scope.${choice}`)}
                                    </MenuItem>
                                ))}
                            </TextField>
                            <TextField
                                type="date"
                                label={translate('resources.api_keys.fields.expires_at')}
                                value={expiry}
                                onChange={event => setExpiry(event.target.value)}
                                helperText={translate('cascade.api_keys.expiry_help')}
                                slotProps={{ inputLabel: { shrink: true } }}
                            />
                            <ServerErrorAlert error={error} testId="api-key-error" />
                        </Stack>
                    </DialogContent>
                    <DialogSubmitActions
                        onCancel={onClose}
                        pending={isPending}
                        canSubmit={canSubmit}
                        cancelLabel="ra.action.cancel"
                        okLabel="cascade.api_keys.create"
                    />
                </form>
            )}
        </Dialog>
    );
};
