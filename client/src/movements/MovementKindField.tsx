import { Chip } from '@mui/material';
import { useRecordContext, useTranslate, type TranslateFunction } from 'react-admin';

export const MOVEMENT_KINDS = ['grant', 'allocate', 'reclaim', 'consume', 'adjust'] as const;

export const movementKindChoices = MOVEMENT_KINDS.map(kind => ({ id: kind, name: `cascade.movement_kind.${kind}` }));

/** "Reprise de 10 licences": a movement of a kind as a sentence, whatever the sign of the quantity. */
export const movementText = (translate: TranslateFunction, kind: string, quantity: number) =>
    translate(`cascade.movement_text.${kind}`, { smart_count: Math.abs(quantity), _: `${kind} ${quantity}` });

const colours = {
    grant: 'primary',
    allocate: 'secondary',
    reclaim: 'warning',
    consume: 'default',
    adjust: 'info',
} as const;

export const MovementKindField = (_props: { source?: string; label?: string }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    const kind = record?.kind as (typeof MOVEMENT_KINDS)[number] | undefined;
    if (!kind) return null;
    return (
        <Chip
            size="small"
            variant="outlined"
            color={colours[kind] ?? 'default'}
            label={translate(`cascade.movement_kind.${kind}`, { _: kind })}
        />
    );
};
