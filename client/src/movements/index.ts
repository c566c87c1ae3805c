import { lazy } from 'react';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';

export default {
    list: lazy(() => import('./MovementList')),
    icon: SwapHorizIcon,
};
