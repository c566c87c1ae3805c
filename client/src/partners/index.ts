import { lazy } from 'react';
import HandshakeIcon from '@mui/icons-material/Handshake';

export default {
    list: lazy(() => import('./PartnerList')),
    show: lazy(() => import('./PartnerShow')),
    icon: HandshakeIcon,
    recordRepresentation: 'name',
};
