import { Box, Button, Card, CardActions, CardContent, Typography } from '@mui/material';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { Link } from 'react-router';
import { useTranslate } from 'react-admin';
import { statusStyles } from '../status/statusStyle';

export const TO_RENEW_PATH = '/to-renew';

/** "Nombre de sociétés à renouveler" with its "Voir" button. */
export const ToRenewCard = ({ count }: { count: number | undefined }) => {
    const translate = useTranslate();
    return (
        <Card sx={{ borderTop: `4px solid ${statusStyles.expiring.main}`, height: '100%' }}>
            <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
                <EventRepeatIcon sx={{ fontSize: 44, color: statusStyles.expiring.main ?? undefined }} />
                <Box>
                    <Typography color="text.secondary" variant="body2">
                        {translate('cascade.dashboard.clients_to_renew')}
                    </Typography>
                    <Typography variant="h4" component="p" data-testid="clients-to-renew">
                        {count ?? '–'}
                    </Typography>
                </Box>
            </CardContent>
            <CardActions sx={{ justifyContent: 'flex-end' }}>
                <Button component={Link} to={TO_RENEW_PATH} variant="contained" size="small">
                    {translate('cascade.dashboard.see')}
                </Button>
            </CardActions>
        </Card>
    );
};
