/**
 * What a request must be before it may go out: a path below the base URL
 * that cannot leave it, finite query values, a JSON body that serialises,
 * a token a header can carry and that is not in the URL, a printable
 * idempotency key. Anything else is refused, naming what is wrong, and
 * nothing is sent.
 */
import type {
  AdminApiError,
  AdminMethod,
  QueryValue,
  RequestPriority,
} from './admin-client-types';
import { isControlCode } from './answer-errors';

export type SendSpec = {
  method: AdminMethod;
  /** Below the base URL, starting with `/`, no query string. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON when not undefined. */
  body?: unknown;
  priority: RequestPriority;
  idempotencyKey?: string;
  /** Default true; probes look at a redirect instead. */
  followRedirect?: boolean;
};

export type PreparedRequest = {
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  token: string;
};

export type Refusal = { refused: AdminApiError };

const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function refusal(
  endpoint: string,
  kind: AdminApiError['kind'],
  message: string,
): Refusal {
  return {
    refused: {
      kind,
      message: `${endpoint}: ${message}`,
      endpoint,
      status: null,
      mayHaveTakenEffect: false,
    },
  };
}

function pathProblem(path: string): string | null {
  if (!path.startsWith('/') || path.startsWith('//')) {
    return 'the path must start with a single "/"';
  }
  const unsafe = Array.from(path).some(
    (char) => '?#\\ '.includes(char) || isControlCode(char.charCodeAt(0)),
  );
  if (unsafe) {
    return 'the path may not hold "?", "#", "\\", spaces or control characters';
  }
  const segments = path.split('/');
  if (segments.some((s) => s === '.' || s === '..')) {
    return 'the path may not hold "." or ".." segments';
  }
  return null;
}

function queryString(query: Record<string, QueryValue> = {}): string | null {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    pairs.push([name, String(value)]);
  }
  return new URLSearchParams(pairs).toString();
}

/** The URL to send to, always on the base URL's origin and below its path. */
function targetOf(base: URL, spec: SendSpec): URL | string {
  const problem = pathProblem(spec.path);
  if (problem !== null) return problem;
  const search = queryString(spec.query);
  if (search === null) return 'a query value is not a finite number';
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${prefix}${spec.path}`);
  url.search = search;
  return url.origin === base.origin ? url : 'the path leaves the server';
}

function decodedHref(url: URL): string {
  try {
    return decodeURIComponent(url.href);
  } catch {
    return url.href;
  }
}

function tokenProblem(token: string, url: URL): string | null {
  if (!HEADER_SAFE.test(token)) {
    return 'the admin token holds characters a header cannot carry';
  }
  if (decodedHref(url).includes(token) || url.href.includes(token)) {
    return 'the token may not appear in the URL';
  }
  return null;
}

function jsonText(body: unknown): string | undefined | null {
  if (body === undefined) return undefined;
  try {
    return JSON.stringify(body) ?? null;
  } catch {
    return null;
  }
}

function headersOf(token: string, body: string | undefined, key?: string) {
  return {
    authorization: `Bearer ${token}`,
    accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(key === undefined ? {} : { 'idempotency-key': key }),
  };
}

export type PreparationInput = {
  base: URL | null;
  token: string | null;
  closed: boolean;
};

export function prepareRequest(
  input: PreparationInput,
  spec: SendSpec,
  endpoint: string,
): PreparedRequest | Refusal {
  const { base, token } = input;
  if (input.closed) {
    return refusal(endpoint, 'offline', 'the admin client was closed');
  }
  if (base === null) {
    const problem = 'the base URL is not an http(s) URL without credentials';
    return refusal(endpoint, 'not-configured', problem);
  }
  const url = targetOf(base, spec);
  if (typeof url === 'string') return refusal(endpoint, 'validation', url);
  if (!token) {
    return refusal(endpoint, 'not-configured', 'no admin token is set');
  }
  const problem = tokenProblem(token, url);
  if (problem !== null) {
    const kind = problem.includes('URL') ? 'validation' : 'not-configured';
    return refusal(endpoint, kind, problem);
  }
  const body = jsonText(spec.body);
  if (body === null) {
    return refusal(endpoint, 'validation', 'the body cannot be sent as JSON');
  }
  const key = spec.idempotencyKey;
  if (key !== undefined && (!HEADER_SAFE.test(key) || key.length > 200)) {
    const message = 'the idempotency key must be 1-200 printable characters';
    return refusal(endpoint, 'validation', message);
  }
  return { url, headers: headersOf(token, body, key), body, token };
}
