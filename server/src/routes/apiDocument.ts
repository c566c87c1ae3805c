import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { STATUSES } from '../domain/status.ts';
import { createApiRegistry, describeReadRoutes, describeRoute, recordSchema } from '../http/openapi.ts';
import { accessLogSpec } from '../resources/accessLog.ts';
import { changesSpec } from '../resources/changes.ts';
import { clientsSpec } from '../resources/clients.ts';
import { invoicesSpec, ordersSpec } from '../resources/orders.ts';
import { pricesSpec } from '../resources/prices.ts';
import { movementsSpec } from '../resources/movements.ts';
import { notificationsSpec } from '../resources/notifications.ts';
import { partnersSpec } from '../resources/partners.ts';
import { poolsSpec } from '../resources/pools.ts';
import { productsSpec } from '../resources/products.ts';
import { renewalAttemptsSpec } from '../resources/renewalAttempts.ts';
import { resellersSpec } from '../resources/resellers.ts';
import { subscriptionsSpec } from '../resources/subscriptions.ts';
import { termsSpec } from '../resources/terms.ts';
import { usersSpec } from '../resources/users.ts';
import { authSchemas } from './auth.ts';
import { catalogSchemas } from './catalog.ts';
import { clientSchemas } from './clients.ts';
import { ledgerSchemas } from './ledger.ts';
import { orderSchemas } from './orders.ts';
import { priceSchemas } from './prices.ts';
import { publisherSchemas } from './publisher.ts';
import { subscriptionSchemas } from './subscriptions.ts';
import { exportSchemas } from './exports.ts';
import { EXPORTS } from '../resources/exports.ts';
import { LOCALES } from '../../../shared/contract.ts';
import { userSchemas } from './users.ts';
import { apiKeySchemas } from './apiKeys.ts';
import { usageSchemas } from './usage.ts';
import { apiKeysSpec } from '../resources/apiKeys.ts';
import { webhookSchemas } from './webhooks.ts';
import { webhookDeliveriesSpec, webhooksSpec } from '../resources/webhooks.ts';
import { WEBHOOK_EVENTS } from '../../../shared/contract.ts';

/**
 * The OpenAPI 3.1 document of every route the application mounts, served at GET /api/openapi.json.
 * Inputs are the routers' own zod schemas; tests/api/openapi.test.ts fails when a route is missing.
 */

const DocumentLines = z.array(
  z.object({ product_id: z.number().int(), quantity: z.number().int(), unit_price_cents: z.number().int(), total_cents: z.number().int() }),
).meta({ description: 'Unit prices excluding VAT, in cents, as frozen at submission' });

const record = {
  product: recordSchema(productsSpec, 'Product'),
  partner: recordSchema(partnersSpec, 'Partner'),
  reseller: recordSchema(resellersSpec, 'Reseller'),
  user: recordSchema(usersSpec, 'User'),
  apiKey: recordSchema(apiKeysSpec, 'ApiKey'),
  client: recordSchema(clientsSpec, 'Client'),
  subscription: recordSchema(subscriptionsSpec, 'Subscription'),
  term: recordSchema(termsSpec, 'Term'),
  pool: recordSchema(poolsSpec, 'Pool'),
  movement: recordSchema(movementsSpec, 'Movement'),
  notification: recordSchema(notificationsSpec, 'Notification'),
  renewalAttempt: recordSchema(renewalAttemptsSpec, 'RenewalAttempt'),
  accessLog: recordSchema(accessLogSpec, 'AccessLogEntry', {
    browser: z.string().nullable().meta({ description: 'The browser named from user_agent, e.g. "Chrome 131"' }),
    system: z.string().nullable().meta({ description: 'The system named from user_agent, e.g. "Windows 10"' }),
  }),
  change: recordSchema(changesSpec, 'Change'),
  price: recordSchema(pricesSpec, 'Price'),
  order: recordSchema(ordersSpec, 'Order', { lines: DocumentLines }),
  invoice: recordSchema(invoicesSpec, 'Invoice', { lines: DocumentLines }),
  webhook: recordSchema(webhooksSpec, 'Webhook', { events: z.array(z.enum(WEBHOOK_EVENTS)) }),
  webhookDelivery: recordSchema(webhookDeliveriesSpec, 'WebhookDelivery'),
};

