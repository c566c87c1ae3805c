import { useState } from 'react';
import { Button } from '@mui/material';
import AddShoppingCartIcon from '@mui/icons-material/AddShoppingCart';
import { usePermissions, useTranslate } from 'react-admin';
import type { OrderLineInput } from '../providers/dataProvider';
import type { Permissions } from '../providers/permissions';
import { mayOrder } from './orderParties';
import { NewOrderDialog } from './NewOrderDialog';

/** "Commander", for partner and reseller logins; `lines` pre-fill the order (e.g. a forecast shortfall). */
export const NewOrderButton = ({ lines, label = 'cascade.orders.new' }: { lines?: OrderLineInput[]; label?: string }) => {
    const translate = useTranslate();
    const { permissions } = usePermissions<Permissions>();
    const [open, setOpen] = useState(false);
    if (!mayOrder(permissions)) return null;
    return (
        <>
            <Button size="small" startIcon={<AddShoppingCartIcon />} onClick={() => setOpen(true)}>
                {translate(label)}
            </Button>
            {open ? <NewOrderDialog initialLines={lines} onClose={() => setOpen(false)} /> : null}
        </>
    );
};
