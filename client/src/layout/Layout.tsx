import { Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Layout as RaLayout, useGetIdentity } from 'react-admin';
import { TOTP_SETUP_PATH, type CascadeIdentity } from '../providers/authProvider';
import { AppBar } from './AppBar';
import { Menu } from './Menu';
import { Deferred } from './Deferred';
import { PageSkeleton } from './PageSkeleton';
import { Shell } from './Shell';

/**
 * A login whose organisation requires two-factor authentication, and who has none yet, can only
 * use its account page (the server refuses everything else with totp_enrolment_required).
 */
const TotpEnrolmentGate = ({ children }: { children: ReactNode }) => {
    const { identity } = useGetIdentity();
    const { pathname } = useLocation();
    if ((identity as CascadeIdentity | undefined)?.totp_required && pathname !== TOTP_SETUP_PATH) {
        return <Navigate to={TOTP_SETUP_PATH} replace />;
    }
    return <>{children}</>;
};

// The page never grows wider than the screen: wide tables scroll inside their own box on a phone.
const fitsTheScreen = { '& .RaLayout-content': { minWidth: 0, maxWidth: '100vw' } };

// The session's check has just answered: the static shell stays while the layout is built in slices.
export const Layout = ({ children }: { children: ReactNode }) => (
    <Deferred fallback={<Shell />}>
        <RaLayout appBar={AppBar} menu={Menu} sx={fitsTheScreen}>
            <TotpEnrolmentGate>
                <Suspense fallback={<PageSkeleton />}>{children}</Suspense>
            </TotpEnrolmentGate>
        </RaLayout>
    </Deferred>
);
