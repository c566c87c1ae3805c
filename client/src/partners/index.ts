import { lazy } from 'react';
import HandshakeIcon from '@mui/icons-material/Handshake';

export default {
    list: lazy(() => import('./PartnerList')),
    show: lazy(() => import('./PartnerShow')),
    edit: lazy(() => import('../misc/OrganisationEdit')),
    icon: HandshakeIcon,
    recordRepresentation: 'name',
};
