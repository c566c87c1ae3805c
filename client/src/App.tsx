import { lazy, Suspense } from 'react';
import { AdminContext, CustomRoutes, localStorageStore, Resource } from 'react-admin';
import { Route } from 'react-router';
import { dataProvider } from './providers/dataProvider';
import { authProvider } from './providers/authProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Dashboard } from './dashboard/Dashboard';
import { TO_RENEW_PATH } from './dashboard/ToRenewCard';
import { Layout } from './layout/Layout';
import { ConsoleUI } from './layout/ConsoleUI';
import { Shell } from './layout/Shell';
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
import { ACCOUNT_PATH } from './account/paths';
import { API_REFERENCE_PATH } from './apiReference/paths';

// Lazy pages: the first download holds only the login page and the dashboard. Every other page is
// `lazy(() => import('./x/XPage'))` (a default export), here for a custom route or in its resource's
// index.ts for <Resource list/show/edit/create>; react-admin's layout shows them inside <Suspense>.
// The daily pages are prefetched on the user's first intent (misc/prefetch.ts).
const ToRenewList = lazy(() => import('./subscriptions/ToRenewList'));
// A signed-in user (the usual visit) never sees the login page: its form's code (MUI's inputs) waits.
const LazyLoginPage = lazy(() => import('./login/LoginPage'));
const LoginPage = () => (
    <Suspense fallback={<Shell />}>
        <LazyLoginPage />
    </Suspense>
);
const AccountPage = lazy(() => import('./account/AccountPage'));
const ApiReferencePage = lazy(() => import('./apiReference/ApiReferencePage'));

const store = localStorageStore();

// <Admin> is AdminContext + AdminUI; used apart so react-admin's default English
// i18nProvider (and its messages) and its default login page stay out of the first download.
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
        <ConsoleUI
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
        </ConsoleUI>
    </AdminContext>
);
