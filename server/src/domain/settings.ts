/** Business settings of DESIGN §2, in one place. */
export const settings = {
  /** A subscription is "expiring" when its current term ends within this many months. */
  expiringWindowMonths: 3,
  /** A renewal or a client creation can be undone for this many days. */
  undoWindowDays: 7,
  /** Auto-renewal runs this many days before the end of the latest term. */
  autoRenewLeadDays: 14,
  /** Failed auto-renewals are retried daily for this many days after the first attempt. */
  autoRenewRetryDays: 45,
  /** Idempotency keys are kept at least this long. */
  idempotencyKeyHours: 24,
  /** A multi-step action's claim on its key (bulk renewal) not touched for this long was abandoned. */
  idempotencyClaimSeconds: 60,
  /** Largest page a list answers (ra-data-simple-rest range). */
  maxPageSize: 1000,
  /** A session ends after this long without a request… */
  sessionIdleMinutes: 120,
  /** …and in any case this long after the login. */
  sessionMaxHours: 12,
  /** Failed logins allowed per account in the window below before further attempts are refused. */
  loginFailuresPerAccount: 5,
  /** Login attempts allowed per IP address in the window below. */
  loginAttemptsPerIp: 30,
  loginWindowMinutes: 15,
  /** Logins a partner or reseller login may create per hour (a taken e-mail is refused: this bounds probing). */
  loginCreationsPerHour: 30,
} as const;
