import { lazy } from 'react';
import StorefrontIcon from '@mui/icons-material/Storefront';

export default {
    list: lazy(() => import('./ResellerList')),
    show: lazy(() => import('./ResellerShow')),
    edit: lazy(() => import('../misc/OrganisationEdit')),
    icon: StorefrontIcon,
    recordRepresentation: 'name',
};
