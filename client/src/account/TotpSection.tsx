import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { errorMessage } from '../misc/errorMessage';
import { forgetAccount } from '../providers/authProvider';
import { disableTotp, enableTotp, fieldError, refusalCode, setupTotp } from './accountApi';

/** After a change of 2FA, /api/auth/me says something else: identity and permissions are read again. */
const useRefreshAccount = () => {
    const queryClient = useQueryClient();
    return () => {
        forgetAccount();
        void queryClient.invalidateQueries({ queryKey: ['auth'] });
    };
};

/** The 10 recovery codes, shown once, right after 2FA is turned on. */
const RecoveryCodes = ({ codes, onDone }: { codes: string[]; onDone: () => void }) => {
    const translate = useTranslate();
    return (
        <Stack spacing={2}>
            <Alert severity="warning">{translate('cascade.account.recovery_codes_once')}</Alert>
            <Box
                component="ol"
                data-testid="recovery-codes"
                sx={{ fontFamily: 'monospace', fontSize: '1.05rem', columns: 2, m: 0, pl: 4 }}
            >
                {codes.map(code => (
                    <li key={code}>{code}</li>
                ))}
            </Box>
            <div>
                <Button variant="contained" onClick={onDone}>
                    {translate('cascade.account.recovery_codes_done')}
                </Button>
            </div>
        </Stack>
    );
};

/** Set-up: the QR code (and the secret for manual entry), then the first code to confirm it. */
const TotpSetup = ({ onEnabled }: { onEnabled: (codes: string[]) => void }) => {
    const translate = useTranslate();
    const [code, setCode] = useState('');
    const setup = useMutation({ mutationFn: setupTotp });
    const enable = useMutation({ mutationFn: enableTotp, onSuccess: ({ recovery_codes }) => onEnabled(recovery_codes) });
    if (!setup.data) {
        return (
            <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
                <Typography variant="body2">{translate('cascade.account.totp_intro')}</Typography>
                {setup.error ? <Alert severity="error">{errorMessage(setup.error, translate)}</Alert> : null}
                <Button variant="contained" onClick={() => setup.mutate()} disabled={setup.isPending}>
                    {translate('cascade.account.totp_setup')}
                </Button>
            </Stack>
        );
    }
    const submit = (event: FormEvent) => {
        event.preventDefault();
        if (code.trim()) enable.mutate(code.trim());
    };
    const wrongCode = fieldError(enable.error, 'code');
    return (
        <Stack component="form" noValidate onSubmit={submit} spacing={2} sx={{ maxWidth: 420 }}>
            <Typography variant="body2">{translate('cascade.account.totp_scan')}</Typography>
            <Box component="img" src={setup.data.qr_code} alt={translate('cascade.account.totp_qr')} sx={{ width: 200, height: 200 }} />
            <Typography variant="body2">
                {translate('cascade.account.totp_secret')}{' '}
                <Box component="code" data-testid="totp-secret" sx={{ wordBreak: 'break-all' }}>
                    {setup.data.secret}
                </Box>
            </Typography>
            <TextField
                label={translate('cascade.account.totp_code')}
                autoComplete="one-time-code"
                value={code}
                onChange={event => setCode(event.target.value)}
                error={!!wrongCode}
                helperText={wrongCode ? translate('cascade.errors.invalid_totp') : undefined}
                slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }}
            />
            {enable.error && !wrongCode ? <Alert severity="error">{errorMessage(enable.error, translate)}</Alert> : null}
            <div>
                <Button type="submit" variant="contained" disabled={enable.isPending || !code.trim()}>
                    {translate('cascade.account.totp_enable')}
                </Button>
            </div>
        </Stack>
    );
};

/** Turning 2FA off needs the password, and is refused when the organisation requires 2FA. */
const TotpDisable = ({ onDisabled }: { onDisabled: () => void }) => {
    const translate = useTranslate();
    const [password, setPassword] = useState('');
    const disable = useMutation({ mutationFn: disableTotp, onSuccess: onDisabled });
    const code = refusalCode(disable.error);
    const message =
        code === 'totp_enrolment_required'
            ? translate('cascade.account.totp_disable_refused')
            : code === 'invalid_credentials'
              ? translate('cascade.account.wrong_password')
              : disable.error
                ? errorMessage(disable.error, translate)
                : null;
    const submit = (event: FormEvent) => {
        event.preventDefault();
        if (password) disable.mutate(password);
    };
    return (
        <Stack component="form" noValidate onSubmit={submit} spacing={2} sx={{ maxWidth: 420 }}>
            <Alert severity="success">{translate('cascade.account.totp_on')}</Alert>
            <TextField
                label={translate('cascade.account.current_password')}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={event => setPassword(event.target.value)}
            />
            {message ? <Alert severity="error">{message}</Alert> : null}
            <div>
                <Button type="submit" color="error" variant="outlined" disabled={disable.isPending || !password}>
                    {translate('cascade.account.totp_disable')}
                </Button>
            </div>
        </Stack>
    );
};

/** Two-factor authentication of one's own login: set-up, recovery codes, turning it off. */
export const TotpSection = ({ enabled }: { enabled: boolean }) => {
    const notify = useNotify();
    const refresh = useRefreshAccount();
    const [codes, setCodes] = useState<string[] | null>(null);
    if (codes) {
        return (
            <RecoveryCodes
                codes={codes}
                onDone={() => setCodes(null)}
            />
        );
    }
    if (enabled) {
        return (
            <TotpDisable
                onDisabled={() => {
                    notify('cascade.account.totp_disabled', { type: 'success' });
                    refresh();
                }}
            />
        );
    }
    return (
        <TotpSetup
            onEnabled={recoveryCodes => {
                setCodes(recoveryCodes);
                refresh();
            }}
        />
    );
};
