import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Typography } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useTranslate } from 'react-admin';

/** The signing secret of a new endpoint, shown this once, with a copy button. */
export const SecretDialog = ({ secret, onClose }: { secret: string; onClose: () => void }) => {
    const translate = useTranslate();
    const [copied, setCopied] = useState(false);
    return (
        <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="webhook-secret-title">
            <DialogTitle id="webhook-secret-title">{translate('cascade.webhooks.secret_title')}</DialogTitle>
            <DialogContent>
                <DialogContentText>{translate('cascade.webhooks.secret_text')}</DialogContentText>
                <Box sx={{ my: 2, p: 1.5, bgcolor: 'action.hover', borderRadius: 1 }}>
                    <Typography component="code" data-testid="webhook-secret" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                        {secret}
                    </Typography>
                </Box>
                {copied ? <Alert severity="success">{translate('cascade.webhooks.copied')}</Alert> : null}
            </DialogContent>
            <DialogActions>
                <Button
                    startIcon={<ContentCopyIcon />}
                    onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
                >
                    {translate('cascade.webhooks.copy')}
                </Button>
                <Button variant="contained" onClick={onClose}>
                    {translate('cascade.webhooks.secret_done')}
                </Button>
            </DialogActions>
        </Dialog>
    );
};
