/**
 * The token never reaches a caller in an error, a body or a log line, even
 * when a server repeats it back: wherever it appears it becomes `[token]`.
 */
import type { AdminApiError } from './admin-client-types';
import type { Exchange } from './http-exchange';

export function scrub(text: string, token: string): string {
  if (token === '' || !text.includes(token)) return text;
  return text.replaceAll(token, '[token]');
}

export function scrubError(error: AdminApiError, token: string): AdminApiError {
  const fields =
    error.fields &&
    Object.fromEntries(
      Object.entries(error.fields).map(([field, message]) => [
        scrub(field, token),
        scrub(message, token),
      ]),
    );
  const serverMessage =
    error.serverMessage && scrub(error.serverMessage, token);
  return {
    ...error,
    message: scrub(error.message, token),
    endpoint: scrub(error.endpoint, token),
    ...(serverMessage === undefined ? {} : { serverMessage }),
    ...(fields === undefined ? {} : { fields }),
  };
}

export function scrubExchange(result: Exchange, token: string): Exchange {
  if (!result.ok || !result.answer.bodyText.includes(token)) return result;
  const bodyText = scrub(result.answer.bodyText, token);
  return { ok: true, answer: { ...result.answer, bodyText } };
}
