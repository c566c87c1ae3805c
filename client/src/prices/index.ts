import { lazy } from 'react';
import EuroIcon from '@mui/icons-material/Euro';

export default {
    list: lazy(() => import('./PriceList')),
    create: lazy(() => import('./PriceCreate')),
    edit: lazy(() => import('./PriceEdit')),
    icon: EuroIcon,
};
