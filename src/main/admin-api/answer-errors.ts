/**
 * Turning what went wrong into an AdminApiError: a non-2xx answer (CONTRACT
 * §3.5: JSON `{"detail"}` from routes, plain text from the middleware and
 * uncaught exceptions, HTML from proxies), or a transport failure. Bodies
 * are read as the content type says; nothing is parsed blindly.
 */
import { z } from 'zod';
import type { AdminApiError } from './admin-client-types';
import type { HttpAnswer, TransportFailure } from './http-exchange';

const SERVER_WORDS_LIMIT = 300;

/** C0 and C1 control characters. */
export function isControlCode(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Control characters out, whitespace folded, cut to `limit`. */
export function cleanText(text: string, limit = SERVER_WORDS_LIMIT): string {
  const visible = Array.from(text, (char) =>
    isControlCode(char.charCodeAt(0)) ? ' ' : char,
  ).join('');
  const folded = visible.replace(/\s+/g, ' ').trim();
  return folded.length > limit ? `${folded.slice(0, limit)}…` : folded;
}

export function isJsonMedia(mediaType: string | null): boolean {
  return (
    mediaType === 'application/json' ||
    (mediaType?.startsWith('application/') === true &&
      mediaType.endsWith('+json'))
  );
}

/** The body as JSON when the content type says so and it parses. */
export function jsonBodyOf(answer: HttpAnswer): unknown {
  if (!isJsonMedia(answer.mediaType) || answer.bodyText === '') {
    return undefined;
  }
  try {
    return JSON.parse(answer.bodyText);
  } catch {
    return undefined;
  }
}

const detailShape = z.object({ detail: z.string() });

/** A JSON `{"detail": "…"}` string, cleaned. */
function jsonDetail(answer: HttpAnswer): string | undefined {
  const detail = detailShape.safeParse(jsonBodyOf(answer));
  return detail.success
    ? cleanText(detail.data.detail) || undefined
    : undefined;
}

/** The server's own words: a JSON `detail` string, or plain text. */
export function serverWords(answer: HttpAnswer): string | undefined {
  const detail = jsonDetail(answer);
  if (detail !== undefined) return detail;
  if (answer.mediaType === 'text/plain') {
    return cleanText(answer.bodyText) || undefined;
  }
  return undefined;
}

const platformValidation = z.object({
  error: z.object({
    additional_info: z.object({ fields: z.record(z.string(), z.string()) }),
  }),
});

const fastApiValidation = z.object({
  detail: z.array(
    z.object({
      loc: z.array(z.union([z.string(), z.int()])),
      msg: z.string(),
    }),
  ),
});

/** `{"<loc>": "<message>"}` from either 422 format, cleaned. */
export function validationFields(
  json: unknown,
): Record<string, string> | undefined {
  const platform = platformValidation.safeParse(json);
  const pairs = platform.success
    ? Object.entries(platform.data.error.additional_info.fields)
    : fastApiValidation
        .safeParse(json)
        .data?.detail.map((item): [string, string] => [
          item.loc.join('.'),
          item.msg,
        ]);
  if (pairs === undefined || pairs.length === 0) return undefined;
  return Object.fromEntries(
    pairs.map(([loc, message]) => [cleanText(loc, 120), cleanText(message)]),
  );
}

const MAX_RETRY_AFTER_SECONDS = 7 * 24 * 3600;

/** `Retry-After` as seconds from now: a number of seconds or an HTTP date. */
export function retryAfterSeconds(
  value: string | null,
  nowMicros: number,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) {
    return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  }
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const seconds = Math.ceil((at - nowMicros / 1000) / 1000);
  return Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_SECONDS);
}

type Draft = Omit<AdminApiError, 'endpoint' | 'status'>;

const said = (words: string | undefined) =>
  words === undefined ? '' : ` (the server said: "${words}")`;

/** The two IP gates and the Host gate of CONTRACT §3.3, by their bodies. */
function forbiddenDraft(words: string | undefined): Draft {
  const text = words?.toLowerCase() ?? '';
  const gate = (name: string) => ({
    kind: 'network-rejected' as const,
    message: `refused by the platform's ${name}${said(words)}`,
  });
  if (text.startsWith('access denied for this domain')) {
    return gate('Host gate: this server name is not on its list of hosts');
  }
  if (text.startsWith('access denied from this ip address')) {
    return gate(
      "ADMIN_ALLOWED_IPS gate: this console's IP address is not in that setting",
    );
  }
  if (text.startsWith('access denied: ip not allowed')) {
    return gate(
      "database IP allowlist gate: this console's address is not on the allowlist",
    );
  }
  if (text.startsWith('admin role required')) {
    return {
      kind: 'forbidden',
      message: `the token lacks the admin role${said(words)}`,
    };
  }
  return {
    kind: 'forbidden',
    message: `the token's role may not do this${said(words)}`,
  };
}

