/**
 * From a 2xx answer to a checked value: the body must say it is JSON, must
 * parse, and must have the shape; otherwise a `bad-response` naming the
 * endpoint and the field (`GET /api/admin/security/events: [3].severity:
 * …`).
 */
import type {
  AdminApiError,
  AdminResponse,
  AdminResult,
} from './admin-client-types';
import { cleanText, isJsonMedia } from './answer-errors';
import type { Sent } from './request-pipeline';
import type { Checked } from './shape-check';

type Answered = Sent & { ok: true };

function badResponse(sent: Answered, problem: string): AdminResult<never> {
  const error: AdminApiError = {
    kind: 'bad-response',
    message: `${sent.endpoint}: ${problem}`,
    endpoint: sent.endpoint,
    status: sent.answer.status,
    mayHaveTakenEffect: true,
  };
  return { ok: false, error };
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function parseJsonText(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? cleanText(error.message, 120) : '';
    return { ok: false, problem: `the body is not valid JSON (${reason})` };
  }
}

function jsonOf(sent: Answered): Parsed {
  const { mediaType, bodyText } = sent.answer;
  if (bodyText === '') {
    return { ok: false, problem: '(body): expected JSON, got an empty body' };
  }
  if (!isJsonMedia(mediaType)) {
    const type = mediaType ?? 'no content type';
    return { ok: false, problem: `(body): expected JSON, got ${type}` };
  }
  return parseJsonText(bodyText);
}

/** A JSON read checked with `check`. */
export function decodeJson<T>(
  sent: Answered,
  check: (value: unknown) => Checked<T>,
): AdminResult<T> {
  const json = jsonOf(sent);
  if (!json.ok) return badResponse(sent, json.problem);
  const checked = check(json.value);
  if (!checked.ok) return badResponse(sent, checked.problem);
  return { ok: true, value: checked.value, receivedAt: sent.receivedAt };
}

/** Any 2xx answer to `request`: JSON parsed, text as text, empty as null. */
export function decodeAny(sent: Answered): AdminResult<AdminResponse> {
  const { status, contentType, mediaType, bodyText } = sent.answer;
  let body: unknown = bodyText === '' ? null : bodyText;
  if (bodyText !== '' && isJsonMedia(mediaType)) {
    const json = parseJsonText(bodyText);
    if (!json.ok) return badResponse(sent, json.problem);
    body = json.value;
  }
  const value = { status, contentType, body, bodyText, retries: sent.retries };
  return { ok: true, value, receivedAt: sent.receivedAt };
}
