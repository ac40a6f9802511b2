import { ALL_SESSIONS } from '../../../shared/controls-types';
import {
  LOCKDOWN_REASON_LIMITS,
  type ActionKind,
  type ActionRequest,
} from '../../../shared/outbox-types';

export type FieldSpec = {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'checkbox';
  required: boolean;
  hint?: string;
  maxLength?: number;
};

export type FieldValues = Record<string, string | boolean>;

const ADDRESS_HINT =
  'IPv4 or IPv6 address, or a CIDR range like 203.0.113.0/24';

/** What each kind of action asks for, besides its reason. */
export const ACTION_FIELDS: Record<ActionKind, FieldSpec[]> = {
  lockdown: [],
  'lockout-create': [
    {
      name: 'message',
      label: 'Message shown to users',
      type: 'textarea',
      required: true,
      maxLength: 500,
    },
    {
      name: 'durationHours',
      label: 'Duration in hours (1-168, empty for none)',
      type: 'number',
      required: false,
    },
    {
      name: 'allowReadOnly',
      label: 'Allow read-only access',
      type: 'checkbox',
      required: false,
    },
  ],
  'lockout-lift': [
    { name: 'lockoutId', label: 'Lockout id', type: 'text', required: true },
  ],
  'allowlist-add': [
    {
      name: 'address',
      label: 'Address or range to allow',
      type: 'text',
      required: true,
      hint: ADDRESS_HINT,
    },
    {
      name: 'description',
      label: 'Description',
      type: 'text',
      required: false,
      maxLength: 255,
    },
  ],
  'allowlist-remove': [
    { name: 'entryId', label: 'Entry id', type: 'text', required: true },
    {
      name: 'address',
      label: 'Its address or range (for the record)',
      type: 'text',
      required: false,
    },
  ],
  'address-block': [
    {
      name: 'address',
      label: 'Address or range to block',
      type: 'text',
      required: true,
      hint: ADDRESS_HINT,
    },
  ],
  'session-revoke': [
    {
      name: 'sessionId',
      label: 'Session id',
      type: 'text',
      required: true,
      hint: `${ALL_SESSIONS} revokes every session`,
    },
  ],
  'account-disable': [
    { name: 'userId', label: 'User id', type: 'text', required: true },
  ],
  'password-reset': [
    { name: 'userId', label: 'User id', type: 'text', required: true },
  ],
  'admin-2fa-require': [
    {
      name: 'gracePeriodDays',
      label: 'Grace period in days (0-90)',
      type: 'number',
      required: true,
    },
  ],
};

export function reasonLimits(kind: ActionKind): { min: number; max: number } {
  if (kind === 'lockdown') return LOCKDOWN_REASON_LIMITS;
  // The platform's lockout schema: reason 10-255.
  if (kind === 'lockout-create') return { min: 10, max: 255 };
  return { min: 1, max: 500 };
}

function textOf(values: FieldValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value.trim() : '';
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

function numberOf(values: FieldValues, name: string): number | null {
  const text = textOf(values, name);
  return text === '' ? null : Number(text);
}

/** The request the form describes; main checks it again in full. */
export function buildRequest(
  kind: ActionKind,
  reason: string,
  values: FieldValues,
): ActionRequest {
  const text = (name: string) => textOf(values, name);
  switch (kind) {
    case 'lockdown':
      return { kind, reason };
    case 'lockout-create':
      return {
        kind,
        reason,
        message: text('message'),
        durationHours: numberOf(values, 'durationHours'),
        allowReadOnly: values.allowReadOnly === true,
      };
    case 'lockout-lift':
      return { kind, reason, lockoutId: text('lockoutId') };
    case 'allowlist-add':
      return {
        kind,
        reason,
        address: text('address'),
        description: orNull(text('description')),
        expiresAt: null,
      };
    case 'allowlist-remove':
      return {
        kind,
        reason,
        entryId: text('entryId'),
        address: orNull(text('address')),
      };
    case 'address-block':
      return { kind, reason, address: text('address') };
    case 'session-revoke':
      return { kind, reason, sessionId: text('sessionId') };
    case 'account-disable':
    case 'password-reset':
      return { kind, reason, userId: text('userId') };
    case 'admin-2fa-require':
      return {
        kind,
        reason,
        roleId: null,
        tenantId: null,
        gracePeriodDays: numberOf(values, 'gracePeriodDays') ?? 0,
      };
  }
}

/** What the action is aimed at, for a manual record. */
export function targetOf(values: FieldValues): string {
  for (const name of [
    'address',
    'userId',
    'sessionId',
    'lockoutId',
    'entryId',
  ]) {
    const text = textOf(values, name);
    if (text) return text;
  }
  return '';
}
