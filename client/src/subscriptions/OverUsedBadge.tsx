import { Chip, Tooltip } from '@mui/material';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';

/** "Sur-utilisé : 14 / 12" on a subscription with more active users reported than seats; nothing otherwise. */
export const OverUsedBadge = () => {
    const subscription = useRecordContext<Subscription>();
    const translate = useTranslate();
    if (!subscription?.over_used || subscription.active_users == null) return null;
    const figures = { active_users: subscription.active_users, seats: subscription.seats };
    return (
        <Tooltip title={translate('cascade.usage.over_used_title', figures)}>
            <Chip
                size="small"
                color="warning"
                variant="outlined"
                icon={<WarningAmberIcon />}
                label={translate('cascade.usage.over_used', figures)}
                data-testid="over-used-badge"
                sx={{ maxWidth: '100%' }}
            />
        </Tooltip>
    );
};
