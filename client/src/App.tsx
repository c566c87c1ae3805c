import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Dashboard } from './dashboard/Dashboard';
import { TO_RENEW_PATH } from './dashboard/ToRenewCard';
import { Layout } from './layout/Layout';
import { darkTheme, lightTheme } from './layout/theme';
import { ToRenewList } from './subscriptions/ToRenewList';
import clients from './clients';
import partners from './partners';
import resellers from './resellers';
import pools from './pools';
import movements from './movements';

export const App = () => (
    <Admin
        title="Cascade"
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        dashboard={Dashboard}
        layout={Layout}
        theme={lightTheme}
        darkTheme={darkTheme}
        defaultTheme="light"
        disableTelemetry
        requireAuth={false}
    >
        <Resource name="clients" {...clients} />
        <Resource name="partners" {...partners} />
        <Resource name="resellers" {...resellers} />
        <Resource name="pools" {...pools} />
        <Resource name="movements" {...movements} />
        <Resource name="subscriptions" recordRepresentation="client_name" />
        <Resource name="products" recordRepresentation="code" />
        <Resource name="terms" />
        <CustomRoutes>
            <Route path={TO_RENEW_PATH} element={<ToRenewList />} />
        </CustomRoutes>
    </Admin>
);
