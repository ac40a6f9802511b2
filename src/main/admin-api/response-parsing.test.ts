import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEpochMicros } from '../../shared/timestamps';
import {
  answerError,
  cleanText,
  retryAfterSeconds,
  validationFields,
} from './answer-errors';
import type { HttpAnswer } from './http-exchange';
import { platformTimeToUtc, utcToNaive } from './platform-time';
import { eventShape, healthShape, lockoutShape } from './response-shapes';
import { checkList, checkShape } from './shape-check';

describe('platform times', () => {
  it.each([
    ['2025-01-20T10:31:27.641093Z', '2025-01-20T10:31:27.641093Z'],
    ['2025-01-20T10:31:27.641093+00:00', '2025-01-20T10:31:27.641093Z'],
    ['2025-01-20T10:31:27.650118', '2025-01-20T10:31:27.650118Z'],
    ['2025-01-20 10:05:11.402113+00:00', '2025-01-20T10:05:11.402113Z'],
    ['2025-01-20 10:05:11', '2025-01-20T10:05:11.000000Z'],
    ['2025-01-21T10:31:00+00:00', '2025-01-21T10:31:00.000000Z'],
    ['2025-01-20T12:31:27.5+02:00', '2025-01-20T10:31:27.500000Z'],
  ])('reads %s as %s', (text, utc) => {
    expect(platformTimeToUtc(text)).toBe(utc);
  });

  it.each([
    '2025-02-30T10:00:00Z',
    '2025-01-20',
    '2025-01-20T10:31Z',
    '2025-01-20T10:31:27.1234567Z',
    '1737369087',
    'yesterday',
    ' 2025-01-20T10:31:27Z',
  ])('refuses %s', (text) => {
    expect(platformTimeToUtc(text)).toBeNull();
  });

  it('round-trips every instant in all four styles', () => {
    const instant = fc.integer({
      min: Date.UTC(1990, 0, 1) * 1000,
      max: Date.UTC(2090, 0, 1) * 1000,
    });
    fc.assert(
      fc.property(instant, (micros) => {
        const utc = formatEpochMicros(micros);
        const naive = utc.slice(0, 26);
        const styles = [
          utc,
          `${naive}+00:00`,
          naive,
          `${naive.replace('T', ' ')}+00:00`,
        ];
        for (const text of styles) expect(platformTimeToUtc(text)).toBe(utc);
        expect(utcToNaive(utc)).toBe(naive);
      }),
      { numRuns: 300 },
    );
  });
});

describe('shapes', () => {
  const event = {
    id: 'e1',
    timestamp: '2025-01-20T10:33:58.412907',
    event_type: 'auth_token_rejected',
    severity: 'medium',
    user_id: null,
    ip_address: null,
    description: 'Bearer token failed verification',
    details: null,
  };

  it('turns details null into an empty object', () => {
    const checked = checkList(eventShape, [event], ['events']);
    expect(checked).toEqual({
      ok: true,
      value: [
        {
          id: 'e1',
          occurredAt: '2025-01-20T10:33:58.412907Z',
          eventType: 'auth_token_rejected',
          severity: 'medium',
          userId: null,
          ipAddress: null,
          description: 'Bearer token failed verification',
          details: {},
        },
      ],
    });
  });

  it('names the field inside an envelope, and a body that is neither', () => {
    const lockout = { id: 'l1', reason: 'r', message: 'm', created_at: 'x' };
    const inside = checkList(lockoutShape, { lockouts: [lockout] }, [
      'lockouts',
    ]);
    const neither = checkList(lockoutShape, { items: [] }, ['lockouts']);
    const scalar = checkList(eventShape, 'events', []);

    expect(inside).toEqual({
      ok: false,
      problem:
        'lockouts[0].expires_at: Invalid input: expected string, received ' +
        'undefined (and 1 more)',
    });
    expect(neither).toEqual({
      ok: false,
      problem: '(body): expected [...] or {"lockouts": [...]}',
    });
    expect(scalar).toEqual({
      ok: false,
      problem: '(body): expected a JSON array',
    });
  });

  it('names a bad event severity by index', () => {
    const rows = [event, event, event, { ...event, severity: 'urgent' }];
    const checked = checkList(eventShape, rows, []);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(/^\[3\]\.severity: /);
  });

  it('refuses a health count without its component, or not a number', () => {
    const health = (components: object) => ({
      overall_status: 'degraded',
      components,
      timestamp: '2025-01-20T10:30:02.118734+00:00',
    });
    const orphan = checkShape(healthShape, health({ active_sessions: 3 }));
    const text = checkShape(
      healthShape,
      health({ ip_allowlist: 'healthy', allowlist_entries: '9' }),
    );
    const status = checkShape(healthShape, health({ ip_allowlist: 1 }));

    expect(orphan).toEqual({
      ok: false,
      problem:
        'components.active_sessions: a count without its component ' +
        '"session_management"',
    });
    expect(text).toMatchObject({
      ok: false,
      problem: 'components.allowlist_entries: expected a whole number >= 0',
    });
    expect(status).toMatchObject({
      ok: false,
      problem: 'components.ip_allowlist: expected a status string',
    });
  });
});

