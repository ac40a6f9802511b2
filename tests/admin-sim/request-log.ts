/**
 * Every request the simulated API received (control requests excepted),
 * so tests can assert exactly what a client sent. The bearer token itself
 * is never kept: only whether it matched and a short hash of it.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FaultKind } from './faults';
import type { RouteId, RouteMode, SimRequest } from './route-types';
import { WRITE_METHODS } from './route-types';

export type AuthorizationSummary = {
  present: boolean;
  /** `Bearer <token>` form. */
  bearer: boolean;
  /** The presented token is the simulator's main token. */
  matchesToken: boolean;
  /** The presented token is any token the simulator knows. */
  knownToken: boolean;
  /** First 16 hex digits of SHA-256 of the presented token. */
  tokenSha256: string | null;
};

export type RecordedRequest = {
  seq: number;
  /** Wall-clock time of arrival, ISO 8601. */
  receivedAt: string;
  method: string;
  /** Decoded path, without the query string. */
  path: string;
  /** The raw query string, `?` included (empty when none). */
  search: string;
  /** Query values; the last wins when a name repeats (as the platform). */
  query: Record<string, string>;
  /** Lower-case names; `authorization`, `cookie` shown as `[redacted]`. */
  headers: Record<string, string>;
  authorization: AuthorizationSummary;
  bodyText: string;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  bodyJson: unknown;
  /** The route the path matched, whatever its mode; null for none. */
  route: RouteId | null;
  routeMode: RouteMode | null;
  /** Set once answered: the status sent, or null when the connection was
   * reset or cut (then `fault` says which). */
  status: number | null;
  fault: FaultKind | null;
};

export type RequestLog = {
  all(): readonly RecordedRequest[];
  /** POST, PUT, PATCH and DELETE requests. */
  writes(): RecordedRequest[];
  forRoute(route: RouteId): RecordedRequest[];
  clear(): void;
};

export type RequestRecorder = RequestLog & {
  record(request: SimRequest, tokens: TokenCheck): RecordedRequest;
};

export type TokenCheck = { main: string; known: ReadonlySet<string> };

const REDACTED = new Set(['authorization', 'cookie', 'proxy-authorization']);

function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(', ') : value;
    shown[name] = REDACTED.has(name) ? '[redacted]' : joined;
  }
  return shown;
}

function summarise(
  headers: IncomingHttpHeaders,
  tokens: TokenCheck,
): AuthorizationSummary {
  const value = headers.authorization;
  const bearer = value?.startsWith('Bearer ') ?? false;
  const token =
    value === undefined ? null : bearer ? value.slice('Bearer '.length) : value;
  const digest =
    token === null
      ? null
      : createHash('sha256').update(token).digest('hex').slice(0, 16);
  return {
    present: value !== undefined,
    bearer,
    matchesToken: bearer && token === tokens.main,
    knownToken: bearer && token !== null && tokens.known.has(token),
    tokenSha256: digest,
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createRequestRecorder(): RequestRecorder {
  let entries: RecordedRequest[] = [];
  return {
    record(request, tokens) {
      const entry: RecordedRequest = {
        seq: request.seq,
        receivedAt: new Date().toISOString(),
        method: request.method,
        path: request.path,
        search: request.search,
        query: Object.fromEntries(request.query),
        headers: redactHeaders(request.headers),
        authorization: summarise(request.headers, tokens),
        bodyText: request.bodyText,
        bodyJson: parseJson(request.bodyText),
        route: null,
        routeMode: null,
        status: null,
        fault: null,
      };
      entries.push(entry);
      return entry;
    },
    all: () => entries,
    writes: () => entries.filter((entry) => WRITE_METHODS.has(entry.method)),
    forRoute: (route) => entries.filter((entry) => entry.route === route),
    clear: () => void (entries = []),
  };
}
