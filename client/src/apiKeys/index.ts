import { lazy } from 'react';
import KeyIcon from '@mui/icons-material/Key';

export default {
    list: lazy(() => import('./ApiKeyList')),
    icon: KeyIcon,
    recordRepresentation: 'name',
};
