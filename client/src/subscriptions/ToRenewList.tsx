import { createContext, memo, useContext, useDeferredValue, useMemo, type ReactNode } from 'react';
import { Box, Stack, Tab, Tabs, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
    DataTable,
    FilterButton,
    List,
    ListContextProvider,
    Pagination,
    NullableBooleanInput,
    RecordContextProvider,
    ReferenceInput,
    SearchInput,
    SelectInput,
    TextField,
    Title,
    TopToolbar,
    useCanAccess,
    useListContext,
    useRecordContext,
    useLocaleState,
    useStore,
    useTranslate,
    type RaRecord,
} from 'react-admin';
import { Link } from 'react-router';
import type { Subscription } from '../providers/dataProvider';
import { Deferred } from '../layout/Deferred';
import { PageSkeleton } from '../layout/PageSkeleton';
import { DateOnlyField } from '../misc/DateOnlyField';
import { formatDate } from '../misc/dates';
import { LocaleDateInput } from '../misc/LocaleDateInput';
import { ServerExportButton } from '../misc/ServerExportButton';
import { useServerToday } from '../misc/useServerToday';
import { NameWithCheck } from '../status/NameWithCheck';
import { StatusField } from '../status/StatusField';
import { StatusLegend } from '../status/StatusLegend';
import { TO_RENEW_STATUSES } from '../../../shared/contract';
import { BulkRenewButton, BulkRenewHost } from './BulkRenewButton';
import { SeatsWithSchedule } from './ScheduledChange';
import { SubscriptionActions } from './SubscriptionActions';
import { OverUsedBadge } from './OverUsedBadge';
import { useProductCatalogue } from './productCatalogue';
import { ShownInToRenew, toRenewRowSx } from './renewedHere';

type View = 'to_renew' | 'renewed';

const STORE_KEY = 'subscriptions.toRenew';

/** A filter choosing one record of `reference`, listed and sorted by `optionText`. */
const choiceFilter = ({
    source,
    reference,
    optionText,
    label,
    alwaysOn = false,
}: {
    source: string;
    reference: string;
    optionText: string;
    label: string;
    alwaysOn?: boolean;
}) => (
    <ReferenceInput
        key={source}
        source={source}
        reference={reference}
        sort={{ field: optionText, order: 'ASC' }}
        label={`cascade.to_renew.${label}`}
        alwaysOn={alwaysOn}
    >
        <SelectInput optionText={optionText} label={`cascade.to_renew.${label}`} />
    </ReferenceInput>
);

/**
 * The filters of both views; the status one only where statuses differ (to renew), the reseller one
 * for the channel. On a phone only the search is always shown (the status and product filters are
 * behind the filter button): the rows start on the first screen, and a phone builds two inputs less.
 */
const filtersOf = (view: View, showReseller: boolean, isSmall: boolean) =>
    [
        <SearchInput key="q" source="q" alwaysOn />,
        view === 'to_renew' ? (
            <SelectInput
                key="status"
                source="status"
                label="cascade.to_renew.status"
                alwaysOn={!isSmall}
                choices={TO_RENEW_STATUSES.map(status => ({ id: status, name: `cascade.status.${status}` }))}
            />
        ) : null,
        choiceFilter({ source: 'product_id', reference: 'products', optionText: 'code', label: 'product', alwaysOn: !isSmall }),
        showReseller ? choiceFilter({ source: 'reseller_id', reference: 'resellers', optionText: 'name', label: 'reseller' }) : null,
        <NullableBooleanInput key="over_used" source="over_used" label="cascade.usage.filter" />,
        <LocaleDateInput key="end_date_gte" source="end_date_gte" label="cascade.to_renew.end_from" />,
        <LocaleDateInput key="end_date_lte" source="end_date_lte" label="cascade.to_renew.end_to" />,
    ].filter(filter => filter !== null);

const clientLink = (_id: unknown, _resource: string, record: RaRecord) => `/clients/${record.client_id}/show`;

/** The view's fixed filter goes into the export with the user's own filters. */
const Actions = ({ filter }: { filter: Record<string, unknown> }) => (
    <TopToolbar>
        <FilterButton />
        <ServerExportButton resource="subscriptions" filter={filter} />
    </TopToolbar>
);

