import type { ReactNode } from 'react';
import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import { Loading, Title, useGetIdentity, useTranslate } from 'react-admin';
import type { CascadeIdentity } from '../providers/authProvider';
import { PasswordForm } from './PasswordForm';
import { TotpSection } from './TotpSection';

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
    <Card>
        <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
                {title}
            </Typography>
            {children}
        </CardContent>
    </Card>
);

/** "Mon compte": who I am, my password, my two-factor authentication (also the 2FA set-up page). */
export const AccountPage = () => {
    const translate = useTranslate();
    const { identity, isPending } = useGetIdentity();
    const account = identity as CascadeIdentity | undefined;
    if (isPending || !account) return <Loading />;
    return (
        <Stack spacing={2} sx={{ mt: 2, mb: 4, maxWidth: 720 }}>
            <Title title={translate('cascade.account.title')} />
            {account.totp_required ? (
                <Alert severity="warning" data-testid="totp-required">
                    {translate('cascade.errors.totp_enrolment_required')}
                </Alert>
            ) : null}
            <Section title={translate('cascade.account.identity')}>
                <Typography>{account.fullName}</Typography>
                <Typography color="text.secondary">{account.email}</Typography>
                <Typography color="text.secondary">
                    {account.organisation.name} · {translate(`cascade.roles.${account.role}`)}
                </Typography>
            </Section>
            <Section title={translate('cascade.account.password')}>
                <PasswordForm />
            </Section>
            <Section title={translate('cascade.account.totp')}>
                <TotpSection enabled={account.totp_enabled} />
            </Section>
        </Stack>
    );
};

export default AccountPage;
