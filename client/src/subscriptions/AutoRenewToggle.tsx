import { Box, Switch, Tooltip, Typography } from '@mui/material';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import { useLocaleState, useNotify, useRecordContext, useTranslate, useUpdate } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';
import { useNotifyError } from '../misc/errorMessage';
import { formatDate } from '../misc/dates';

/** Failing since a date, or given up: what the daily auto-renewal job reported. */
export const AutoRenewProblem = ({ record }: { record: Subscription }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const problem = record.auto_renew_exhausted
        ? { text: translate('cascade.auto_renew.exhausted'), hint: translate('cascade.auto_renew.exhausted_hint'), color: 'error.main' }
        : record.auto_renew_failing_since
          ? {
                text: translate('cascade.auto_renew.failing', { date: formatDate(record.auto_renew_failing_since, locale) }),
                hint: translate('cascade.auto_renew.failing_hint'),
                color: 'warning.main',
            }
          : null;
    if (!problem) return null;
    return (
        <Tooltip title={problem.hint}>
            <Typography
                variant="caption"
                data-testid="auto-renew-problem"
                sx={{ color: problem.color, display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
            >
                <ErrorOutlineIcon fontSize="inherit" />
                {problem.text}
            </Typography>
        </Tooltip>
    );
};

/** The per-subscription auto-renewal switch: PUT /subscriptions/:id with {auto_renew} only. */
export const AutoRenewToggle = () => {
    const record = useRecordContext<Subscription>();
    const translate = useTranslate();
    const notify = useNotify();
    const notifyError = useNotifyError();
    const [update, { isPending }] = useUpdate<Subscription>();
    if (!record) return null;
    const toggle = (checked: boolean) =>
        update(
            'subscriptions',
            { id: record.id, data: { auto_renew: checked }, previousData: record },
            {
                onSuccess: () =>
                    notify(checked ? 'cascade.auto_renew.enabled' : 'cascade.auto_renew.disabled', { type: 'info' }),
                onError: error =>
                    notifyError(error),
            },
        );
    return (
        <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }} onClick={e => e.stopPropagation()}>
            <Switch
                size="small"
                checked={!!record.auto_renew}
                disabled={isPending}
                onChange={event => toggle(event.target.checked)}
                slotProps={{ input: { 'aria-label': translate('cascade.auto_renew.label') } }}
            />
            <AutoRenewProblem record={record} />
        </Box>
    );
};
