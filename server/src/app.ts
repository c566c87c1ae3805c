import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Db } from './data/transact.ts';
import { derivedKeeper } from './domain/derived.ts';
import { DEFAULT_BILLING, type BillingSettings } from '../../shared/money.ts';
import { errorHandler, notFoundRoute } from './http/errors.ts';
import { routeMatcherAtFirstUse } from './http/mountedRoutes.ts';
import { contentSecurityPolicy } from './http/contentSecurity.ts';
import { requestLog } from './http/requestLog.ts';
import { apiKeyRateLimit, apiKeyRights, authenticateApiKey } from './http/apiKeys.ts';
import { readRoutes } from './http/resource.ts';
import { requireSession, sameOriginWrites, totpEnrolmentGate } from './http/session.ts';
import { actionContext } from './http/validate.ts';
import { createReadCache, invalidateOnWrite, type ReadCache } from './http/readCache.ts';
import { accessLogSpec } from './resources/accessLog.ts';
import { changesSpec } from './resources/changes.ts';
import { movementsSpec } from './resources/movements.ts';
import { poolsSpec } from './resources/pools.ts';
import { renewalAttemptsSpec } from './resources/renewalAttempts.ts';
import { termsSpec } from './resources/terms.ts';
import { apiDocumentRoute } from './routes/apiDocument.ts';
import { accountRoutes, loginRoutes } from './routes/auth.ts';
import { partnerRoutes, productRoutes, resellerRoutes } from './routes/catalog.ts';
import { invoiceRoutes, orderRoutes } from './routes/orders.ts';
import { priceRoutes } from './routes/prices.ts';
import { publisherRoutes } from './routes/publisher.ts';
import { clientRoutes } from './routes/clients.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { exportRoutes } from './routes/exports.ts';
import { forecastRoutes } from './routes/forecast.ts';
import { healthRoutes } from './routes/health.ts';
import { allocationRoutes, grantRoutes } from './routes/ledger.ts';
import { ledgerHealthRoutes } from './routes/ledgerHealth.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { userRoutes } from './routes/users.ts';
import { apiKeyRoutes } from './routes/apiKeys.ts';
import { usageRoutes } from './routes/usage.ts';
import { webhookDeliveryRoutes, webhookRoutes } from './routes/webhooks.ts';
import type { TargetPolicy } from './webhooks/targets.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Folder of the built SPA; when it holds no index.html, `/` says the API runs alone. */
  staticDir?: string;
  /** Express's `trust proxy` (TRUST_PROXY), so req.ip and req.secure see through a reverse proxy. */
  trustProxy?: boolean | number | string;
  /** Cached reads, emptied by writes; the daily jobs empty it too, so index.ts shares it with them. */
  readCache?: ReadCache;
  /** Whether another process wrote to the database since the last call (then the caches are emptied). */
  changedElsewhere?: () => boolean;
  /** Whether the server is shutting down (readiness then answers 503). */
  stopping?: () => boolean;
  /** The publisher's time zone (TIME_ZONE), in which exports show times. */
  timeZone?: string;
  /** VAT rate and invoice term (VAT_RATE_PERCENT, INVOICE_DUE_DAYS). */
  billing?: BillingSettings;
  /** Requests one API key may make per minute (API_KEY_RATE_LIMIT). */
  apiKeyRateLimit?: number;
  /** Where webhooks may point (WEBHOOK_ALLOW_PRIVATE). */
  webhookTargets?: TargetPolicy;
}

