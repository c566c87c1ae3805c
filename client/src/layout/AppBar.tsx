import { Box, Typography } from '@mui/material';
import WaterfallChartIcon from '@mui/icons-material/WaterfallChart';
import {
    AppBar as RaAppBar,
    LoadingIndicator,
    LocalesMenuButton,
    TitlePortal,
    ToggleThemeButton,
} from 'react-admin';

/** Brand, page title, then the locale switch and the light/dark toggle. */
export const AppBar = () => (
    <RaAppBar
        toolbar={
            <>
                <LocalesMenuButton />
                <ToggleThemeButton />
                <LoadingIndicator />
            </>
        }
    >
        <Box sx={{ display: { xs: 'none', sm: 'flex' }, alignItems: 'center', gap: 1, mr: 2 }}>
            <WaterfallChartIcon />
            <Typography variant="h6" component="span" sx={{ fontWeight: 600, letterSpacing: 0.5 }}>
                Cascade
            </Typography>
            <Typography component="span" sx={{ opacity: 0.6, mx: 1 }}>
                ·
            </Typography>
        </Box>
        <TitlePortal />
    </RaAppBar>
);
