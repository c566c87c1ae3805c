import type { MouseEvent, ReactNode } from 'react';
import { Button, IconButton, Stack, Tooltip } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { Confirm, useTranslate } from 'react-admin';
import type { LicenseAction } from './useLicenseAction';
import { ServerErrorAlert } from './ServerErrorAlert';

/**
 * An undo button and its confirmation; a refusal stays in the confirmation, said once. Clicks do
 * not reach a row under it. `compact`: an icon with its label as tooltip and accessible name, so a
 * table row's width does not change when it appears.
 */
export const UndoConfirm = ({
    label,
    title,
    content,
    undo,
    open,
    setOpen,
    compact = false,
}: {
    label: string;
    title: string;
    content: ReactNode;
    undo: LicenseAction<unknown, void>;
    open: boolean;
    setOpen: (open: boolean) => void;
    compact?: boolean;
}) => {
    const translate = useTranslate();
    const close = () => {
        undo.reset();
        setOpen(false);
    };
    return (
        <span onClick={(event: MouseEvent) => event.stopPropagation()}>
            {compact ? (
                <Tooltip title={translate(label)}>
                    <IconButton size="small" color="warning" aria-label={translate(label)} onClick={() => setOpen(true)}>
                        <UndoIcon fontSize="small" />
                    </IconButton>
                </Tooltip>
            ) : (
                <Button size="small" color="warning" startIcon={<UndoIcon />} onClick={() => setOpen(true)}>
                    {translate(label)}
                </Button>
            )}
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
