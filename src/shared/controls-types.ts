/**
 * The Controls pane's guard rails as every process sees them: the
 * two-person rule's settings, the checks an address goes through, and
 * the inputs of the `controls:*` channels. The outbox itself is described
 * in outbox-types.ts.
 */
import { z } from 'zod';
import type {
  AdminSession,
  AllowlistEntry,
  EmergencyLockout,
} from './admin-api-types';
import { ACTION_KINDS, actionRequestSchema } from './outbox-types';
import type {
  ActionAvailability,
  ActionKind,
  ActionRequest,
  OutboxAction,
} from './outbox-types';

/** Someone set up in advance to confirm actions under the two-person rule. */
export type SecondPerson = {
  name: string;
  addedAt: string;
  addedBy: string;
};

export type ControlsSettings = {
  /** Destructive actions need a second person's passphrase. */
  twoPersonRule: boolean;
  secondPeople: SecondPerson[];
};

export type AddressWarningKind =
  'private' | 'loopback' | 'own-address' | 'link-local' | 'reserved';

export type AddressWarning = { kind: AddressWarningKind; message: string };

/** An address or range as the console understood it. */
export type AddressCheck = {
  /** Canonical form, `/32` and `/128` dropped for a single address. */
  normalised: string;
  version: 4 | 6;
  prefix: number;
  warnings: AddressWarning[];
};

export type ControlsOverview = {
  availability: ActionAvailability[];
  settings: ControlsSettings;
  /** Actions of this incident waiting to be sent or on the commander. */
  waiting: number;
};

export type QueuedAction = {
  action: OutboxAction;
  /** What the guard rails warned about and the commander accepted. */
  warnings: AddressWarning[];
};

/**
 * One list read from the platform, or why it could not be read (the
 * server does not offer it, the platform is unreachable, the token was
 * refused). Each list stands alone, so one missing route hides no other.
 */
export type PlatformPart<T> =
  | { available: true; items: T[]; readAt: string }
  | { available: false; reason: string };

/** What the platform holds now, read on demand and never stored. */
export type PlatformState = {
  allowlist: PlatformPart<AllowlistEntry>;
  sessions: PlatformPart<AdminSession>;
  lockouts: PlatformPart<EmergencyLockout>;
};

export type ManualRecord = {
  checklistItemId: string;
  entryId: string;
};

/** Kinds whose every use is global or destructive, whatever the server. */
export const ALWAYS_DESTRUCTIVE: readonly ActionKind[] = [
  'lockdown',
  'lockout-lift',
  'allowlist-remove',
  'account-disable',
  'admin-2fa-require',
];

/** The session id that stands for "every session" in a revoke. */
export const ALL_SESSIONS = '*';

/** Global or destructive: needs the reason and the typed confirmation. */
export function isDestructiveRequest(
  request: Pick<ActionRequest, 'kind'> & { sessionId?: string },
  availability: Pick<ActionAvailability, 'destructive'>,
): boolean {
  return (
    availability.destructive ||
    ALWAYS_DESTRUCTIVE.includes(request.kind) ||
    (request.kind === 'session-revoke' && request.sessionId === ALL_SESSIONS)
  );
}

export const SECOND_PERSON_NAME_LIMITS = { min: 1, max: 120 } as const;
export const PASSPHRASE_LIMITS = { min: 12, max: 1_024 } as const;

function isControlCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

const name = z
  .string()
  .trim()
  .min(SECOND_PERSON_NAME_LIMITS.min, 'must not be empty')
  .max(SECOND_PERSON_NAME_LIMITS.max)
  .refine((value) => ![...value].some(isControlCharacter), {
    message: 'must not contain control characters',
  });

const passphrase = z
  .string()
  .min(
    PASSPHRASE_LIMITS.min,
    `must be at least ${PASSPHRASE_LIMITS.min} characters`,
  )
  .max(PASSPHRASE_LIMITS.max);

const incidentId = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

const actor = z.string().min(1).max(120).optional();

export const secondPersonConfirmation = z
  .object({ name, passphrase: z.string().min(1).max(1_024) })
  .strict();

export const controlsInputs = {
  overview: z.object({ incidentId }).strict(),
  platformState: z.strictObject({ incidentId }),
  checkAddress: z.object({ address: z.string().min(1).max(100) }).strict(),
  queueAction: z
    .object({
      incidentId,
      request: actionRequestSchema,
      /** The action's name, typed out for a destructive action. */
      confirmation: z.string().max(100).optional(),
      secondPerson: secondPersonConfirmation.optional(),
      /** The commander saw the address warnings and goes on. */
      acceptWarnings: z.boolean().optional(),
      actor,
    })
    .strict(),
  listActions: z.object({ incidentId: incidentId.optional() }).strict(),
  actionRef: z.object({ actionId: z.string().min(1).max(64), actor }).strict(),
  cancel: z
    .object({
      actionId: z.string().min(1).max(64),
      reason: z.string().trim().min(1, 'must not be empty').max(500),
      actor,
    })
    .strict(),
  resolveUnknown: z
    .object({
      actionId: z.string().min(1).max(64),
      outcome: z.enum(['took-effect', 'did-not-take-effect']),
      actor,
    })
    .strict(),
  recordManual: z
    .object({
      incidentId,
      kind: z.enum(ACTION_KINDS),
      /** What it is aimed at (an address, an account), as typed. */
      target: z.string().trim().max(200).optional(),
      reason: z.string().trim().min(1, 'must not be empty').max(500),
      actor,
    })
    .strict(),
  setTwoPersonRule: z
    .object({
      enabled: z.boolean(),
      /** Needed to turn the rule off while it is on. */
      secondPerson: secondPersonConfirmation.optional(),
      actor,
    })
    .strict(),
  addSecondPerson: z.object({ name, passphrase, actor }).strict(),
};
