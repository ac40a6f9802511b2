/**
 * Request validation with FastAPI's behaviour and Pydantic v2's messages,
 * answered in the platform's 422 format (CONTRACT §3.5): every failing
 * field under its dotted location (`query.limit`, `body.ip_range`).
 * Query values are strings (the last one wins when a name repeats, as
 * Starlette does); bodies are JSON read only when the route declares one.
 */
import { z } from 'zod';
import { parseNetwork } from './ip-ranges';
import { validationFailed, type SimResponse } from './responses';
import type { SimRequest } from './route-types';
import { parseTimestamp, type ParsedTimestamp } from './sim-time';

type Issue = { input?: unknown };

/** Pydantic says `Field required` for a missing value whatever the type. */
function orRequired(message: string) {
  return (issue: Issue) =>
    issue.input === undefined ? 'Field required' : message;
}

const INT_TEXT = /^\s*[+-]?\d+\s*$/;
const UUID_TEXT = new RegExp(
  '^(?:urn:uuid:)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?' +
    '[0-9a-f]{12}$',
  'i',
);
const TRUE_TEXT = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_TEXT = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

const NOT_AN_INTEGER =
  'Input should be a valid integer, unable to parse string as an integer';

type IntBounds = { ge?: number; le?: number };

function bounded(bounds: IntBounds) {
  let schema = z.number();
  if (bounds.ge !== undefined) {
    const message = `Input should be greater than or equal to ${bounds.ge}`;
    schema = schema.gte(bounds.ge, { error: message });
  }
  if (bounds.le !== undefined) {
    const message = `Input should be less than or equal to ${bounds.le}`;
    schema = schema.lte(bounds.le, { error: message });
  }
  return schema;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

type StringRules = { min?: number; max?: number; pattern?: RegExp };

function stringRules(rules: StringRules) {
  let schema = z.string({
    error: orRequired('Input should be a valid string'),
  });
  if (rules.min !== undefined) {
    const least = plural(rules.min, 'character');
    const message = `String should have at least ${least}`;
    schema = schema.min(rules.min, { error: message });
  }
  if (rules.max !== undefined) {
    const most = plural(rules.max, 'character');
    const message = `String should have at most ${most}`;
    schema = schema.max(rules.max, { error: message });
  }
  if (rules.pattern !== undefined) {
    const message = `String should match pattern '${rules.pattern.source}'`;
    schema = schema.regex(rules.pattern, { error: message });
  }
  return schema;
}

function uuidFrom(value: string): string {
  const hex = value
    .replace(/^urn:uuid:/i, '')
    .replaceAll('-', '')
    .toLowerCase();
  return [0, 8, 12, 16, 20]
    .map((start, index, starts) => hex.slice(start, starts[index + 1]))
    .join('-');
}

const uuidSchema = z
  .string({
    error: orRequired('UUID input should be a string, bytes or UUID object'),
  })
  .regex(UUID_TEXT, { error: 'Input should be a valid UUID' })
  .transform(uuidFrom);

const datetimeSchema = z
  .string({ error: orRequired('Input should be a valid datetime') })
  .transform((value, context): ParsedTimestamp => {
    const parsed = parseTimestamp(value);
    if (parsed !== null) return parsed;
    context.addIssue({
      code: 'custom',
      message: 'Input should be a valid datetime or date',
      input: value,
    });
    return z.NEVER;
  });

/** Field schemas for query-string values (always strings on the wire). */
export const query = {
  int: (bounds: IntBounds = {}) =>
    z
      .string({ error: orRequired('Input should be a valid integer') })
      .regex(INT_TEXT, { error: NOT_AN_INTEGER })
      .transform(Number)
      .pipe(bounded(bounds)),
  str: (rules: StringRules = {}) => stringRules(rules),
  bool: () =>
    z
      .string({ error: orRequired('Input should be a valid boolean') })
      .refine(
        (v) =>
          TRUE_TEXT.has(v.toLowerCase()) || FALSE_TEXT.has(v.toLowerCase()),
        {
          error: 'Input should be a valid boolean, unable to interpret input',
        },
      )
      .transform((v) => TRUE_TEXT.has(v.toLowerCase())),
  uuid: () => uuidSchema,
  datetime: () => datetimeSchema,
};

function laxInt(value: unknown): unknown {
  return typeof value === 'string' && INT_TEXT.test(value)
    ? Number(value)
    : value;
}

/** Field schemas for path parameters. */
export const path = {
  uuid: () => uuidSchema,
  str: () => stringRules({}),
};

/** Field schemas for JSON body members (Pydantic lax mode). */
export const body = {
  int: (bounds: IntBounds = {}) =>
    z.preprocess(
      laxInt,
      z
        .int({ error: orRequired('Input should be a valid integer') })
        .pipe(bounded(bounds)),
    ),
  str: (rules: StringRules = {}) => stringRules(rules),
  bool: () =>
    z.boolean({ error: orRequired('Input should be a valid boolean') }),
  uuid: () => uuidSchema,
  datetime: () => datetimeSchema,
  /** `IPAllowlistEntryCreate.ip_range`: strict network, normalised. */
  ipRange: () =>
    z
      .string({ error: orRequired('Input should be a valid string') })
      .transform((value, context) => {
        const parsed = parseNetwork(value, true);
        if (parsed.ok) return parsed.network.text;
        context.addIssue({
          code: 'custom',
          message:
            'Value error, Invalid IP range format. Must be a valid IP ' +
            'address or CIDR range.',
          input: value,
        });
        return z.NEVER;
      }),
  countries: () =>
    z.array(
      z.string().regex(/^[A-Za-z]{2}$/, {
        error: "String should match pattern '^[A-Za-z]{2}$'",
      }),
      { error: 'Input should be a valid list' },
    ),
};

type BodyRead =
  { ok: true; value: unknown } | { ok: false; fields: Record<string, string> };

/** FastAPI reads JSON when the content type says so or is missing. */
function readJsonBody(request: SimRequest): BodyRead {
  if (request.bodyText === '') return { ok: true, value: undefined };
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  const mediaType = type.split(';')[0].trim();
  const isJson =
    type === '' ||
    mediaType === 'application/json' ||
    (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
  if (!isJson) return { ok: true, value: request.bodyText };
  try {
    return { ok: true, value: JSON.parse(request.bodyText) };
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1] ?? '0';
    return { ok: false, fields: { [`body.${position}`]: 'JSON decode error' } };
  }
}

function fieldErrors(part: string, error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const location = [part, ...issue.path.map(String)].join('.');
    fields[location] ??= issue.message;
  }
  return fields;
}

