import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { errorMessage } from '../misc/errorMessage';
import { changePassword, fieldError, MIN_PASSWORD_LENGTH } from './accountApi';

/** Change of one's own password (the login's other sessions are closed by the server). */
export const PasswordForm = () => {
    const translate = useTranslate();
    const notify = useNotify();
    const [current, setCurrent] = useState('');
    const [next, setNext] = useState('');
    const [confirm, setConfirm] = useState('');
    const [touched, setTouched] = useState(false);
    const mutation = useMutation({
        mutationFn: changePassword,
        onSuccess: () => {
            setCurrent('');
            setNext('');
            setConfirm('');
            setTouched(false);
            notify('cascade.account.password_changed', { type: 'success' });
        },
    });
    const tooShort = next.length > 0 && next.length < MIN_PASSWORD_LENGTH;
    const mismatch = confirm.length > 0 && confirm !== next;
    const wrongCurrent = fieldError(mutation.error, 'current_password');
    const submit = (event: FormEvent) => {
        event.preventDefault();
        setTouched(true);
        if (!current || next.length < MIN_PASSWORD_LENGTH || next !== confirm) return;
        mutation.mutate({ current_password: current, new_password: next });
    };
    return (
        <Stack component="form" noValidate onSubmit={submit} spacing={2} sx={{ maxWidth: 420 }}>
            <TextField
                label={translate('cascade.account.current_password')}
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={event => setCurrent(event.target.value)}
                error={!!wrongCurrent || (touched && !current)}
                helperText={wrongCurrent ? translate('cascade.account.wrong_password') : undefined}
            />
            <TextField
                label={translate('cascade.account.new_password')}
                type="password"
                autoComplete="new-password"
                value={next}
                onChange={event => setNext(event.target.value)}
                error={tooShort || (touched && next.length < MIN_PASSWORD_LENGTH)}
                helperText={translate('cascade.account.password_rule', { min: MIN_PASSWORD_LENGTH })}
            />
            <TextField
                label={translate('cascade.account.confirm_password')}
                type="password"
                autoComplete="new-password"
                value={confirm}
                onChange={event => setConfirm(event.target.value)}
                error={mismatch}
                helperText={mismatch ? translate('cascade.account.password_mismatch') : undefined}
            />
            {mutation.error && !wrongCurrent ? <Alert severity="error">{errorMessage(mutation.error, translate)}</Alert> : null}
            <div>
                <Button type="submit" variant="contained" disabled={mutation.isPending}>
                    {translate('cascade.account.change_password')}
                </Button>
            </div>
        </Stack>
    );
};
