import ApiIcon from '@mui/icons-material/Api';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { Menu as RaMenu, useCanAccess, useTranslate } from 'react-admin';
import { TO_RENEW_PATH } from '../dashboard/ToRenewCard';
import { API_REFERENCE_PATH } from '../apiReference/paths';

/** The API reference, for admins only (providers/permissions.ts). */
const ApiReferenceItem = () => {
    const translate = useTranslate();
    const { canAccess } = useCanAccess({ action: 'list', resource: 'api_reference' });
    if (!canAccess) return null;
    return <RaMenu.Item to={API_REFERENCE_PATH} primaryText={translate('cascade.api_reference.menu')} leftIcon={<ApiIcon />} />;
};

/**
 * Dashboard, the two daily screens, then the channel and its ledger, orders and invoices, then logins and trails, then
 * the API reference (admins).
 * Resource items hide themselves when the role may not list the resource (authProvider.canAccess).
 */
export const Menu = () => {
    const translate = useTranslate();
    return (
        <RaMenu>
            <RaMenu.DashboardItem />
            <RaMenu.ResourceItem name="clients" />
            <RaMenu.Item
                to={TO_RENEW_PATH}
                primaryText={translate('cascade.menu.to_renew')}
                leftIcon={<EventRepeatIcon />}
            />
            <RaMenu.ResourceItem name="partners" />
            <RaMenu.ResourceItem name="resellers" />
            <RaMenu.ResourceItem name="pools" />
            <RaMenu.ResourceItem name="movements" />
            <RaMenu.ResourceItem name="orders" />
            <RaMenu.ResourceItem name="invoices" />
            <RaMenu.ResourceItem name="prices" />
            <RaMenu.ResourceItem name="users" />
            <RaMenu.ResourceItem name="api_keys" />
            <RaMenu.ResourceItem name="webhooks" />
            <RaMenu.ResourceItem name="access_log" />
            <RaMenu.ResourceItem name="changes" />
            <ApiReferenceItem />
        </RaMenu>
    );
};
