import { lazy } from 'react';
import WebhookIcon from '@mui/icons-material/Webhook';

export default {
    list: lazy(() => import('./WebhookList')),
    create: lazy(() => import('./WebhookCreate')),
    edit: lazy(() => import('./WebhookEdit')),
    show: lazy(() => import('./WebhookShow')),
    icon: WebhookIcon,
    recordRepresentation: 'url',
};
