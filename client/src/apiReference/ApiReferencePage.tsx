import { useMemo, useState } from 'react';
import { Alert, Link, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useCanAccess, useDataProvider, useTranslate } from 'react-admin';
import type { CascadeDataProvider } from '../providers/dataProvider';
import { filterGroups, groupByTag } from './openApiModel';
import { OperationCard } from './OperationCard';
import { OPENAPI_URL } from './paths';

/**
 * "Référence de l'API" (admins): every route of GET /api/openapi.json, grouped by tag, each with
 * its parameters and body fields. A plain list that folds, readable on a phone; no swagger-ui.
 */
export const ApiReferencePage = () => {
    const translate = useTranslate();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const { canAccess, isPending: checking } = useCanAccess({ action: 'list', resource: 'api_reference' });
    const { data, isPending, isError } = useQuery({
        queryKey: ['openapi'],
        queryFn: () => dataProvider.openApiDocument(),
        enabled: canAccess === true,
        staleTime: Infinity,
    });
    const [filter, setFilter] = useState('');
    const groups = useMemo(() => (data ? groupByTag(data) : []), [data]);
    const shown = useMemo(() => filterGroups(groups, filter), [groups, filter]);
    const count = shown.reduce((sum, group) => sum + group.operations.length, 0);

    const title = <Title title={translate('cascade.api_reference.title')} />;
    if (checking) return <Loading />;
    if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>{translate('cascade.api_reference.admins_only')}</Alert>;
    if (isError) return <Alert severity="error" sx={{ mt: 2 }}>{translate('cascade.api_reference.error')}</Alert>;
    if (isPending) return <Loading />;
    return (
        <Stack spacing={2} sx={{ mt: 2, mb: 4, maxWidth: 960, minWidth: 0 }}>
            {title}
            <Typography variant="body2">
                {translate('cascade.api_reference.intro')}{' '}
                <Link href={OPENAPI_URL} target="_blank" rel="noopener">
                    {translate('cascade.api_reference.document')}
                </Link>
            </Typography>
            <TextField
                label={translate('cascade.api_reference.search')}
                value={filter}
                onChange={event => setFilter(event.target.value)}
                size="small"
                type="search"
                helperText={translate('cascade.api_reference.count', { smart_count: count })}
            />
            {shown.length === 0 ? <Alert severity="info">{translate('cascade.api_reference.no_match')}</Alert> : null}
            {shown.map(({ tag, operations }) => (
                <section key={tag} aria-labelledby={`api-tag-${tag}`}>
                    <Typography variant="h6" component="h2" id={`api-tag-${tag}`} gutterBottom>
                        {tag}
                    </Typography>
                    {operations.map(operation => (
                        <OperationCard key={operation.id} operation={operation} />
                    ))}
                </section>
            ))}
        </Stack>
    );
};

export default ApiReferencePage;
