import { Box } from '@mui/material';
import { RenewButton } from './RenewButton';
import { SubscriptionMenu } from './SubscriptionMenu';
import { UndoRenewalButton } from './UndoRenewalButton';

/** A subscription row's actions: renew, undo the latest renewal (while allowed), and the "⋮" menu. */
export const SubscriptionActions = ({ clientName }: { clientName?: string }) => (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, justifyContent: 'flex-end', flexWrap: 'nowrap', whiteSpace: 'nowrap' }}>
        <UndoRenewalButton clientName={clientName} />
        <RenewButton />
        <SubscriptionMenu clientName={clientName} />
    </Box>
);
