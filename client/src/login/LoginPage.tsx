import { useState, type FormEvent } from 'react';
import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import WaterfallChartIcon from '@mui/icons-material/WaterfallChart';
import { LocalesMenuButton, useLogin, useTranslate } from 'react-admin';
import { loginErrorMessage, needsCode } from './loginErrors';

/**
 * Cascade's login page (loaded on demand, App.tsx): email and password, then, when
 * the login has two-factor authentication, the 6-digit code (or a recovery code).
 */
export const LoginPage = () => {
    const login = useLogin();
    const translate = useTranslate();
    const [email, setEmail] = useState('');
    const [password, setPassword] = useState('');
    const [code, setCode] = useState('');
    const [step, setStep] = useState<'password' | 'code'>('password');
    const [error, setError] = useState<string | null>(null);
    const [pending, setPending] = useState(false);

    const submit = async (event: FormEvent) => {
        event.preventDefault();
        if (!email.trim() || !password || (step === 'code' && !code.trim())) {
            setError(translate(step === 'code' ? 'cascade.login.code_missing' : 'cascade.login.fields_missing'));
            return;
        }
        setPending(true);
        setError(null);
        try {
            await login({ email: email.trim(), password, ...(step === 'code' ? { code: code.trim() } : {}) });
        } catch (failure) {
            if (needsCode(failure)) {
                setStep('code');
            } else {
                setError(loginErrorMessage(failure, translate));
            }
            setPending(false);
        }
    };

    const back = () => {
        setStep('password');
        setCode('');
        setError(null);
    };

    return (
        <Box
            sx={{
                minHeight: '100vh',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                bgcolor: 'background.default',
                p: 2,
            }}
        >
            <Card sx={{ width: '100%', maxWidth: 380 }}>
                <CardContent component="form" noValidate onSubmit={submit} sx={{ display: 'grid', gap: 2, p: 3 }}>
                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'primary.main' }}>
                        <WaterfallChartIcon />
                        <Typography variant="h5" component="h1" sx={{ fontWeight: 600, flex: 1 }}>
                            Cascade
                        </Typography>
                        <LocalesMenuButton />
                    </Box>
                    <Typography variant="body2" color="text.secondary">
                        {translate(step === 'code' ? 'cascade.login.code_help' : 'cascade.login.intro')}
                    </Typography>
                    {step === 'password' ? (
                        <>
                            <TextField
                                label={translate('cascade.login.email')}
                                type="email"
                                autoComplete="username"
                                autoFocus
                                required
                                value={email}
                                onChange={event => setEmail(event.target.value)}
                                disabled={pending}
                            />
                            <TextField
                                label={translate('cascade.login.password')}
                                type="password"
                                autoComplete="current-password"
                                required
                                value={password}
                                onChange={event => setPassword(event.target.value)}
                                disabled={pending}
                            />
                        </>
                    ) : (
                        <TextField
                            label={translate('cascade.login.code')}
                            autoComplete="one-time-code"
                            autoFocus
                            required
                            value={code}
                            onChange={event => setCode(event.target.value)}
                            disabled={pending}
                            slotProps={{ htmlInput: { maxLength: 20, spellCheck: false } }}
                        />
                    )}
                    {error ? (
                        <Typography role="alert" color="error" variant="body2">
                            {error}
                        </Typography>
                    ) : null}
                    <Button type="submit" variant="contained" size="large" disabled={pending}>
                        {translate(pending ? 'cascade.login.pending' : 'cascade.login.submit')}
                    </Button>
                    {step === 'code' ? (
                        <Button onClick={back} disabled={pending}>
                            {translate('cascade.login.back')}
                        </Button>
                    ) : null}
                </CardContent>
            </Card>
        </Box>
    );
};

export default LoginPage;
