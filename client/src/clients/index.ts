import { lazy } from 'react';
import BusinessIcon from '@mui/icons-material/Business';

// Loaded on demand (the dashboard is the first screen); the list is prefetched (misc/prefetch.ts).
const ClientList = lazy(() => import('./ClientList'));
const ClientCreate = lazy(() => import('./ClientCreate'));
const ClientEdit = lazy(() => import('./ClientEdit'));
const ClientShow = lazy(() => import('./ClientShow'));

export default {
    list: ClientList,
    create: ClientCreate,
    edit: ClientEdit,
    show: ClientShow,
    icon: BusinessIcon,
    recordRepresentation: 'name',
};
