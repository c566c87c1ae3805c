import { useState } from 'react';
import { Button } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslate } from 'react-admin';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';

/** Opens the dialog that creates a key and shows its secret once. */
export const CreateApiKeyButton = () => {
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    return (
        <>
            <Button size="small" startIcon={<AddIcon />} onClick={() => setOpen(true)}>
                {translate('cascade.api_keys.create')}
            </Button>
            {open ? <CreateApiKeyDialog onClose={() => setOpen(false)} /> : null}
        </>
    );
};