const Ok = z.object({ ok: z.literal(true) });
const Account = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'partner', 'reseller']),
    partner_id: z.number().int().nullable(),
    reseller_id: z.number().int().nullable(),
    locale: z.enum(LOCALES).meta({ description: 'The login’s language: the console’s, and that of the text the server makes for it' }),
    organisation: z.object({ type: z.enum(['publisher', 'partner', 'reseller']), id: z.number().int().nullable(), name: z.string() }),
    totp_enabled: z.boolean(),
    organisation_requires_totp: z.boolean(),
    totp_required: z.boolean().meta({ description: 'The organisation requires two-factor authentication and this login has none yet' }),
  })
  .meta({ id: 'Account' });
const licenseFigures = { cost: z.number().int(), balance: z.number().int(), remaining_after: z.number().int() };
const RenewalQuote = z.object({
  ...licenseFigures,
  start_date: z.string(),
  end_date: z.string(),
  pool_id: z.number().int().nullable(),
  manager_name: z.string(),
  client_name: z.string(),
  product_name: z.string(),
  seats: z.number().int().meta({ description: 'The seats quoted (default: the latest term’s, or those scheduled for the next renewal)' }),
  years: z.number().int().meta({ description: 'The years quoted (default: the latest term’s, or those scheduled for the next renewal)' }),
  already_renewed: z.boolean().meta({ description: 'The latest term is a renewal and the subscription is not due (not expiring or expired): renewing again charges a second time' }),
  latest_end_date: z.string().nullable().meta({ description: 'End of the latest term' }),
  active_users: z.number().int().nullable().meta({ description: 'The latest usage report (null: none)' }),
  min_seats: z.number().int().meta({ description: 'The fewest seats a renewal may have: the active users, at least 1 (below: 409 below_active_users)' }),
});
const NewTerm = z.object({ id: z.number().int(), start_date: z.string(), end_date: z.string(), years: z.number().int(), seats: z.number().int() });
const BulkLine = z.object({
  id: z.number().int(),
  status: z.number().int().meta({ description: 'This line’s own HTTP-like status: 201 renewed, 404, 409, 500…' }),
  message: z.string().optional(),
  code: z.string().optional(),
  client_name: z.string().optional().meta({ description: 'Absent for a subscription the caller cannot see' }),
  product_name: z.string().optional(),
  remaining_after: z.number().int().optional(),
  end_date: z.string().optional().meta({ description: 'End of the new term' }),
});
const withPools = z.object({ pools: z.array(z.object({ id: z.number().int(), balance: z.number().int() })) });