/** Builds the HTTP application from its dependencies (tests pass a fresh database and a pinned clock). */
export function createApp({ db, clock, logger, staticDir, trustProxy = false, readCache = createReadCache(clock.instant), changedElsewhere = () => false, stopping = () => false, timeZone = 'Europe/Paris', billing = DEFAULT_BILLING, webhookTargets = { allowPrivate: false }, apiKeyRateLimit: apiKeyRateLimitPerMinute = 600 }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  // First of all, so every answer (errors of the middleware below included) has its id and its line.
  app.use(requestLog({ logger, routeOf: routeMatcherAtFirstUse(app) }));
  app.set('trust proxy', trustProxy);
  const index = staticDir ? path.resolve(staticDir, 'index.html') : null;
  const indexHtml = index && fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : null;
  app.use(helmet({ contentSecurityPolicy: contentSecurityPolicy(indexHtml), strictTransportSecurity: false }));
  // compression wraps every response it sees; a client that accepts no encoding (an API client, a
  // script) skips the wrapping altogether.
  const compress = compression();
  app.use((req, res, next) => (req.headers['accept-encoding'] ? compress(req, res, next) : next()));

  app.use('/api/health', healthRoutes(db, clock, logger, stopping));

  const ensureCurrent = derivedKeeper(db, () => readCache.invalidate());
  const currentDay: RequestHandler = async (_req, res, next) => {
    res.set('Access-Control-Expose-Headers', 'Content-Range');
    await ensureCurrent(actionContext(res));
    next();
  };

  // Only login, the OpenAPI document (and health, above) are public; everything after requireSession needs a session.
  const api = express.Router();
  api.use((_req, res, next) => {
    res.locals.readCache = readCache;
    // Answers hold one login's data: no browser or proxy may keep them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(invalidateOnWrite(readCache));
  // Logins and sessions only change through these routes (log out, password, 2FA, logins,
  // organisations' 2FA requirement): other writes keep the sessions cached.
  const sessionCache = createReadCache(clock.instant);
  api.use(['/auth', '/users', '/partners', '/resellers'], invalidateOnWrite(sessionCache));
  // What another process wrote (renew:auto, a second server) shows within 50 ms: nothing cached
  // survives it (db/open.ts: SQLite's data_version, PostgreSQL's change notifications). Asking SQLite
  // costs ~40 µs (a shared-memory read lock), so at most every 50 ms.
  let checkedAt = Number.NEGATIVE_INFINITY;
  api.use((_req, _res, next) => {
    const now = performance.now();
    if (now - checkedAt >= 50) {
      checkedAt = now;
      if (changedElsewhere()) {
        readCache.invalidate();
        sessionCache.invalidate();
      }
    }
    next();
  });
  api.use(express.json({ limit: '100kb' }));
  api.use(sameOriginWrites);

  // The map of the API, every router by its prefix, in the order a request meets them.
  api.get('/openapi.json', apiDocumentRoute);
  api.use('/auth', loginRoutes(db, clock));
  api.use(requireSession(db, clock, sessionCache, authenticateApiKey(db, clock)));
  api.use(apiKeyRateLimit(db, clock, apiKeyRateLimitPerMinute), apiKeyRights);
  // A login's own account: reachable before its two-factor enrolment.
  api.use('/auth', accountRoutes(db, clock));
  api.use(totpEnrolmentGate);
  api.use(currentDay);
  api.use('/dashboard', dashboardRoutes(db));
  api.use('/forecast', forecastRoutes(db));
  api.use('/products', productRoutes(db));
  api.use('/partners', partnerRoutes(db));
  api.use('/resellers', resellerRoutes(db));
  api.use('/prices', priceRoutes(db));
  api.use('/publisher', publisherRoutes(db, billing));
  api.use('/orders', orderRoutes(db, billing));
  api.use('/invoices', invoiceRoutes(db, billing));
  api.use('/users', userRoutes(db, clock));
  api.use('/api_keys', apiKeyRoutes(db));
  api.use('/usage', usageRoutes(db));
  api.use('/clients', clientRoutes(db));
  api.use('/subscriptions', subscriptionRoutes(db));
  api.use('/terms', readRoutes(db, termsSpec));
  api.use('/pools', readRoutes(db, poolsSpec));
  api.use('/movements', readRoutes(db, movementsSpec));
  api.use('/allocations', allocationRoutes(db));
  api.use('/grants', grantRoutes(db));
  api.use('/notifications', notificationRoutes(db));
  api.use('/renewal_attempts', readRoutes(db, renewalAttemptsSpec));
  api.use('/access_log', readRoutes(db, accessLogSpec));
  api.use('/changes', readRoutes(db, changesSpec));
  api.use('/exports', exportRoutes(db, timeZone));
  api.use('/webhooks', webhookRoutes(db, webhookTargets));
  api.use('/webhook_deliveries', webhookDeliveryRoutes(db));
  api.use('/health/ledger', ledgerHealthRoutes(db, clock));
  api.use(notFoundRoute);
  app.use('/api', api);

  if (index && indexHtml !== null) {
    // Hashed assets: precompressed at build (.br, .gz next to each file; `Vary: Accept-Encoding`),
    // cached for a year. compression() above leaves an answer that already has its Content-Encoding.
    app.use(
      '/assets',
      expressStaticGzip(path.resolve(staticDir!, 'assets'), {
        enableBrotli: true,
        orderPreference: ['br', 'gz'],
        index: false,
        serveStatic: { immutable: true, maxAge: '1y' },
      }),
      notFoundRoute,
    );
    // index.html names the current assets: asked again (If-None-Match) on every load.
    const noCache = { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } };
    app.use(express.static(path.resolve(staticDir!), { index: false, setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') }));
    app.get('/{*splat}', (_req, res) => res.sendFile(index, noCache));
  } else {
    app.get('/', (_req, res) => {
      res.type('html').send(
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Cascade</title>' +
          '<h1>Cascade</h1><p>Le serveur API fonctionne (the API server is running): ' +
          '<a href="/api/dashboard">/api/dashboard</a>, <a href="/api/clients">/api/clients</a>. ' +
          'La console n\'est pas construite ici (the console is not built: run <code>npm run build</code>).</p></html>',
      );
    });
  }

  app.use(errorHandler);
  return app;
}
