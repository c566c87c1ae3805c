import { forwardRef } from 'react';
import { Box, ListItemIcon, ListItemText, MenuItem, Typography, type SxProps, type Theme } from '@mui/material';
import WaterfallChartIcon from '@mui/icons-material/WaterfallChart';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { Link } from 'react-router';
import {
    AppBar as RaAppBar,
    LoadingIndicator,
    LocalesMenuButton,
    Logout,
    TitlePortal,
    ToggleThemeButton,
    UserMenu,
    useGetIdentity,
    useTranslate,
    useUserMenu,
} from 'react-admin';
import type { CascadeIdentity } from '../providers/authProvider';
import { ACCOUNT_PATH } from '../account/paths';
import { NotificationBell } from './NotificationBell';
import { useSavedLocale } from './useSavedLocale';

/** "Alliance Informatique · Partenaire": the organisation of the login and its role. */
export const OrganisationLabel = () => {
    const { identity } = useGetIdentity();
    const translate = useTranslate();
    const account = identity as CascadeIdentity | undefined;
    if (!account?.organisation) return null;
    return (
        <Typography
            variant="body2"
            data-testid="organisation-label"
            sx={{ display: { xs: 'none', md: 'block' }, opacity: 0.85, mx: 1, whiteSpace: 'nowrap' }}
        >
            {account.organisation.name} · {translate(`cascade.roles.${account.role}`)}
        </Typography>
    );
};

const AccountMenuItem = forwardRef<HTMLAnchorElement>((props, ref) => {
    const translate = useTranslate();
    const userMenu = useUserMenu();
    return (
        <MenuItem component={Link} to={ACCOUNT_PATH} ref={ref} {...props} onClick={() => userMenu?.onClose()}>
            <ListItemIcon>
                <ManageAccountsIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText>{translate('cascade.account.menu')}</ListItemText>
        </MenuItem>
    );
});

// On a phone the language button shows its icon only and the page title wraps onto two smaller
// lines rather than being cut.
const compactOnPhone = {
    '& .MuiButton-root': { minWidth: 0, fontSize: { xs: 0, sm: 'inherit' } },
    '& .MuiButton-startIcon': { mr: { xs: 0, sm: 1 } },
    '& .MuiButton-endIcon': { display: { xs: 'none', sm: 'inherit' } },
};
const wrappingTitle: SxProps<Theme> = {
    whiteSpace: { xs: 'normal', sm: 'nowrap' },
    fontSize: { xs: '1rem', sm: '1.25rem' },
    lineHeight: { xs: 1.2, sm: 1.6 },
    display: { xs: '-webkit-box', sm: 'block' },
    WebkitLineClamp: { xs: 2 },
    WebkitBoxOrient: 'vertical',
};

/** Restores and saves the login's language; renders nothing. */
const SavedLocale = () => {
    useSavedLocale();
    return null;
};

/** The user menu, named after the user it shows, so its accessible name contains its visible text. */
const NamedUserMenu = () => {
    const { identity } = useGetIdentity();
    return (
        <UserMenu label={identity?.fullName}>
            <AccountMenuItem />
            <Logout />
        </UserMenu>
    );
};

/**
 * Brand, page title, then the reminders bell, the locale switch (saved with the login), the
 * light/dark toggle and the user (name, organisation, menu). What depends on the login (identity,
 * language) is in small components of its own: its arrival re-renders them, not the whole bar
 * (~15 ms a time on a slow phone).
 */
export const AppBar = () => (
    <RaAppBar
        toolbar={
            <>
                <SavedLocale />
                <NotificationBell />
                <Box sx={compactOnPhone}>
                    <LocalesMenuButton />
                </Box>
                <ToggleThemeButton />
                <LoadingIndicator />
                <OrganisationLabel />
            </>
        }
        userMenu={<NamedUserMenu />}
    >
        <Box sx={{ display: { xs: 'none', sm: 'flex' }, alignItems: 'center', gap: 1, mr: 2 }}>
            <WaterfallChartIcon />
            <Typography variant="h6" component="span" sx={{ fontWeight: 600, letterSpacing: 0.5 }}>
                Cascade
            </Typography>
            <Typography component="span" sx={{ opacity: 0.6, mx: 1 }}>
                ·
            </Typography>
        </Box>
        <TitlePortal sx={wrappingTitle} />
    </RaAppBar>
);
