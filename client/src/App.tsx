import { lazy } from 'react';
import { AdminContext, AdminUI, CustomRoutes, localStorageStore, Resource } from 'react-admin';
import { Route } from 'react-router';
import { dataProvider } from './providers/dataProvider';
import { authProvider } from './providers/authProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Dashboard } from './dashboard/Dashboard';
import { TO_RENEW_PATH } from './dashboard/ToRenewCard';
import { Layout } from './layout/Layout';
import { darkTheme, lightTheme } from './layout/theme';
import clients from './clients';
import partners from './partners';
import resellers from './resellers';
import pools from './pools';
import movements from './movements';
import users from './users';
import apiKeys from './apiKeys';
import accessLog from './accessLog';
import changes from './changes';
import orders from './orders';
import invoices from './invoices';
import prices from './prices';
import webhooks from './webhooks';
import { LoginPage } from './login/LoginPage';
import { ACCOUNT_PATH } from './account/paths';
import { API_REFERENCE_PATH } from './apiReference/paths';

// The dashboard is the first screen; every other page loads on demand (and is
// prefetched in the background once the page has loaded, see misc/prefetch.ts).
const ToRenewList = lazy(() => import('./subscriptions/ToRenewList'));
const AccountPage = lazy(() => import('./account/AccountPage'));
const ApiReferencePage = lazy(() => import('./apiReference/ApiReferencePage'));

const store = localStorageStore();

// <Admin> is AdminContext + AdminUI; used apart so react-admin's default English
// i18nProvider (and its messages) stays out of the first download.
export const App = () => (
    <AdminContext
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        store={store}
        theme={lightTheme}
        darkTheme={darkTheme}
        defaultTheme="light"
    >
        <AdminUI
            title="Cascade"
            dashboard={Dashboard}
            layout={Layout}
            loginPage={LoginPage}
            disableTelemetry
            requireAuth
        >
            <Resource name="clients" {...clients} />
            <Resource name="partners" {...partners} />
            <Resource name="resellers" {...resellers} />
            <Resource name="pools" {...pools} />
            <Resource name="movements" {...movements} />
            <Resource name="subscriptions" recordRepresentation="client_name" />
            <Resource name="products" recordRepresentation="code" />
            <Resource name="terms" />
            <Resource name="orders" {...orders} />
            <Resource name="invoices" {...invoices} />
            <Resource name="prices" {...prices} />
            <Resource name="users" {...users} />
            <Resource name="api_keys" {...apiKeys} />
            <Resource name="access_log" {...accessLog} />
            <Resource name="changes" {...changes} />
            <Resource name="webhooks" {...webhooks} />
            <Resource name="webhook_deliveries" />
            <CustomRoutes>
                <Route path={TO_RENEW_PATH} element={<ToRenewList />} />
                <Route path={ACCOUNT_PATH} element={<AccountPage />} />
                <Route path={API_REFERENCE_PATH} element={<ApiReferencePage />} />
            </CustomRoutes>
        </AdminUI>
    </AdminContext>
);