/**
 * The products' codes by id, asked once for all the rows: a ReferenceField per row (a query
 * observer and its field each) was a fifth of the rows' render on a slow phone.
 */
const ProductCodes = createContext<ReadonlyMap<string, string>>(new Map());

/** Its own component: the codes' arrival re-renders the ProductCode cells, not every row. */
const ProductCodesProvider = ({ children }: { children: ReactNode }) => {
    const { data } = useProductCatalogue();
    const codes = useMemo(() => new Map((data ?? []).map(product => [String(product.id), product.code])), [data]);
    return <ProductCodes.Provider value={codes}>{children}</ProductCodes.Provider>;
};

const ProductCode = () => {
    const record = useRecordContext<Subscription>();
    return <>{useContext(ProductCodes).get(String(record?.product_id)) ?? ''}</>;
};

const Empty = ({ view }: { view: View }) => {
    const translate = useTranslate();
    return (
        <Typography sx={{ p: 3 }} color="text.secondary" data-testid="to-renew-empty">
            {translate(view === 'to_renew' ? 'cascade.to_renew.empty' : 'cascade.to_renew.empty_renewed')}
        </Typography>
    );
};

/**
 * Fixed column widths: nothing moves when a row's undo button appears after a renewal. The client
 * and reseller share what is left.
 */
const fixedColumns = {
    tableLayout: 'fixed',
    '& td:not(.MuiTableCell-paddingCheckbox), & th:not(.MuiTableCell-paddingCheckbox)': { px: 1 },
    // a fixed layout gives the selection column no room of its own: the box would be cut
    '& .MuiTableCell-paddingCheckbox': { width: 48 },
    '& .column-product_id': { width: 100 },
    '& .column-start_date, & .column-end_date': { width: 92 },
    '& .column-years': { width: 100 },
    '& .column-seats': { width: 108 },
    '& .column-actions': { width: 200 },
    '& td': { overflow: 'hidden', textOverflow: 'ellipsis' },
};

/** DESIGN §5's columns; the status is the row's colour (see the legend) and its check once renewed. */
const ToRenewTable = ({ view }: { view: View }) => (
    <DataTable<Subscription>
        rowSx={toRenewRowSx}
        rowClick={clientLink}
        bulkActionButtons={view === 'to_renew' ? <BulkRenewButton /> : false}
        isRowSelectable={record => TO_RENEW_STATUSES.includes(record.status)}
        empty={<Empty view={view} />}
        sx={{ '& .MuiTable-root': fixedColumns }}
    >
        <DataTable.Col source="client_name">
            <ShownInToRenew>
                <NameWithCheck source="client_name" />
            </ShownInToRenew>
            <OverUsedBadge />
        </DataTable.Col>
        <DataTable.Col source="product_id" disableSort>
            <ProductCode />
        </DataTable.Col>
        {/* the record's name: a reseller login may not read the resellers */}
        <DataTable.Col source="reseller_name" label="resources.subscriptions.fields.reseller_id" disableSort>
            <TextField source="reseller_name" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="start_date" field={DateOnlyField} />
        <DataTable.Col source="end_date" field={DateOnlyField} />
        <DataTable.NumberCol source="years" />
        <DataTable.Col source="seats" align="right">
            <SeatsWithSchedule />
        </DataTable.Col>
        <DataTable.Col label={false} disableSort align="right" cellClassName="column-actions" headerClassName="column-actions">
            <SubscriptionActions />
        </DataTable.Col>
    </DataTable>
);

/**
 * The phone's rows: client (with its check once renewed), product, end date, status, and the
 * actions, Renouveler first. Tapping the client opens its page.
 */