function queryObject(request: SimRequest): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of request.query) values[name] = value;
  return values;
}

type Part = 'query' | 'path' | 'body';

type RequestShape = Partial<Record<Part, z.ZodObject>>;

type Parsed<S extends RequestShape> = {
  [K in keyof S]: S[K] extends z.ZodObject ? z.output<S[K]> : never;
};

export type Checked<S extends RequestShape> =
  { ok: true; value: Parsed<S> } | { ok: false; response: SimResponse };

type PartResult = { value?: unknown; fields: Record<string, string> };

const NOT_AN_OBJECT =
  'Input should be a valid dictionary or object to extract fields from';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsePart(part: Part, schema: z.ZodObject, input: unknown) {
  const result: PartResult = { fields: {} };
  if (part === 'body' && input === undefined) {
    result.fields.body = 'Field required';
  } else if (part === 'body' && !isPlainObject(input)) {
    result.fields.body = NOT_AN_OBJECT;
  } else {
    const parsed = schema.safeParse(input);
    if (parsed.success) result.value = parsed.data;
    else result.fields = fieldErrors(part, parsed.error);
  }
  return result;
}

/**
 * Validates the declared parts of a request together, so every failing
 * field is reported at once, as FastAPI does. A body that is not JSON
 * fails alone (`body.<position>: JSON decode error`).
 */
export function checkRequest<S extends RequestShape>(
  request: SimRequest,
  params: Record<string, string>,
  shape: S,
): Checked<S> {
  const read: BodyRead = shape.body
    ? readJsonBody(request)
    : { ok: true, value: undefined };
  if (!read.ok) return { ok: false, response: validationFailed(read.fields) };

  const inputs: Record<Part, unknown> = {
    query: queryObject(request),
    path: params,
    body: read.value,
  };
  const fields: Record<string, string> = {};
  const value: Record<string, unknown> = {};
  for (const part of ['query', 'path', 'body'] as const) {
    const schema = shape[part];
    if (schema === undefined) continue;
    const result = parsePart(part, schema, inputs[part]);
    Object.assign(fields, result.fields);
    value[part] = result.value;
  }
  if (Object.keys(fields).length > 0) {
    return { ok: false, response: validationFailed(fields) };
  }
  return { ok: true, value: value as Parsed<S> };
}
