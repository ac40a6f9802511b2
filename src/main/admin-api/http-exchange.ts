/**
 * One HTTP exchange with Node's global fetch (undici), which never
 * rejects: a whole answer (status, headers, body text), or a transport
 * failure saying what happened and whether the request may have reached
 * the server. Redirects are not followed here. The deadline covers the
 * whole exchange, body included, and is wall time (a socket deadline), so
 * a manual clock in tests cannot fire it while the server is answering.
 */

export type HttpAnswer = {
  status: number;
  headers: Headers;
  /** Lower-case media type without parameters, or null. */
  mediaType: string | null;
  contentType: string | null;
  bodyText: string;
};

export type TransportFailureReason =
  | 'refused'
  | 'dns'
  | 'unreachable'
  | 'tls'
  | 'reset'
  | 'timeout'
  | 'cut'
  | 'too-large'
  | 'closed'
  | 'network';

export type TransportFailure = {
  reason: TransportFailureReason;
  /** False only when the request certainly never reached the server. */
  mayHaveReachedServer: boolean;
  /** The system error code, when there is one (`ECONNRESET`). */
  code: string | null;
  /** Set when the failure came while the body was arriving. */
  status: number | null;
};

export type Exchange =
  { ok: true; answer: HttpAnswer } | { ok: false; failure: TransportFailure };

export type ExchangeRequest = {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Aborted when the client closes. */
  closing: AbortSignal;
};

/** Bodies past this size are not read (no admin answer comes near it). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const TIMED_OUT = Symbol('timed out');
const CLOSED = Symbol('closed');

class BodyTooLarge extends Error {}

async function readBodyText(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

function mediaTypeOf(contentType: string | null): string | null {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type ? type : null;
}

const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const UNREACHABLE = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const DROPPED = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/;

function errorCode(error: unknown): string | null {
  for (let at = error, depth = 0; at && depth < 4; depth += 1) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    at = (at as { cause?: unknown }).cause;
  }
  return null;
}

function failureOf(
  error: unknown,
  aborted: unknown,
  status: number | null,
): TransportFailure {
  const code = errorCode(error);
  const failure = (reason: TransportFailureReason, reached = true) => ({
    reason,
    mayHaveReachedServer: reached || status !== null,
    code,
    status,
  });
  if (aborted === TIMED_OUT) return failure('timeout');
  if (aborted === CLOSED) return failure('closed');
  if (error instanceof BodyTooLarge) return failure('too-large');
  if (code !== null && REFUSED.has(code)) return failure('refused', false);
  if (code !== null && DNS.has(code)) return failure('dns', false);
  if (code !== null && UNREACHABLE.has(code)) {
    return failure('unreachable', false);
  }
  if (code !== null && TLS_CODE.test(code)) return failure('tls', false);
  if (status !== null) return failure('cut');
  if (code !== null && DROPPED.has(code)) return failure('reset');
  return failure('network');
}

export async function exchange(request: ExchangeRequest): Promise<Exchange> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(TIMED_OUT),
    request.timeoutMs,
  );
  const onClosing = () => controller.abort(CLOSED);
  if (request.closing.aborted) onClosing();
  request.closing.addEventListener('abort', onClosing, { once: true });
  let status: number | null = null;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    status = response.status;
    const bodyText = await readBodyText(response);
    const contentType = response.headers.get('content-type');
    const mediaType = mediaTypeOf(contentType);
    const { headers } = response;
    return {
      ok: true,
      answer: { status, headers, contentType, mediaType, bodyText },
    };
  } catch (error) {
    const aborted = controller.signal.aborted ? controller.signal.reason : null;
    return { ok: false, failure: failureOf(error, aborted, status) };
  } finally {
    clearTimeout(timer);
    request.closing.removeEventListener('abort', onClosing);
  }
}