function rateLimitedDraft(answer: HttpAnswer, nowMicros: number): Draft {
  const header = answer.headers.get('retry-after');
  const wait = retryAfterSeconds(header, nowMicros);
  const after = wait === undefined ? '' : `; retry after ${wait} s`;
  return {
    kind: 'rate-limited',
    message: `rate limited by the platform${after}${said(serverWords(answer))}`,
    retryAfterSeconds: wait,
  };
}

function refusedDraft(answer: HttpAnswer): Draft {
  const { status } = answer;
  const fields =
    status === 422 ? validationFields(jsonBodyOf(answer)) : undefined;
  const listed = fields
    ? `: ${Object.entries(fields)
        .map(([loc, message]) => `${loc}: ${message}`)
        .join('; ')}`
    : said(serverWords(answer));
  return {
    kind: 'validation',
    message: `the server refused the request (${status})${listed}`,
    fields,
  };
}

const NOT_DEPLOYED = 'capability not deployed on this server';

/**
 * A 404 from the router (`{"detail": "Not Found"}`, or not JSON) means the
 * route is not there; one from a handler, with its own detail, means the
 * thing asked for is not.
 */
function clientErrorDraft(answer: HttpAnswer, nowMicros: number): Draft {
  const { status } = answer;
  const words = serverWords(answer);
  const detail = jsonDetail(answer);
  if (status === 401) {
    return { kind: 'unauthorised', message: `token rejected${said(words)}` };
  }
  if (status === 403) return forbiddenDraft(words);
  if (status === 404 && detail !== undefined && detail !== 'Not Found') {
    return { kind: 'not-found', message: `not found${said(words)}` };
  }
  if (status === 404 || status === 405) {
    return { kind: 'not-deployed', message: `${NOT_DEPLOYED} (${status})` };
  }
  if (status === 408) {
    return { kind: 'timeout', message: 'the server gave up waiting (408)' };
  }
  if (status === 429) return rateLimitedDraft(answer, nowMicros);
  return refusedDraft(answer);
}

function draftOf(answer: HttpAnswer, nowMicros: number): Draft {
  const { status } = answer;
  if (status >= 400 && status < 500) return clientErrorDraft(answer, nowMicros);
  if (status >= 500 && status < 600) {
    const words = serverWords(answer);
    return {
      kind: 'server-error',
      message: `server error (${status})${said(words)}`,
    };
  }
  return { kind: 'bad-response', message: `unexpected HTTP status ${status}` };
}

/** The error for an answer that is not a 2xx. */
export function answerError(
  endpoint: string,
  answer: HttpAnswer,
  nowMicros: number,
): AdminApiError {
  const draft = draftOf(answer, nowMicros);
  const words = serverWords(answer);
  return {
    ...draft,
    message: `${endpoint}: ${draft.message}`,
    endpoint,
    status: answer.status,
    ...(words === undefined ? {} : { serverMessage: words }),
    mayHaveTakenEffect: answer.status >= 500,
  };
}

/** A request refused before sending, naming each field that is wrong. */
export function fieldsError(
  endpoint: string,
  fields: Record<string, string>,
): AdminApiError {
  const listed = Object.entries(fields).map(([f, m]) => `${f} ${m}`);
  return {
    kind: 'validation',
    message: `${endpoint}: ${listed.join('; ')}`,
    endpoint,
    status: null,
    fields,
    mayHaveTakenEffect: false,
  };
}

const FAILURE_TEXT: Record<TransportFailure['reason'], string> = {
  refused: 'connection refused: nothing is listening at that address',
  dns: 'the host name could not be resolved (DNS)',
  unreachable: 'the server could not be reached (host or network down)',
  tls: 'the TLS connection failed',
  reset: 'the connection was dropped before an answer arrived',
  timeout: 'no complete answer in time',
  cut: 'the answer was cut off before the whole body arrived',
  'too-large': 'the answer is too large to read',
  closed: 'the admin client was closed',
  network: 'the network request failed',
};

/** The error for a request that got no whole answer. */
export function transportError(
  endpoint: string,
  failure: TransportFailure,
  timeoutMs: number,
): AdminApiError {
  const { reason, code, status } = failure;
  const kind =
    reason === 'timeout'
      ? 'timeout'
      : reason === 'cut' || reason === 'too-large'
        ? 'bad-response'
        : 'offline';
  const extra =
    reason === 'timeout'
      ? ` (${timeoutMs} ms)`
      : code === null
        ? ''
        : ` (${cleanText(code, 40)})`;
  const after = status === null ? '' : ` after HTTP ${status}`;
  return {
    kind,
    message: `${endpoint}: ${FAILURE_TEXT[reason]}${extra}${after}`,
    endpoint,
    status,
    mayHaveTakenEffect: failure.mayHaveReachedServer,
  };
}
