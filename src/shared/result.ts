/**
 * Results cross process boundaries instead of exceptions: a handler either
 * returns a value or an error whose `kind` the UI can branch on.
 */
export type ErrorKind =
  | 'invalid-input'
  | 'not-found'
  | 'search-syntax'
  /** Refused by a rule the commander may override with a reason. */
  | 'blocked'
  | 'storage'
  /** Evidence or a journal failed an integrity check (tampering). */
  | 'integrity'
  /** The admin API could not be reached or did not answer usefully. */
  | 'unavailable'
  /** Stopped on request before anything was saved. */
  | 'cancelled'
  | 'forbidden'
  | 'internal';

export type AppError = { kind: ErrorKind; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(kind: ErrorKind, message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}

/** Thrown inside main-process services; converted to a Result at the edge. */
export class AppFailure extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = 'AppFailure';
    this.kind = kind;
  }
}
