import type { ReactNode } from 'react';
import { CssBaseline } from '@mui/material';
import { Shell } from './Shell';
import { AccessDenied, AuthenticationError, CoreAdminUI, Error, NotFound, Notification, type CoreAdminUIProps } from 'react-admin';

/**
 * react-admin's <AdminUI> with the same pieces, less its default login page: AdminUI's default
 * props import react-admin's <Login> (a react-hook-form form and its inputs, ~45 KB gzipped) even
 * when a loginPage is given. The console passes its own login page, so that code stays out. While
 * the session is checked, index.html's static shell stays on screen (the same markup, see Shell).
 */
export const ConsoleUI = ({ children, ...props }: CoreAdminUIProps & { children: ReactNode; loginPage: NonNullable<CoreAdminUIProps['loginPage']> }) => (
    <CssBaseline enableColorScheme>
        <CoreAdminUI
            accessDenied={AccessDenied}
            authenticationError={AuthenticationError}
            catchAll={NotFound as CoreAdminUIProps['catchAll']}
            error={Error}
            loading={Shell}
            {...props}
        >
            {children}
        </CoreAdminUI>
        <Notification />
    </CssBaseline>
);
