import { AppFailure, type ErrorKind } from '../../shared/result';
import type {
  AdminApiError,
  AdminErrorKind,
} from '../admin-api/admin-client-types';
import { describeError } from './connection-state';

/**
 * The result kind a failed admin-API call becomes across IPC. Refusals
 * are `forbidden`, a route the platform lacks `not-found`; a platform that
 * did not answer usefully (down, slow, throttling, 5xx, a body no variant
 * allows) is `unavailable`, with the client's message saying which.
 */
const KIND_FOR: Record<AdminErrorKind, ErrorKind> = {
  'not-configured': 'invalid-input',
  validation: 'invalid-input',
  unauthorised: 'forbidden',
  forbidden: 'forbidden',
  'network-rejected': 'forbidden',
  'not-deployed': 'not-found',
  'not-found': 'not-found',
  'rate-limited': 'unavailable',
  'server-error': 'unavailable',
  timeout: 'unavailable',
  offline: 'unavailable',
  'bad-response': 'unavailable',
};

/** An AppFailure for a failed call; `what` says what was being done. */
export function adminFailure(what: string, error: AdminApiError): AppFailure {
  return new AppFailure(
    KIND_FOR[error.kind],
    `${what} failed (${error.kind}): ${describeError(error)}`,
  );
}
