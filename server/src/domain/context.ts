import type { Locale } from '../../../shared/contract.ts';
import type { Scope } from './access.ts';

/** What a domain operation needs to know about its caller and the day it runs on. */
export interface ActionContext {
  /** Who acts (the login's email), recorded on every ledger row and change. */
  actor: string;
  /** What the actor may see and do. */
  scope: Scope;
  today: string;
  now: string;
  /** The reader's language, for text made for it; absent (jobs, command line): French. */
  locale?: Locale;
  /** Set when an API key acts (its scope is then its organisation's, with no login). */
  apiKeyId?: number;
}
