import { lazy } from 'react';
import BusinessIcon from '@mui/icons-material/Business';
import ClientList from './ClientList';

// The list is the daily screen; creating and showing a client load on demand.
const ClientCreate = lazy(() => import('./ClientCreate'));
const ClientShow = lazy(() => import('./ClientShow'));

export default {
    list: ClientList,
    create: ClientCreate,
    show: ClientShow,
    icon: BusinessIcon,
    recordRepresentation: 'name',
};
