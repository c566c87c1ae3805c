import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Field, Operation, Parameter } from './openApiModel';
import { typeLabel } from './typeLabel';

const METHOD_COLORS: Record<string, 'info' | 'success' | 'warning' | 'error' | 'default'> = {
    GET: 'info',
    POST: 'success',
    PUT: 'warning',
    PATCH: 'warning',
    DELETE: 'error',
};

const mono = { fontFamily: 'monospace', overflowWrap: 'anywhere' } as const;

/** One field or parameter: its name, type and bounds, whether it is required, what it means. */
const FieldLine = ({ field, where }: { field: Field; where?: string }) => {
    const translate = useTranslate();
    return (
        <Box component="li" sx={{ py: 0.75, borderTop: 1, borderColor: 'divider', listStyle: 'none' }} data-testid="api-field">
            <Typography component="span" sx={{ ...mono, fontWeight: 600 }}>
                {field.name}
            </Typography>{' '}
            <Typography component="span" variant="body2" color={field.required ? 'error' : 'text.secondary'}>
                {translate(field.required ? 'cascade.api_reference.required' : 'cascade.api_reference.optional')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
                {where ? `${where} · ` : ''}
                {typeLabel(translate, field)}
            </Typography>
            {field.description ? <Typography variant="body2">{field.description}</Typography> : null}
        </Box>
    );
};

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
    <Box sx={{ mt: 1.5 }}>
        <Typography variant="subtitle2" component="h4">
            {title}
        </Typography>
        <Box component="ul" sx={{ m: 0, p: 0 }}>
            {children}
        </Box>
    </Box>
);

/** A route, folded to its method, path and summary; unfolded, its parameters, body fields and answers. */
export const OperationCard = ({ operation }: { operation: Operation }) => {
    const translate = useTranslate();
    const where = (parameter: Parameter) => translate(`cascade.api_reference.in.${parameter.in}`, { _: parameter.in });
    return (
        <Accordion disableGutters variant="outlined" slotProps={{ transition: { unmountOnExit: true } }}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`${operation.id}-details`}>
                <Stack spacing={0.5} sx={{ minWidth: 0 }}>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
                        <Chip label={operation.method} color={METHOD_COLORS[operation.method] ?? 'default'} size="small" sx={{ fontWeight: 700 }} />
                        <Typography component="code" sx={mono}>
                            {operation.path}
                        </Typography>
                        {operation.public ? <Chip label={translate('cascade.api_reference.public')} size="small" variant="outlined" /> : null}
                    </Stack>
                    <Typography variant="body2" color="text.secondary">
                        {operation.summary}
                    </Typography>
                </Stack>
            </AccordionSummary>
            <AccordionDetails id={`${operation.id}-details`}>
                {operation.description ? <Typography variant="body2">{operation.description}</Typography> : null}
                {operation.parameters.length ? (
                    <Section title={translate('cascade.api_reference.parameters')}>
                        {operation.parameters.map(p => (
                            <FieldLine key={`${p.in}:${p.name}`} field={p} where={where(p)} />
                        ))}
                    </Section>
                ) : null}
                {operation.body.length ? (
                    <Section title={translate('cascade.api_reference.body')}>
                        {operation.body.map(field => (
                            <FieldLine key={field.name} field={field} />
                        ))}
                    </Section>
                ) : null}
                <Section title={translate('cascade.api_reference.responses')}>
                    {operation.responses.map(({ status, description }) => (
                        <Box component="li" key={status} sx={{ py: 0.5, borderTop: 1, borderColor: 'divider', listStyle: 'none' }}>
                            <Typography component="span" sx={{ ...mono, fontWeight: 600 }}>
                                {status}
                            </Typography>{' '}
                            <Typography component="span" variant="body2">
                                {description}
                            </Typography>
                        </Box>
                    ))}
                </Section>
            </AccordionDetails>
        </Accordion>
    );
};
