import { Box, Button, Card, CardActions, CardContent, Typography } from '@mui/material';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import { Link } from 'react-router';
import { useTranslate } from 'react-admin';
import { statusStyles } from '../status/statusStyle';

export const TO_RENEW_PATH = '/to-renew';

/**
 * "Nombre de sociétés à renouveler" with its "Voir" button; orange while work is left, calm
 * (renewed green, no button) once nothing is left to renew.
 */
export const ToRenewCard = ({ count }: { count: number | undefined }) => {
    const translate = useTranslate();
    const done = count === 0;
    const colour = (done ? statusStyles.renewed.main : statusStyles.expiring.main) ?? undefined;
    const Icon = done ? EventAvailableIcon : EventRepeatIcon;
    return (
        <Card sx={{ borderTop: `4px solid ${colour}`, height: '100%' }} data-testid="to-renew-card">
            <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
                <Icon sx={{ fontSize: 44, color: colour }} />
                <Box>
                    <Typography color="text.secondary" variant="body2">
                        {translate('cascade.dashboard.clients_to_renew')}
                    </Typography>
                    <Typography variant="h4" component="p" data-testid="clients-to-renew">
                        {count ?? '–'}
                    </Typography>
                    {done ? (
                        <Typography variant="body2" color="text.secondary">
                            {translate('cascade.dashboard.nothing_to_renew')}
                        </Typography>
                    ) : null}
                </Box>
            </CardContent>
            {done ? null : (
                <CardActions sx={{ justifyContent: 'flex-end' }}>
                    <Button component={Link} to={TO_RENEW_PATH} variant="contained" size="small">
                        {translate('cascade.dashboard.see')}
                    </Button>
                </CardActions>
            )}
        </Card>
    );
};
