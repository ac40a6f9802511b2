/**
 * How the timeline words the outbox's journal entries: what was asked,
 * what was sent (method and path, never the token), what the platform
 * answered and each change of state, with who did it.
 */
import type { JsonObject, JsonValue } from './journal-types';

export const ACTION_ENTRY_KINDS = {
  actionRequested: 'action.requested',
  actionSent: 'action.sent',
  actionAnswered: 'action.answered',
  actionReadBack: 'action.read-back',
  actionStateChanged: 'action.state-changed',
} as const;

function field(payload: JsonObject, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

function numberField(payload: JsonObject, key: string): number | null {
  const value = payload[key];
  return typeof value === 'number' ? value : null;
}

function objectField(value: JsonValue | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? value
    : {};
}

/** `allowlist-add` → `allowlist add`. */
function actionName(payload: JsonObject): string {
  return (field(payload, 'label') || field(payload, 'action')).replaceAll(
    '-',
    ' ',
  );
}

/** The target of a request, when it has one (address, id). */
function targetOf(request: JsonObject): string {
  const keys = ['address', 'lockoutId', 'entryId', 'sessionId', 'userId'];
  const key = keys.find((k) => typeof request[k] === 'string');
  return key === undefined ? '' : ` ${String(request[key])}`;
}

function describeRequested(payload: JsonObject): string {
  const request = objectField(payload.request);
  const second = field(payload, 'secondPerson');
  const confirmed = second ? `, confirmed by ${second}` : '';
  const offline = payload.queuedOffline === true ? ' while offline' : '';
  return (
    `Action requested: ${actionName(payload)}${targetOf(request)}` +
    `${offline}${confirmed} (reason: ${field(request, 'reason')})`
  );
}

function describeAnswered(payload: JsonObject): string {
  const status = numberField(payload, 'status');
  const heard = status === null ? 'no answer' : `HTTP ${status}`;
  const words = field(payload, 'answer');
  return (
    `Platform answered ${actionName(payload)}: ${heard}` +
    `${words ? ` (${words})` : ''} → ${field(payload, 'state')}`
  );
}

/** Wording for outbox entries; null for other kinds. */
export function describeOutboxEntry(
  kind: string,
  payload: JsonObject,
): string | null {
  switch (kind) {
    case ACTION_ENTRY_KINDS.actionRequested:
      return describeRequested(payload);
    case ACTION_ENTRY_KINDS.actionSent:
      return (
        `Action sent: ${actionName(payload)} as ${field(payload, 'endpoint')}` +
        ` (attempt ${numberField(payload, 'attempt') ?? '?'})`
      );
    case ACTION_ENTRY_KINDS.actionAnswered:
      return describeAnswered(payload);
    case ACTION_ENTRY_KINDS.actionReadBack:
      return (
        `Platform state checked for ${actionName(payload)}: ` +
        `${field(payload, 'summary')} → ${field(payload, 'state')}`
      );
    case ACTION_ENTRY_KINDS.actionStateChanged:
      return (
        `Action ${actionName(payload)} ${field(payload, 'from')} → ` +
        `${field(payload, 'to')}: ${field(payload, 'reason')}`
      );
    default:
      return null;
  }
}
