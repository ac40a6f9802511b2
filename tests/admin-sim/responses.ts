/**
 * Responses as values, so faults can rewrite them before a byte is sent.
 * Error bodies follow CONTRACT §3.5: JSON `{"detail": …}` from handlers and
 * the router, plain text from the platform's middleware and from uncaught
 * exceptions.
 */

export type SimBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string; contentType: string }
  | { kind: 'none' };

export type SimResponse = {
  status: number;
  headers: Record<string, string>;
  body: SimBody;
};

export const TEXT_PLAIN = 'text/plain; charset=utf-8';

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return { status, headers, body: { kind: 'json', value } };
}

export function text(
  status: number,
  message: string,
  headers: Record<string, string> = {},
  contentType = TEXT_PLAIN,
): SimResponse {
  return {
    status,
    headers,
    body: { kind: 'text', text: message, contentType },
  };
}

export function noContent(): SimResponse {
  return { status: 204, headers: {}, body: { kind: 'none' } };
}

/** FastAPI's `HTTPException` body. */
export function detail(status: number, message: string): SimResponse {
  return json(status, { detail: message });
}

export function notFound(): SimResponse {
  return detail(404, 'Not Found');
}

export function methodNotAllowed(allowed: string[]): SimResponse {
  return json(
    405,
    { detail: 'Method Not Allowed' },
    { allow: allowed.join(', ') },
  );
}

/** Starlette's answer to an exception nothing handled (production mode). */
export function internalServerError(): SimResponse {
  return text(500, 'Internal Server Error');
}

/** The platform's custom handler for request validation (CONTRACT §3.5). */
export function validationFailed(fields: Record<string, string>): SimResponse {
  return json(422, {
    detail: 'Request validation failed',
    error: { code: 'VALIDATION_ERROR', additional_info: { fields } },
  });
}

export function redirect(status: 307, location: string): SimResponse {
  return { status, headers: { location }, body: { kind: 'none' } };
}
