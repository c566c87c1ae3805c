import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { Menu as RaMenu, useTranslate } from 'react-admin';
import { TO_RENEW_PATH } from '../dashboard/ToRenewCard';

/**
 * Dashboard, the two daily screens, then the channel and its ledger, then logins and trails.
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
            <RaMenu.ResourceItem name="users" />
            <RaMenu.ResourceItem name="access_log" />
            <RaMenu.ResourceItem name="changes" />
        </RaMenu>
    );
};
