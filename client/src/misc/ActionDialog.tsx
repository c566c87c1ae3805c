import type { ReactNode } from 'react';
import { Dialog, DialogContent, DialogTitle, Stack, type DialogProps } from '@mui/material';
import { DialogSubmitActions } from './DialogSubmitActions';
import { ServerErrorAlert } from './ServerErrorAlert';

/**
 * The shell of a dialog that sends one action (useLicenseAction): title, content, the server's
 * refusal below it (`errorExtra` inside the alert, e.g. an offer to order the difference), and
 * Cancel / OK. It cannot be closed while the action is in flight; Enter submits when it may.
 */
export const ActionDialog = ({
    title,
    maxWidth = 'xs',
    action,
    canSubmit,
    onSubmit,
    onClose,
    cancelLabel,
    okLabel,
    errorTestId,
    errorExtra,
    children,
}: {
    /** Already translated. */
    title: string;
    maxWidth?: DialogProps['maxWidth'];
    action: { pending: boolean; error: unknown };
    canSubmit: boolean;
    onSubmit: () => void;
    onClose: () => void;
    cancelLabel: string;
    okLabel: string;
    errorTestId: string;
    errorExtra?: ReactNode;
    children: ReactNode;
}) => (
    <Dialog open onClose={action.pending ? undefined : onClose} fullWidth maxWidth={maxWidth}>
        <form
            noValidate
            onSubmit={event => {
                event.preventDefault();
                if (canSubmit) onSubmit();
            }}
        >
            <DialogTitle>{title}</DialogTitle>
            <DialogContent>
                <Stack spacing={2} sx={{ pt: 1 }}>
                    {children}
                    <ServerErrorAlert error={action.error} testId={errorTestId}>
                        {errorExtra}
                    </ServerErrorAlert>
                </Stack>
            </DialogContent>
            <DialogSubmitActions onCancel={onClose} pending={action.pending} canSubmit={canSubmit} cancelLabel={cancelLabel} okLabel={okLabel} />
        </form>
    </Dialog>
);
