import { useState, type MouseEvent } from 'react';
import { Button } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import { Confirm, useDelete, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useNotifyError } from '../misc/errorMessage';
import { apiKeyStatus, type ApiKeyRecord } from './apiKeyModel';

/** Revokes the key in context after a confirmation (DELETE /api/api_keys/:id); the key stops working at once. */
export const RevokeApiKeyButton = () => {
    const key = useRecordContext<ApiKeyRecord>();
    const translate = useTranslate();
    const notify = useNotify();
    const notifyError = useNotifyError();
    // The revoked key stays listed (with its status): the list is read again rather than trimmed.
    const refresh = useRefresh();
    const [open, setOpen] = useState(false);
    const [revoke, { isPending }] = useDelete();
    if (!key || apiKeyStatus(key) === 'revoked') return null;
    return (
        <span onClick={(event: MouseEvent) => event.stopPropagation()}>
            <Button size="small" color="error" startIcon={<BlockIcon />} onClick={() => setOpen(true)}>
                {translate('cascade.api_keys.revoke')}
            </Button>
            <Confirm
                isOpen={open}
                loading={isPending}
                title={translate('cascade.api_keys.revoke_title', { name: key.name })}
                content={translate('cascade.api_keys.revoke_content')}
                confirm="cascade.api_keys.revoke"
                confirmColor="warning"
                onConfirm={() =>
                    revoke(
                        'api_keys',
                        { id: key.id, previousData: key },
                        {
                            mutationMode: 'pessimistic',
                            onSuccess: () => {
                                setOpen(false);
                                refresh();
                                notify('cascade.api_keys.revoked', { type: 'info' });
                            },
                            onError: error => {
                                setOpen(false);
                                notifyError(error);
                            },
                        },
                    )
                }
                onClose={() => setOpen(false)}
            />
        </span>
    );
};
