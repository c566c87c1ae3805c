import { useState } from 'react';
import { Button } from '@mui/material';
import AddShoppingCartIcon from '@mui/icons-material/AddShoppingCart';
import { useRecordContext, useTranslate } from 'react-admin';
import { AllocateDialog } from './AllocateDialog';

/** Opens the allocate dialog for the reseller in context. */
export const AllocateButton = () => {
    const reseller = useRecordContext();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    if (!reseller) return null;
    return (
        <>
            <Button size="small" startIcon={<AddShoppingCartIcon />} onClick={() => setOpen(true)}>
                {translate('cascade.allocate.button')}
            </Button>
            {open ? <AllocateDialog reseller={reseller} onClose={() => setOpen(false)} /> : null}
        </>
    );
};
