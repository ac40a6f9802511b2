/**
 * Emergency actions against the platform's admin API, as every process
 * sees them. An action is asked for (`ActionRequest`), journaled and
 * queued in one transaction, then sent by the outbox in the main process,
 * which keeps its state (`OutboxAction`). What the server offers decides
 * which actions can be asked for at all (`ActionAvailability`).
 *
 * The platform's IP allowlist GRANTS access to the admin API. Blocking an
 * address (`address-block`) is only ever sent to a route that declares
 * block semantics; the reference platform has none, so there the action
 * is refused when queued and done by hand (firewall, WAF).
 */
import { z } from 'zod';
import type { AdminCapability } from './admin-api-types';

export const ACTION_KINDS = [
  /** Locks every other admin account for 24 h; no id, no read-back. */
  'lockdown',
  /** Records a platform-wide emergency lockout (informational there). */
  'lockout-create',
  /** Deactivates an emergency lockout by id. */
  'lockout-lift',
  /** GRANTS an address or range access to the admin API. */
  'allowlist-add',
  /** Withdraws an allowlist entry by id. */
  'allowlist-remove',
  /** Refuses an address; only where the server declares block semantics. */
  'address-block',
  'session-revoke',
  'account-disable',
  'password-reset',
  'admin-2fa-require',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Reason limits of the platform's designed lockdown request schema. */
export const LOCKDOWN_REASON_LIMITS = { min: 10, max: 500 } as const;

/** Every action carries the commander's reason, journaled with it. */
type Reasoned = { reason: string };

export type LockdownRequest = Reasoned & { kind: 'lockdown' };

export type LockoutCreateRequest = Reasoned & {
  kind: 'lockout-create';
  /** Shown to users while the lockout is active; 10-500 characters. */
  message: string;
  /** 1-168; null = no expiry. */
  durationHours: number | null;
  allowReadOnly: boolean;
};

export type LockoutLiftRequest = Reasoned & {
  kind: 'lockout-lift';
  lockoutId: string;
};

export type AllowlistAddRequest = Reasoned & {
  kind: 'allowlist-add';
  /** Address or CIDR range, host bits zero (`203.0.113.0/24`). */
  address: string;
  description: string | null;
  /** UTC ISO 8601, or null for no expiry. */
  expiresAt: string | null;
};

export type AllowlistRemoveRequest = Reasoned & {
  kind: 'allowlist-remove';
  entryId: string;
  /** The entry's range, for the timeline; not sent. */
  address: string | null;
};

export type AddressBlockRequest = Reasoned & {
  kind: 'address-block';
  /** Address or CIDR range to refuse. */
  address: string;
};

export type SessionRevokeRequest = Reasoned & {
  kind: 'session-revoke';
  sessionId: string;
};

export type AccountDisableRequest = Reasoned & {
  kind: 'account-disable';
  /** The platform's user id (`user_…`). */
  userId: string;
};

export type PasswordResetRequest = Reasoned & {
  kind: 'password-reset';
  userId: string;
};

export type Admin2faRequireRequest = Reasoned & {
  kind: 'admin-2fa-require';
  /** Null = the platform's default scope. */
  roleId: string | null;
  tenantId: string | null;
  /** 0-90 days before 2FA becomes mandatory. */
  gracePeriodDays: number;
};

export type ActionRequest =
  | LockdownRequest
  | LockoutCreateRequest
  | LockoutLiftRequest
  | AllowlistAddRequest
  | AllowlistRemoveRequest
  | AddressBlockRequest
  | SessionRevokeRequest
  | AccountDisableRequest
  | PasswordResetRequest
  | Admin2faRequireRequest;

export type ActionRequestOf<K extends ActionKind> = Extract<
  ActionRequest,
  { kind: K }
>;

export const OUTBOX_STATES = [
  /** Waiting to be sent (or to be sent again after a failure). */
  'queued',
  /** A request is on the wire; found so at start-up it becomes unknown. */
  'sending',
  /** The server said it took effect (or a read-back showed it). */
  'confirmed',
  /** The server refused it; `lastAnswer` says what it said. */
  'failed',
  /** Sent, no answer, and no way to tell: the commander decides. */
  'unknown',
  /** Waited offline past the limit: never sent until confirmed again. */
  'needs-reconfirmation',
  'cancelled',
] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** States an action does not leave on its own. */
export const FINAL_OUTBOX_STATES: readonly OutboxState[] = [
  'confirmed',
  'failed',
  'cancelled',
];

/** States that wait on the commander (the header badge counts these). */
export const WAITING_OUTBOX_STATES: readonly OutboxState[] = [
  'queued',
  'sending',
  'unknown',
  'needs-reconfirmation',
];

/** What the server last answered; bodies are cut short, never a token. */
export type ActionAnswer = {
  /** HTTP status; null when no answer arrived (timeout, reset, offline). */
  status: number | null;
  /** The server's words or the failure, at most 300 characters. */
  summary: string;
  at: string;
};

export type OutboxAction = {
  /** ULID; sent as `Idempotency-Key` with every attempt. */
  id: string;
  incidentId: string;
  kind: ActionKind;
  request: ActionRequest;
  state: OutboxState;
  /** Why it is in this state, in the commander's words. */
  stateReason: string;
  createdAt: string;
  queuedBy: string;
  /** Who confirmed under the two-person rule, if it applied. */
  secondPerson: string | null;
  /** Who confirmed it again after it went stale, and when. */
  reconfirmedBy: string | null;
  reconfirmedAt: string | null;
  /** The connection was down when it was queued. */
  queuedOffline: boolean;
  attempts: number;
  /** Not sent before this time (backoff, `Retry-After`); null = now. */
  nextAttemptAt: string | null;
  lastError: string | null;
  lastAnswer: ActionAnswer | null;
  /** `POST /api/admin/…` the action is (or was) sent to. */
  route: string | null;
  /** What the server returned that names the result (a lockout id…). */
  resultId: string | null;
  updatedAt: string;
};

export type OutboxFilter = {
  incidentId?: string;
  states?: readonly OutboxState[];
};

export type ActionAvailability = {
  kind: ActionKind;
  /** Short name, also the word typed to confirm a destructive action. */
  label: string;
  /** The server offers it now (discovered). */
  available: boolean;
  /**
   * `unknown`: not asked yet, or the server would not say (offline at
   * start): it can still be queued, and is checked before it is sent.
   * `absent`: refused when queued; do it by hand.
   * `not-configured`: no platform is set up; the engine would hold the
   * action until one is, but the console offers only the manual step.
   */
  capabilityState?: 'available' | 'absent' | 'unknown' | 'not-configured';
  /** The server capability it needs; null when the platform has none. */
  capability: AdminCapability | null;
  /** `POST /api/admin/…` when available. */
  route: string | null;
  /** Why unavailable, or how it was found. */
  reason: string;
  /** What to do by hand when the console cannot do it. */
  manualFallback: string;
  /** Global or destructive: reason and typed confirmation required. */
  destructive: boolean;
  /**
   * Whether the outbox can tell afterwards that it took effect; without
   * it an unanswered attempt is never resent without the commander.
   */
  readBack: boolean;
};

/**
 * Whether the commander may queue the action now: the server offers it, or
 * has not said yet (the outbox checks again before sending, and never
 * sends what turns out to be absent).
 */
export function canQueue(item: ActionAvailability): boolean {
  return item.available || item.capabilityState === 'unknown';
}

/** How the commander settles an action in state `unknown`. */
export type UnknownOutcome = 'took-effect' | 'did-not-take-effect';

function hasControlCode(value: string): boolean {
  return Array.from(value).some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
}

/** Text without control characters, long enough once blanks are left out. */
function text(min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((value) => value.trim().length >= min, {
      message: `must hold at least ${min} non-blank characters`,
    })
    .refine((value) => !hasControlCode(value), {
      message: 'may not hold control characters',
    });
}

/** An id the platform gave: one path segment, printable, no slash. */
const platformId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .refine((value) => !value.includes('/') && value !== '.' && value !== '..', {
    message: 'must be one path segment',
  });

/**
 * Address or range as typed; only its characters are checked here (the
 * Controls pane parses it fully, and refuses `0.0.0.0/0` and `::/0`).
 */
const addressText = z
  .string()
  .min(2)
  .max(64)
  .regex(
    /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/,
    'must be an IPv4/IPv6 address or CIDR',
  );

const reason = text(1, 500);

/**
 * Checks an action request as the outbox accepts it; the platform's own
 * limits where it states them (CONTRACT §4.1.5, §4.2.1, §4.7).
 */
export const actionRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lockdown'),
    reason: text(LOCKDOWN_REASON_LIMITS.min, LOCKDOWN_REASON_LIMITS.max),
  }),
  z.object({
    kind: z.literal('lockout-create'),
    reason: text(10, 255),
    message: text(10, 500),
    durationHours: z.int().min(1).max(168).nullable(),
    allowReadOnly: z.boolean(),
  }),
  z.object({ kind: z.literal('lockout-lift'), reason, lockoutId: platformId }),
  z.object({
    kind: z.literal('allowlist-add'),
    reason,
    address: addressText,
    description: text(1, 255).nullable(),
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
  }),
  z.object({
    kind: z.literal('allowlist-remove'),
    reason,
    entryId: platformId,
    address: addressText.nullable(),
  }),
  z.object({ kind: z.literal('address-block'), reason, address: addressText }),
  z.object({
    kind: z.literal('session-revoke'),
    reason,
    sessionId: platformId,
  }),
  z.object({ kind: z.literal('account-disable'), reason, userId: platformId }),
  z.object({ kind: z.literal('password-reset'), reason, userId: platformId }),
  z.object({
    kind: z.literal('admin-2fa-require'),
    reason,
    roleId: platformId.nullable(),
    tenantId: platformId.nullable(),
    gracePeriodDays: z.int().min(0).max(90),
  }),
]);

/** Compile-time check that the schema and the union agree. */
export type CheckedActionRequest = z.infer<typeof actionRequestSchema>;
