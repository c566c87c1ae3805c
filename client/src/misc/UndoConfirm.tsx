import type { MouseEvent, ReactNode } from 'react';
import { Button, Stack } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { Confirm, useTranslate } from 'react-admin';
import type { LicenseAction } from './useLicenseAction';
import { ServerErrorAlert } from './ServerErrorAlert';

/**
 * An undo button and its confirmation; a refusal stays in the confirmation, said once. Clicks do
 * not reach a row under it.
 */
export const UndoConfirm = ({
    label,
    title,
    content,
    undo,
    open,
    setOpen,
}: {
    label: string;
    title: string;
    content: ReactNode;
    undo: LicenseAction<unknown, void>;
    open: boolean;
    setOpen: (open: boolean) => void;
}) => {
    const translate = useTranslate();
    const close = () => {
        undo.reset();
        setOpen(false);
    };
    return (
        <span onClick={(event: MouseEvent) => event.stopPropagation()}>
            <Button size="small" color="warning" startIcon={<UndoIcon />} onClick={() => setOpen(true)}>
                {translate(label)}
            </Button>
            <Confirm
                isOpen={open}
                loading={undo.pending}
                title={title}
                content={
                    <Stack spacing={2}>
                        <span>{content}</span>
                        <ServerErrorAlert error={undo.error} testId="undo-error" />
                    </Stack>
                }
                confirmColor="warning"
                onConfirm={() => undo.run()}
                onClose={close}
            />
        </span>
    );
};