function answer(
  status: number,
  contentType: string | null,
  bodyText: string,
  headers: Record<string, string> = {},
): HttpAnswer {
  const all = new Headers(headers);
  if (contentType !== null) all.set('content-type', contentType);
  const mediaType = contentType?.split(';')[0] ?? null;
  return { status, headers: all, contentType, mediaType, bodyText };
}

const NOW = Date.UTC(2025, 0, 20, 10, 40) * 1000;

describe('error answers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const inNine = new Date(NOW / 1000 + 9_000).toUTCString();
    const past = new Date(NOW / 1000 - 60_000).toUTCString();
    expect(retryAfterSeconds('60', NOW)).toBe(60);
    expect(retryAfterSeconds(inNine, NOW)).toBe(9);
    expect(retryAfterSeconds(past, NOW)).toBe(0);
    expect(retryAfterSeconds('99999999999', NOW)).toBe(604_800);
    for (const junk of [null, '', '-5', '1.5', 'soon', 'Mon, 99 Foo 2025']) {
      expect(retryAfterSeconds(junk, NOW)).toBeUndefined();
    }
  });

  it('reads both 422 formats into a field map', () => {
    const platform = {
      detail: 'Request validation failed',
      error: {
        code: 'VALIDATION_ERROR',
        additional_info: { fields: { 'body.ip_range': 'Value error, bad' } },
      },
    };
    const fastApi = {
      detail: [
        { loc: ['query', 'limit'], msg: 'too big', type: 'less_than_equal' },
        { loc: ['body', 'items', 0], msg: 'Field required', type: 'missing' },
      ],
    };
    expect(validationFields(platform)).toEqual({
      'body.ip_range': 'Value error, bad',
    });
    expect(validationFields(fastApi)).toEqual({
      'query.limit': 'too big',
      'body.items.0': 'Field required',
    });
    expect(validationFields({ detail: 'nope' })).toBeUndefined();
  });

  it('never parses a non-JSON body as JSON, nor quotes an HTML page', () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const proxy = answerError('GET /x', answer(502, 'text/html', page), NOW);
    const looksJson = answerError(
      'GET /x',
      answer(404, 'text/plain', '{"detail":"Emergency lockout not found"}'),
      NOW,
    );
    expect(proxy).toEqual({
      kind: 'server-error',
      message: 'GET /x: server error (502)',
      endpoint: 'GET /x',
      status: 502,
      mayHaveTakenEffect: true,
    });
    expect(looksJson.kind).toBe('not-deployed');
  });

  it('cleans what the server says before quoting it', () => {
    expect(cleanText('a\u0000b\r\n\tc\u009b  d')).toBe('a b c d');
    expect(cleanText('x'.repeat(400))).toHaveLength(301);
  });
});
