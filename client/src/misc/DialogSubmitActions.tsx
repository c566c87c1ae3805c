import type { ReactNode } from 'react';
import { Button, DialogActions } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The Cancel / OK buttons of our form dialogs; `children` go before them (e.g. a "clear" button). */
export const DialogSubmitActions = ({
    onCancel,
    pending,
    canSubmit,
    cancelLabel,
    okLabel,
    children,
}: {
    onCancel: () => void;
    pending: boolean;
    canSubmit: boolean;
    cancelLabel: string;
    okLabel: string;
    children?: ReactNode;
}) => {
    const translate = useTranslate();
    return (
        <DialogActions>
            {children}
            <Button onClick={onCancel} disabled={pending}>
                {translate(cancelLabel)}
            </Button>
            <Button type="submit" variant="contained" disabled={!canSubmit}>
                {translate(okLabel)}
            </Button>
        </DialogActions>
    );
};