function describeApi(registry: OpenAPIRegistry) {
  const route = (description: Parameters<typeof describeRoute>[1]) => describeRoute(registry, description);

  // Service
  route({
    method: 'get', path: '/api/health', tag: 'Service', public: true,
    summary: 'Liveness: the process answers',
    success: { description: 'Up', schema: z.object({ status: z.literal('ok'), today: z.string(), now: z.string() }) },
  });
  route({
    method: 'get', path: '/api/health/ready', tag: 'Service', public: true,
    summary: 'Readiness: the database answers and every migration is applied (503 with a reason otherwise)',
    success: { description: 'Ready', schema: z.object({ status: z.literal('ready') }) },
  });
  route({
    method: 'get', path: '/api/health/ledger', tag: 'Service', errors: [403],
    summary: 'The ledger invariants of npm run check (admins): balances equal their ledger, none negative, each live term paid once, no overlap',
    success: {
      description: 'The faults found (none: status ok); one answer serves for 10 s',
      schema: z.object({ status: z.enum(['ok', 'faults']), checked_at: z.string(), faults: z.array(z.object({ kind: z.string(), message: z.string() })) }),
    },
  });
  route({
    method: 'get', path: '/api/openapi.json', tag: 'Service', public: true,
    summary: 'This OpenAPI 3.1 document',
    success: { description: 'The document', schema: z.object({ openapi: z.string() }).loose() },
  });

  // Authentication and the caller's own login
  route({
    method: 'post', path: '/api/auth/login', tag: 'Authentication', public: true, body: authSchemas.LoginInput, errors: [401, 429],
    summary: 'Log in with email and password (and a two-factor or recovery code when enabled)',
    description: 'Sets the session cookie. Wrong password, unknown email and inactive login give the same 401.',
    success: { description: 'Logged in: the account', schema: Account },
  });
  route({ method: 'get', path: '/api/auth/me', tag: 'Authentication', summary: 'The logged-in account', success: { description: 'The account', schema: Account } });
  route({ method: 'post', path: '/api/auth/logout', tag: 'Authentication', summary: 'Log out: closes this session', success: { description: 'Logged out', schema: Ok } });
  route({
    method: 'post', path: '/api/auth/password', tag: 'Authentication', body: authSchemas.PasswordChange,
    summary: 'Change one’s own password (closes the login’s other sessions)',
    success: { description: 'Changed', schema: Ok },
  });
  route({
    method: 'put', path: '/api/auth/locale', tag: 'Authentication', body: authSchemas.LocaleInput,
    summary: 'Set one’s own language (fr or en): exports, notifications and e-mails follow it',
    success: { description: 'Set', schema: authSchemas.LocaleInput },
  });
  route({
    method: 'post', path: '/api/auth/totp/setup', tag: 'Authentication', errors: [409],
    summary: 'Start two-factor set-up: a new secret and its QR code',
    success: { description: 'The secret to enter in an authenticator app', schema: z.object({ secret: z.string(), otpauth_url: z.string(), qr_code: z.string().meta({ description: 'A data: URL of a PNG' }) }) },
  });
  route({
    method: 'post', path: '/api/auth/totp/enable', tag: 'Authentication', body: authSchemas.CodeInput, errors: [409],
    summary: 'Turn two-factor authentication on with a first code',
    success: { description: 'On: the one-time recovery codes, shown once', schema: z.object({ recovery_codes: z.array(z.string()) }) },
  });
  route({
    method: 'post', path: '/api/auth/totp/disable', tag: 'Authentication', body: authSchemas.PasswordInput,
    summary: 'Turn two-factor authentication off (password required; refused when the organisation requires it)',
    success: { description: 'Off', schema: Ok },
  });

  // Catalog: products, partners, resellers
  const catalog = [
    { spec: productsSpec, tag: 'Products', record: record.product, create: catalogSchemas.ProductInput, update: catalogSchemas.ProductInput, writers: 'admins' },
    { spec: partnersSpec, tag: 'Partners', record: record.partner, create: catalogSchemas.OrganisationInput, update: catalogSchemas.OrganisationInput, writers: 'admins' },
    { spec: resellersSpec, tag: 'Resellers', record: record.reseller, create: catalogSchemas.ResellerInput, update: catalogSchemas.OrganisationInput, writers: 'admins and the reseller’s partner' },
  ];
  for (const { spec, tag, record: schema, create, update, writers } of catalog) {
    const label = spec.label.toLowerCase();
    describeReadRoutes(registry, spec, { tag, record: schema });
    route({ method: 'post', path: `/api/${spec.name}`, tag, body: create, errors: [409], summary: `Create a ${label}`, description: `By ${writers}.`, success: { status: 201, description: 'Created', schema } });
    route({ method: 'put', path: `/api/${spec.name}/:id`, tag, body: update, errors: [409], summary: `Change a ${label}`, description: `By ${writers}. Unchanged values write nothing.`, success: { description: 'The record after the change', schema } });
    route({ method: 'delete', path: `/api/${spec.name}/:id`, tag, errors: [409], summary: `Delete a ${label} nothing refers to`, description: `By ${writers}.`, success: { description: 'The deleted record', schema } });
  }

  // Prices and the publisher's identity
  describeReadRoutes(registry, pricesSpec, { tag: 'Prices', record: record.price, plural: 'list prices' });
  route({ method: 'post', path: '/api/prices', tag: 'Prices', body: priceSchemas.PriceInput, errors: [409], summary: 'Add a list price of a product from a date (admins)', description: 'One row per product and date; a price cannot start in the past.', success: { status: 201, description: 'Created', schema: record.price } });
  route({ method: 'put', path: '/api/prices/:id', tag: 'Prices', body: priceSchemas.PriceInput, errors: [409], summary: 'Change a price not yet in force before today (admins)', success: { description: 'The price after the change', schema: record.price } });
  route({ method: 'delete', path: '/api/prices/:id', tag: 'Prices', errors: [409], summary: 'Delete a price not yet in force before today (admins)', success: { description: 'The deleted price', schema: record.price } });
  const PublisherIdentity = z.object({
    legal_name: z.string().nullable(),
    address: z.string().nullable(),
    siren: z.string().nullable(),
    vat_number: z.string().nullable(),
    vat_rate_percent: z.number().describe('The VAT rate new orders are submitted at (setting VAT_RATE_PERCENT); read-only'),
  });
  route({ method: 'get', path: '/api/publisher', tag: 'Prices', summary: 'The publisher’s identity on its invoices, and the VAT rate', success: { description: 'Its identity', schema: PublisherIdentity } });
  route({ method: 'put', path: '/api/publisher', tag: 'Prices', body: publisherSchemas.PublisherInput, errors: [403], summary: 'Change the publisher’s identity (admins)', success: { description: 'Its identity after the change', schema: PublisherIdentity } });

  // Orders and invoices
  describeReadRoutes(registry, ordersSpec, { tag: 'Orders', record: record.order });
  route({
    method: 'post', path: '/api/orders', tag: 'Orders', body: orderSchemas.OrderInput, idempotent: true, errors: [403, 409],
    summary: 'Order licences from one’s supplier (partners and resellers)',
    description: 'A reseller orders from its partner, a partner from the publisher; unit prices (list price less the buyer’s discount) and the VAT rate are frozen now. 409 no_price when a product has no price today.',
    success: { status: 201, description: 'The submitted order', schema: record.order },
  });
  route({
    method: 'post', path: '/api/orders/:id/fulfil', tag: 'Orders', idempotent: true, errors: [403, 409],
    summary: 'Accept an order (its supplier, or an admin): the licences move and the invoice is issued, at once',
    description: '409 insufficient_licenses (details: product_id, needed, balance, shortfall) when the partner’s pool is short; 409 invalid_transition when the order is no longer submitted.',
    success: { description: 'The fulfilled order, with its invoice_id', schema: record.order },
  });
  route({ method: 'post', path: '/api/orders/:id/refuse', tag: 'Orders', body: orderSchemas.RefusalInput, errors: [403, 409], summary: 'Refuse a submitted order, saying why (its supplier, or an admin)', success: { description: 'The refused order', schema: record.order } });
  route({ method: 'post', path: '/api/orders/:id/cancel', tag: 'Orders', errors: [403, 409], summary: 'Cancel a submitted order (its buyer)', success: { description: 'The cancelled order', schema: record.order } });
  describeReadRoutes(registry, invoicesSpec, { tag: 'Orders', record: record.invoice, plural: 'invoices and credit notes' });
  route({
    method: 'post', path: '/api/invoices/:id/credit', tag: 'Orders', idempotent: true, errors: [403, 409],
    summary: 'Credit an invoice, once (its issuer, or an admin): a credit note, and the licences back from the buyer',
    description: '409 insufficient_licenses when the buyer no longer holds them; 409 already_credited.',
    success: { status: 201, description: 'The credit note', schema: record.invoice },
  });
  route({
    method: 'get', path: '/api/invoices/:id/pdf', tag: 'Orders', errors: [409],
    summary: 'An invoice or credit note as a Factur-X PDF (EN 16931), for whoever may read it',
    description: 'PDF/A-3 with the Factur-X XMP metadata and the CII XML embedded as factur-x.xml (TypeCode 380, or 381 for a credit note). 409 issuer_identity_incomplete while the issuer has no VAT number.',
    success: {
      description: 'The PDF (Content-Disposition: attachment)',
      contentType: 'application/pdf',
      schema: z.string().meta({ format: 'binary' }),
      headers: { 'Content-Disposition': { description: 'attachment; filename="facture-<number>.pdf" (avoir-… for a credit note)', schema: { type: 'string' } } },
    },
  });

  // Logins
  describeReadRoutes(registry, usersSpec, { tag: 'Logins', record: record.user, plural: 'logins' });
  route({
    method: 'post', path: '/api/users', tag: 'Logins', body: userSchemas.UserInput, errors: [409, 429],
    summary: 'Create a login in the caller’s organisation',
    success: { status: 201, description: 'Created', schema: record.user },
  });
  route({
    method: 'put', path: '/api/users/:id', tag: 'Logins', body: userSchemas.UserChanges, errors: [409],
    summary: 'Change a login (an empty password keeps the current one)',
    success: { description: 'The login after the change', schema: record.user },
  });
  route({ method: 'delete', path: '/api/users/:id', tag: 'Logins', errors: [409], summary: 'Delete a login', success: { description: 'The deleted login', schema: record.user } });

  // Clients
  describeReadRoutes(registry, clientsSpec, { tag: 'Clients', record: record.client });
  route({
    method: 'post', path: '/api/clients', tag: 'Clients', body: clientSchemas.NewClientInput, idempotent: true, errors: [409],
    summary: 'Create a client with its first subscriptions, paid from its manager’s pools',
    success: { status: 201, description: 'Created', schema: record.client },
  });
  route({
    method: 'put', path: '/api/clients/:id', tag: 'Clients', body: clientSchemas.ClientChanges,
    summary: 'Rename a client, set its reference, or move it to another reseller of its partner (not by a reseller login)',
    description: 'A reference is unique per manager whatever its case (409 naming `reference`); null or an empty text clears it.',
    errors: [403, 409],
    success: { description: 'The client after the change', schema: record.client },
  });
  route({
    method: 'post', path: '/api/clients/:id/subscriptions', tag: 'Clients', body: clientSchemas.NewSubscriptionInput, idempotent: true, errors: [409],
    summary: 'Add a product to a client: a new subscription whose first term is paid from the client’s manager’s pool',
    description: 'A product the client already has is a 400 naming `product_id`.',
    success: { status: 201, description: 'The new subscription', schema: record.subscription.extend({ remaining_after: z.number().int() }) },
  });
  route({
    method: 'post', path: '/api/clients/:id/undo', tag: 'Clients', idempotent: true, errors: [409],
    summary: 'Undo a client’s creation within the undo window: its licenses go back to the pools',
    success: { description: 'The undone client and the licenses returned', schema: record.client.extend({ returned: z.number().int() }) },
  });

  // Subscriptions
  describeReadRoutes(registry, subscriptionsSpec, { tag: 'Subscriptions', record: record.subscription });
  route({
    method: 'put', path: '/api/subscriptions/:id', tag: 'Subscriptions', body: subscriptionSchemas.Settings,
    summary: 'Set auto-renewal, cancellation, or the seats and years of the next renewal',
    success: { description: 'The subscription after the change', schema: record.subscription },
  });
  route({
    method: 'get', path: '/api/subscriptions/:id/renewal-quote', tag: 'Subscriptions', query: subscriptionSchemas.RenewQuery,
    summary: 'What a renewal would cost and leave in the pool (reads only)',
    success: { description: 'The quote', schema: RenewalQuote },
  });
  route({
    method: 'post', path: '/api/subscriptions/:id/renew', tag: 'Subscriptions', body: subscriptionSchemas.RenewInput, idempotent: true, errors: [409],
    summary: 'Renew a subscription: a new term paid from its manager’s pool',
    success: { status: 201, description: 'Renewed', schema: record.subscription.extend({ remaining_after: z.number().int(), term: NewTerm.meta({ description: 'The new term' }) }) },
  });
  route({
    method: 'get', path: '/api/subscriptions/:id/history', tag: 'Subscriptions',
    summary: 'The subscription’s history, newest first: creation, renewals, seat changes and undos',
    success: {
      description: 'The entries; `actor` is a display name, in the reader’s language for the server’s own actors',
      schema: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['creation', 'renewal', 'auto_renewal', 'seat_change', 'undo']),
          at: z.string().meta({ description: 'ISO 8601 UTC instant' }),
          actor: z.string(),
          start_date: z.string(),
          end_date: z.string(),
          years: z.number().int(),
          seats: z.number().int().meta({ description: 'The seats the term was paid for (a seat change: the seats after it)' }),
          seats_from: z.number().int().nullable(),
          seats_to: z.number().int().nullable(),
          cost: z.number().int().meta({ description: 'Licences consumed; negative when an undo gave them back' }),
        }),
      ),
    },
  });
  route({
    method: 'get', path: '/api/subscriptions/:id/seats-quote', tag: 'Subscriptions', query: subscriptionSchemas.SeatsQuery,
    summary: 'What changing the seats of the current term would cost (prorated; reads only)',
    success: {
      description: 'The quote',
      schema: z.object({ ...licenseFigures, seats: z.number().int(), current_seats: z.number().int(), refund: z.number().int(), manager_name: z.string(), active_users: z.number().int().nullable(), min_seats: z.number().int() }),
    },
  });
  route({
    method: 'post', path: '/api/subscriptions/:id/seats', tag: 'Subscriptions', body: subscriptionSchemas.SeatsInput, idempotent: true, errors: [409],
    summary: 'Change the seats of the current term (adding costs the prorated licenses; removing refunds nothing)',
    success: { description: 'The subscription after the change', schema: record.subscription.extend({ cost: z.number().int(), remaining_after: z.number().int().nullable() }) },
  });
  route({
    method: 'post', path: '/api/subscriptions/:id/undo-renewal', tag: 'Subscriptions', idempotent: true, errors: [409],
    summary: 'Undo the latest renewal within the undo window: its licenses go back to the pool',
    success: { description: 'The subscription after the undo', schema: record.subscription.extend({ returned: z.number().int() }) },
  });
  route({
    method: 'get', path: '/api/subscriptions/bulk-renewal-quote', tag: 'Subscriptions', query: subscriptionSchemas.BulkQuoteInput,
    summary: 'What renewing several subscriptions would cost, pool by pool (reads only)',
    description: '`lines` is a comma-separated list of id:years pairs (1 to 500); or `ids`, comma-separated subscription ids, each at `years` (default: its latest term’s).',
    success: {
      description: 'Each subscription’s quote and each pool’s total',
      schema: z.object({
        subscriptions: z.array(RenewalQuote.pick({ cost: true, start_date: true, end_date: true, pool_id: true, client_name: true, product_name: true, seats: true, years: true }).extend({ id: z.number().int() })),
        pools: z.array(z.object({ ...licenseFigures, pool_id: z.number().int().nullable(), manager_name: z.string(), product_id: z.number().int() })),
        not_found: z.array(z.number().int()),
      }),
    },
  });
  route({
    method: 'post', path: '/api/subscriptions/bulk-renew', tag: 'Subscriptions', body: subscriptionSchemas.BulkInput, idempotent: true, errors: [409],
    summary: 'Renew several subscriptions, each in its own transaction',
    description: '`subscriptions: [{id, years}]` gives each line its years; `{ids, years}` renews every id for the same years. A refusal or failure is that line’s result; the others go on. Retried with its Idempotency-Key, no subscription is renewed twice.',
    success: { description: 'One result per subscription', schema: z.object({ results: z.array(BulkLine) }) },
  });

  // Licenses: terms, pools, movements and the actions between pools
  describeReadRoutes(registry, termsSpec, { tag: 'Licenses', record: record.term });
  describeReadRoutes(registry, poolsSpec, { tag: 'Licenses', record: record.pool });
  describeReadRoutes(registry, movementsSpec, { tag: 'Licenses', record: record.movement, plural: 'ledger movements' });
  route({
    method: 'post', path: '/api/allocations', tag: 'Licenses', body: ledgerSchemas.AllocationInput, idempotent: true, errors: [409],
    summary: 'Move licenses from a partner’s pool to one of its resellers (a negative quantity takes them back)',
    success: { status: 201, description: 'The movement and the balances after it', schema: record.movement.extend(withPools.shape) },
  });
  route({
    method: 'post', path: '/api/grants', tag: 'Licenses', body: ledgerSchemas.GrantInput, idempotent: true,
    summary: 'Give licenses to a partner’s pool (admins)',
    success: { status: 201, description: 'The movement and the balance after it', schema: record.movement.extend(withPools.shape) },
  });

  // Dashboard
  route({
    method: 'get', path: '/api/dashboard', tag: 'Dashboard',
    summary: 'The dashboard’s figures for the caller’s organisation',
    success: {
      description: 'Subscriptions per status, clients to renew, pools, and what falls due in the next 12 months',
      schema: z.object({
        ...Object.fromEntries(STATUSES.map((status) => [status, z.number().int()])),
        clients_to_renew: z.number().int(),
        over_used: z.number().int().meta({ description: 'Subscriptions with more active users reported than seats' }),
        pools: z.array(record.pool.pick({ id: true, holder_type: true, holder_id: true, holder_name: true, product_id: true, balance: true }).extend({ product_code: z.string() })),
        due_by_month: z.array(z.object({ month: z.string(), subscriptions: z.number().int(), seats: z.number().int() })),
      }),
    },
  });

  // Stock forecast
  route({
    method: 'get', path: '/api/forecast', tag: 'Dashboard',
    summary: 'Per pool in scope, the licences the renewals due soon will need against its balance',
    description: 'due_N: Σ seats × years of active or expiring subscriptions drawing on the pool that end within N days; auto_due_14: the auto-renewing ones within 14 days (not given up); shortfall_N = max(0, due_N − balance).',
    success: {
      description: 'One row per pool',
      schema: z.array(z.object({
        pool_id: z.number().int(), holder_type: z.enum(['partner', 'reseller']), holder_id: z.number().int(), product_id: z.number().int(), balance: z.number().int(),
        due_30: z.number().int(), due_90: z.number().int(), auto_due_14: z.number().int(), shortfall_30: z.number().int(), shortfall_90: z.number().int(),
      })),
    },
  });

  // Notifications
  describeReadRoutes(registry, notificationsSpec, { tag: 'Notifications', record: record.notification, plural: 'the caller’s notifications' });
  describeReadRoutes(registry, renewalAttemptsSpec, { tag: 'Notifications', record: record.renewalAttempt, plural: 'auto-renewal attempts' });
  route({
    method: 'post', path: '/api/notifications/read-all', tag: 'Notifications',
    summary: 'Mark all the caller’s notifications read',
    success: { description: 'How many were marked', schema: z.object({ read: z.number().int() }) },
  });
  route({
    method: 'post', path: '/api/notifications/:id/read', tag: 'Notifications',
    summary: 'Mark one notification read',
    success: { description: 'The notification', schema: record.notification },
  });

  // Exports
  for (const name of Object.keys(EXPORTS)) {
    route({
      method: 'get', path: `/api/exports/${name}`, tag: 'Exports', query: exportSchemas.ExportQuery,
      summary: `Every ${name === 'movements' ? 'ledger movement' : name.slice(0, -1)} the same filter lists, as a CSV file for a spreadsheet`,
      description:
        '`filter` is the list’s (e.g. {"to_renew":true}); no page limit, the file is streamed. `locale` (default: the login’s) chooses the headers, labels and formats: ' +
        'fr: UTF-8 BOM, `;`, dates dd/MM/yyyy, times dd/MM/yyyy HH:mm in the publisher’s time zone; en: `,`, yyyy-MM-dd. Names stand for ids; a cell starting with = + - @ is prefixed with \'.',
      success: {
        description: 'The CSV file (Content-Disposition: attachment)',
        contentType: 'text/csv; charset=utf-8',
        schema: z.string(),
        headers: { 'Content-Disposition': { description: 'attachment; filename="<export>-<today>.csv"', schema: { type: 'string' } } },
      },
    });
  }

  // Machine access (DESIGN §7)
  describeReadRoutes(registry, apiKeysSpec, { tag: 'API keys', record: record.apiKey, plural: 'API keys' });
  route({
    method: 'post', path: '/api/api_keys', tag: 'API keys', body: apiKeySchemas.ApiKeyInput,
    summary: 'Create an API key for the caller’s organisation (logins only); `usage` keys are the publisher’s',
    description: 'The answer holds `secret` (csk_…), shown this once: the server keeps only its SHA-256. Send it as `Authorization: Bearer <secret>`.',
    success: { status: 201, description: 'The key and its secret', schema: z.object({ secret: z.string() }).and(record.apiKey) },
  });
  route({
    method: 'delete', path: '/api/api_keys/:id', tag: 'API keys',
    summary: 'Revoke an API key at once (revoking a revoked key answers 200)',
    success: { description: 'The revoked key', schema: record.apiKey },
  });
  route({
    method: 'post', path: '/api/usage', tag: 'Usage', body: usageSchemas.UsageInput,
    summary: 'Report the active users of subscriptions (a publisher `usage` key only), all or nothing',
    description: 'Each report names a subscription by id, or by the client’s reference and the product code. The latest `measured_at` wins; an unknown subscription or reference, or a reference naming several clients, is a 400 naming the report’s index and nothing is applied.',
    success: { description: 'How many reports were accepted', schema: z.object({ accepted: z.number().int() }) },
  });
  route({
    method: 'get', path: '/api/subscriptions/:id/usage', tag: 'Usage',
    summary: 'The usage reports of a subscription, oldest first (the latest 366)',
    success: { description: 'The reports', schema: z.array(z.object({ id: z.number().int(), active_users: z.number().int(), measured_at: z.string() })) },
  });

  // Webhooks
  describeReadRoutes(registry, webhooksSpec, { tag: 'Webhooks', record: record.webhook });
  route({
    method: 'post', path: '/api/webhooks', tag: 'Webhooks', body: webhookSchemas.WebhookInput,
    summary: 'Register an endpoint of the caller’s organisation for some events',
    description: `Events: ${WEBHOOK_EVENTS.join(', ')} (400 unknown_event otherwise). The URL is http(s) (400 invalid_url) and not a private, loopback or link-local address unless WEBHOOK_ALLOW_PRIVATE=true (400 private_address). The answer holds the signing secret, shown this once.`,
    success: { status: 201, description: 'The endpoint, with its `secret`', schema: record.webhook.extend({ secret: z.string() }) },
  });
  route({ method: 'put', path: '/api/webhooks/:id', tag: 'Webhooks', body: webhookSchemas.WebhookChanges, summary: 'Change an endpoint’s URL or events, or (de)activate it', success: { description: 'The endpoint', schema: record.webhook } });
  route({ method: 'delete', path: '/api/webhooks/:id', tag: 'Webhooks', summary: 'Delete an endpoint and its delivery log', success: { description: 'The deleted endpoint', schema: record.webhook } });
  describeReadRoutes(registry, webhookDeliveriesSpec, { tag: 'Webhooks', record: record.webhookDelivery, plural: 'webhook deliveries' });
  route({
    method: 'post', path: '/api/webhook_deliveries/:id/retry', tag: 'Webhooks',
    summary: 'Send a delivery again now (“Renvoyer”), whatever its state',
    success: { description: 'The delivery, pending', schema: record.webhookDelivery },
  });

  // Audit trails
  describeReadRoutes(registry, accessLogSpec, { tag: 'Audit', record: record.accessLog, plural: 'access log entries' });
  describeReadRoutes(registry, changesSpec, { tag: 'Audit', record: record.change, plural: 'changes' });
}

let document: object | null = null;

/** The document, built once (it depends on the code only). */
export function apiDocument(): object {
  if (!document) {
    const registry = createApiRegistry();
    describeApi(registry);
    document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Cascade API',
        version: '1',
        description:
          'License distribution: publisher → partners → resellers → clients. Lists speak the ra-data-simple-rest protocol. ' +
          'Every answer has an X-Request-Id; every error body has `message` and `request_id`.',
      },
      servers: [{ url: '/' }],
      security: [{ session: [] }, { bearerAuth: [] }],
    });
  }
  return document;
}

/** GET /api/openapi.json (public: it describes the API, it holds no data). */
export const apiDocumentRoute: RequestHandler = (_req, res) => {
  res.json(apiDocument());
};