const ToRenewCards = ({ view }: { view: View }) => {
    const { data, isPending } = useListContext<Subscription>();
    const [locale] = useLocaleState();
    if (isPending) return null;
    if (!data || data.length === 0) return <Empty view={view} />;
    return (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="to-renew-cards">
            {data.map(record => (
                <RecordContextProvider value={record} key={record.id}>
                    <Box
                        component="li"
                        data-testid="to-renew-card"
                        sx={{ ...toRenewRowSx(record), px: 1.5, py: 1, borderBottom: 1, borderBottomColor: 'divider' }}
                    >
                        <Link to={`/clients/${record.client_id}/show`} style={{ color: 'inherit' }}>
                            <ShownInToRenew>
                                <NameWithCheck source="client_name" />
                            </ShownInToRenew>
                        </Link>
                        <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap" sx={{ mt: 0.5 }}>
                            <Typography variant="body2" component="span" fontWeight={600}>
                                <ProductCode />
                            </Typography>
                            <Typography variant="body2" component="span">
                                {formatDate(record.end_date, locale)}
                            </Typography>
                            <ShownInToRenew>
                                <StatusField />
                            </ShownInToRenew>
                            <OverUsedBadge />
                            <Box sx={{ ml: 'auto' }}>
                                <SubscriptionActions />
                            </Box>
                        </Stack>
                    </Box>
                </RecordContextProvider>
            ))}
        </Box>
    );
};

/**
 * The rows and their pagination. A new page of data renders in a deferred pass, in slices (layout/
 * Deferred.tsx says why), while the filters answer at once; anything else (a ticked box, a refetch
 * starting) renders at once, as before.
 */
const ToRenewRows = ({ view, isSmall }: { view: View; isSmall: boolean }) => {
    const live = useListContext<Subscription>();
    const deferred = useDeferredValue(live);
    // while the deferred pass is pending, the last rendered context, so nothing renders twice
    const shown = deferred.data === live.data ? live : deferred;
    return useMemo(
        () => (
            <ListContextProvider value={shown}>
                <ProductCodesProvider>{isSmall ? <ToRenewCards view={view} /> : <ToRenewTable view={view} />}</ProductCodesProvider>
                <Pagination />
            </ListContextProvider>
        ),
        [shown, isSmall, view],
    );
};

const firstOfMonth = (today: string) => `${today.slice(0, 7)}-01`;

/**
 * The two views' tabs, rendered apart from the list: MUI's Tabs measures the page's layout after
 * each of its renders (its indicator), and the list's own re-renders need not cost that on a phone.
 */
const ViewTabs = memo(({ view, onChange }: { view: View; onChange: (view: View) => void }) => {
    const translate = useTranslate();
    return (
        <Tabs value={view} onChange={(_event, value: View) => onChange(value)} sx={{ mt: 1 }}>
            <Tab value="to_renew" label={translate('cascade.to_renew.tab_to_renew')} />
            <Tab value="renewed" label={translate('cascade.to_renew.tab_renewed')} />
        </Tabs>
    );
});

/**
 * "Clients à renouveler" (DESIGN §5): the expiring or expired subscriptions, soonest end first, and
 * "Renouvelés ce mois-ci" (the work done since the first of the server's month). A row renewed here
 * keeps its place, with its check and undo button, until the list is reloaded.
 */
export const ToRenewList = () => {
    const translate = useTranslate();
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const [view, setView] = useStore<View>(`${STORE_KEY}.view`, 'to_renew');
    const { canAccess: showReseller = false } = useCanAccess({ resource: 'resellers', action: 'list' });
    const today = useServerToday();
    const filter = view === 'to_renew' ? { to_renew: true } : today ? { renewed_from: firstOfMonth(today) } : null;
    return (
        <BulkRenewHost resource="subscriptions" storeKey={`${STORE_KEY}.${view}`}>
            <Title title={translate('cascade.to_renew.title')} />
            {/* setView is stable (react-admin's useStore), so the tabs re-render only when the view changes */}
            <ViewTabs view={view} onChange={setView} />
            {/* The title and tabs paint first, the filters and rows in a render of their own: on a
                slow phone the page's first paint then waits for neither. */}
            <Deferred fallback={<PageSkeleton />}>
                {filter ? (
                    <List
                        key={view}
                        resource="subscriptions"
                        filter={filter}
                        filters={filtersOf(view, showReseller, isSmall)}
                        sort={{ field: 'end_date', order: 'ASC' }}
                        perPage={25}
                        storeKey={`${STORE_KEY}.${view}`}
                        title={false}
                        actions={<Actions filter={filter} />}
                        pagination={false}
                        empty={false}
                    >
                        <StatusLegend statuses={['expiring', 'expired', 'renewed']} />
                        <ToRenewRows view={view} isSmall={isSmall} />
                    </List>
                ) : null}
            </Deferred>
        </BulkRenewHost>
    );
};

export default ToRenewList;
