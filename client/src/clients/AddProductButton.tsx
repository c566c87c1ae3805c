import { useState } from 'react';
import { Button } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { AddProductDialog } from './AddProductDialog';

/** "Ajouter un produit" on the client page (the dialog mounts when opened). */
export const AddProductButton = () => {
    const client = useRecordContext();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    const { canAccess } = useCanAccess({ action: 'edit', resource: 'clients' });
    if (!client || !canAccess) return null;
    return (
        <>
            <Button size="small" startIcon={<AddIcon />} onClick={() => setOpen(true)}>
                {translate('cascade.clients.add_product')}
            </Button>
            {open ? <AddProductDialog client={client} onClose={() => setOpen(false)} /> : null}
        </>
    );
};
