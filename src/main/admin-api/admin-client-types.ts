import type {
  AdminCapability,
  CapabilityView,
  EventSeverity,
  SecurityAlert,
  SecurityEvent,
  SecurityHealth,
  SecurityMetrics,
} from '../../shared/admin-api-types';
import type {
  AdminSession,
  AllowlistEntry,
  EmergencyLockout,
} from '../../shared/admin-api-types';

export type { AdminSession, AllowlistEntry, EmergencyLockout };

/**
 * What went wrong talking to the admin API, in the commander's terms.
 * `bad-response` means the server answered something no documented variant
 * allows; its message names the endpoint and the field. `not-found` is a
 * route that exists saying the thing asked for does not (an allowlist entry
 * or lockout already gone); a route that is not there is `not-deployed`.
 */
export const ADMIN_ERROR_KINDS = [
  'not-configured',
  'unauthorised',
  'network-rejected',
  'forbidden',
  'not-deployed',
  'not-found',
  'validation',
  'rate-limited',
  'server-error',
  'timeout',
  'offline',
  'bad-response',
] as const;
export type AdminErrorKind = (typeof ADMIN_ERROR_KINDS)[number];

export type AdminApiError = {
  kind: AdminErrorKind;
  message: string;
  /** `GET /api/admin/security/alerts`, without host or token. */
  endpoint: string;
  status: number | null;
  retryAfterSeconds?: number;
  /** For `validation`: dotted location → message, as the server said. */
  fields?: Record<string, string>;
  /**
   * The server's own words (its `detail`, or a plain-text body), control
   * characters removed, cut to 300 characters, never the token.
   */
  serverMessage?: string;
  /**
   * Whether a write may have taken effect although no answer says so: the
   * connection failed or timed out after the request went out, the server
   * answered 5xx, or a 2xx answer could not be read. False when it
   * certainly did not (never sent, refused by a gate or by the route).
   * Always set by `createAdminClient`.
   */
  mayHaveTakenEffect?: boolean;
};

export type AdminResult<T> =
  | { ok: true; value: T; receivedAt: string }
  | { ok: false; error: AdminApiError };

/** Polls wait for the request budget; emergency actions never do. */
export type RequestPriority = 'poll' | 'emergency';

export type AdminMethod =
  'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export type AdminRequestOptions = {
  /** Sent in this order; null and undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON (`Content-Type: application/json`). */
  body?: unknown;
  /** Default `poll`. */
  priority?: RequestPriority;
  /** Sent as `Idempotency-Key` (printable ASCII, at most 200 characters). */
  idempotencyKey?: string;
};

/** A 2xx answer to `request`. */
export type AdminResponse = {
  status: number;
  contentType: string | null;
  /** Parsed JSON for JSON bodies, the text for text bodies, null if empty. */
  body: unknown;
  /** The body exactly as received (UTF-8), for evidence. */
  bodyText: string;
  /** Attempts that failed and were retried before this answer. */
  retries: number;
};

/**
 * Where a write's input goes. The platform's lockdown takes `reason` in
 * the query, the plan's in a JSON body; when probing could not tell,
 * `query-or-json-body` says to send it in both (each ignores the other).
 */
export type CapabilityInput =
  'none' | 'query' | 'json-body' | 'query-or-json-body';

/** How a list route pages: not at all, `skip`/`limit`, `limit`/`offset`. */
export type CapabilityPaging = 'none' | 'skip-limit' | 'limit-offset';

/** The route the console uses for a capability the server offers. */
export type CapabilityRoute = {
  capability: AdminCapability;
  method: 'GET' | 'POST' | 'DELETE';
  /** Template with `{name}` path parameters; fill it with `fillPath`. */
  path: string;
  input: CapabilityInput;
  paging: CapabilityPaging;
  /**
   * Whose design the route follows: the platform's code, the plan, or a
   * design the console proposes for what neither has (a block list). Not
   * known for a lockdown found by probing (`query-or-json-body`), which is
   * given as the platform's.
   */
  origin: 'platform' | 'plan' | 'proposed';
  /** `assumed`: the preferred route, tried because the server would not say. */
  foundBy: 'openapi' | 'probe' | 'assumed';
  /**
   * The server's OpenAPI document lists an `Idempotency-Key` header for
   * this operation: a repeat with the same key is answered, not redone.
   * The platform accepts none (CONTRACT §6).
   */
  honoursIdempotencyKey?: boolean;
};

export type AuditLogRow = {
  id: string;
  userId: string | null;
  action: string;
  status: string | null;
  resourceType: string | null;
  resourceId: string | null;
  ipAddress: string | null;
  occurredAt: string;
  details: Record<string, unknown> | null;
  message: string | null;
};

export type AuditLogPull = {
  rows: AuditLogRow[];
  /** The server's bodies exactly as received, one per page, for evidence. */
  pages: { endpoint: string; status: number; body: string }[];
  /** False when paging stopped at the page limit before the window's end. */
  complete: boolean;
};

export type Identity = { userId: string; superAdmin: boolean };

/**
 * The admin-API client. Every method resolves (never rejects) with a
 * result; every response is parsed with zod; times come back as UTC with
 * microseconds. The token is read through `token()` at each request and
 * appears in no error, log line or result.
 */
export type AdminClient = {
  readonly baseUrl: string;
  /** Re-reads what the server offers: its OpenAPI document, else probes. */
  discover(): Promise<AdminResult<CapabilityView[]>>;
  capabilities(): CapabilityView[];
  has(capability: AdminCapability): boolean;
  /** The route to use for a capability found available; null otherwise. */
  route(capability: AdminCapability): CapabilityRoute | null;
  identity(): Promise<AdminResult<Identity>>;
  alerts(): Promise<AdminResult<SecurityAlert[]>>;
  events(query: {
    limit?: number;
    severity?: EventSeverity;
    eventType?: string;
  }): Promise<AdminResult<SecurityEvent[]>>;
  health(): Promise<AdminResult<SecurityHealth>>;
  metrics(): Promise<AdminResult<SecurityMetrics>>;
  auditLogs(window: {
    start: string;
    end: string;
  }): Promise<AdminResult<AuditLogPull>>;
  /**
   * The lists the outbox reads back to tell whether an action took
   * effect; it asks with `emergency` priority so the check never waits
   * behind the polling budget. Default `poll`.
   */
  lockouts(
    priority?: RequestPriority,
  ): Promise<AdminResult<EmergencyLockout[]>>;
  allowlistEntries(
    priority?: RequestPriority,
  ): Promise<AdminResult<AllowlistEntry[]>>;
  sessions(priority?: RequestPriority): Promise<AdminResult<AdminSession[]>>;
  /**
   * One request to `path` (below the base URL, starting with `/`, query
   * in `options`). Reads (GET, HEAD, OPTIONS) are retried on 5xx, 429 and
   * dropped connections; writes are sent once. A non-2xx answer is an
   * error carrying its status.
   */
  request(
    method: AdminMethod,
    path: string,
    options?: AdminRequestOptions,
  ): Promise<AdminResult<AdminResponse>>;
  /** Stops retries and waits in progress; later calls fail `offline`. */
  close(): void;
};
