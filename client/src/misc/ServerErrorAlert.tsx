import type { ReactNode } from 'react';
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { errorMessage } from './errorMessage';

/** A dialog's refusal from the server, in the user's language; `children` follow the message. */
export const ServerErrorAlert = ({ error, testId, children }: { error: unknown; testId: string; children?: ReactNode }) => {
    const translate = useTranslate();
    if (!error) return null;
    return (
        <Alert severity="error" data-testid={testId}>
            {errorMessage(error, translate)}
            {children}
        </Alert>
    );
};
