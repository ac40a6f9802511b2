/**
 * Run-time faults. Each is global or aimed at one route, and lasts for
 * `times` firings or until cleared. Pre-route faults act before the
 * platform's gates, like a proxy or network in front of it; post-route
 * faults act on the response after the handler ran (and changed state).
 * Randomness (error rate) comes from the simulator's seed.
 */
import { z } from 'zod';
import { createRng, STREAMS, streamSeed } from './generate';
import { EXAMPLE_FILES } from './examples';
import { json, text, type SimResponse } from './responses';
import { ROUTE_IDS, type RouteId } from './route-types';
import {
  formatTimestamp,
  parseTimestamp,
  TIMESTAMP_STYLES,
  type TimestampStyle,
} from './sim-time';

const faultSpec = z.discriminatedUnion('kind', [
  /** Waits this long before anything else happens. */
  z.object({ kind: z.literal('latency'), ms: z.int().min(0).max(600_000) }),
  /** Resets the connection before the request is looked at. */
  z.object({ kind: z.literal('reset-before') }),
  /** 429 `Rate limit exceeded` with `Retry-After`. */
  z.object({
    kind: z.literal('rate-limited'),
    retryAfterSeconds: z.int().min(0).max(86_400).optional(),
  }),
  /** A 5xx for this share of requests (seeded). */
  z.object({
    kind: z.literal('error-rate'),
    rate: z.number().min(0).max(1),
    status: z
      .union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)])
      .optional(),
  }),
  /** The handler runs (state changes), then the connection is reset. */
  z.object({ kind: z.literal('reset-after') }),
  /** A JSON body cut in half, correctly framed. */
  z.object({ kind: z.literal('malformed-json') }),
  /** Full Content-Length announced, half the body sent, then closed. */
  z.object({ kind: z.literal('truncated-body') }),
  /** Numbers and booleans as strings, or every scalar field null. */
  z.object({
    kind: z.literal('wrong-types'),
    variant: z.enum(['strings', 'nulls']),
  }),
  /** Every timestamp in the JSON body in this style; `rotate` changes
   * style with each response. */
  z.object({
    kind: z.literal('timestamp-style'),
    style: z.enum(['z', 'offset', 'naive', 'space', 'rotate']),
  }),
  /** Answers with a contract example verbatim instead of the handler. */
  z.object({
    kind: z.literal('example'),
    file: z.enum(EXAMPLE_FILES),
    name: z.string().min(1),
  }),
]);

export const faultInputSchema = z.intersection(
  faultSpec,
  z.object({
    /** Aim at one route; omitted: every request. */
    route: z.enum(ROUTE_IDS).optional(),
    /** Firings before the fault clears itself; omitted: until cleared. */
    times: z.int().min(1).optional(),
    /**
     * Share of matching requests it acts on (seeded); omitted: all.
     * Lets one run mix faults at random, each at its own rate.
     */
    chance: z.number().min(0).max(1).optional(),
  }),
);

export type FaultSpec = z.infer<typeof faultSpec>;
export type FaultKind = FaultSpec['kind'];
export type FaultInput = z.infer<typeof faultInputSchema>;
export type ActiveFault = FaultInput & { id: string; fired: number };

/** Throws an Error naming the first problem when the input is not a fault. */
export function parseFaultInput(input: unknown): FaultInput {
  const parsed = faultInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new Error(`invalid fault: ${where}${issue.message}`);
}

export type FaultRegistry = {
  add(input: FaultInput): ActiveFault;
  remove(id: string): boolean;
  clear(): void;
  list(): ActiveFault[];
  /** Faults of one kind that apply to a request for this route. */
  matching<K extends FaultKind>(
    kind: K,
    route: RouteId | null,
  ): (ActiveFault & { kind: K })[];
  /** Counts a firing; a fault that ran out of `times` is removed. */
  fire(fault: ActiveFault): void;
  /** Uniform in [0, 1), from the simulator's seed. */
  random(): number;
};

export function createFaultRegistry(seed: number): FaultRegistry {
  let faults: ActiveFault[] = [];
  let nextId = 1;
  const rng = createRng(streamSeed(seed, STREAMS.faults));
  return {
    add(input) {
      const fault = { ...input, id: `fault-${nextId++}`, fired: 0 };
      faults.push(fault);
      return fault;
    },
    remove(id) {
      const before = faults.length;
      faults = faults.filter((fault) => fault.id !== id);
      return faults.length < before;
    },
    clear: () => void (faults = []),
    list: () => faults.map((fault) => ({ ...fault })),
    matching<K extends FaultKind>(kind: K, route: RouteId | null) {
      return faults.filter(
        (fault): fault is ActiveFault & { kind: K } =>
          fault.kind === kind &&
          (fault.route === undefined || fault.route === route) &&
          (fault.chance === undefined || rng.next() < fault.chance),
      );
    },
    fire(fault) {
      fault.fired += 1;
      if (fault.times !== undefined && fault.fired >= fault.times) {
        faults = faults.filter((other) => other !== fault);
      }
    },
    random: () => rng.next(),
  };
}

const PROXY_PAGES: Record<number, string> = {
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** 500 as the platform's uncaught exception; 502–504 as a proxy's page. */
export function serverError(status: 500 | 502 | 503 | 504): SimResponse {
  if (status === 500) return text(500, 'Internal Server Error');
  const title = `${status} ${PROXY_PAGES[status]}`;
  const page =
    `<html><head><title>${title}</title></head>` +
    `<body><h1>${title}</h1></body></html>`;
  return text(status, page, {}, 'text/html; charset=utf-8');
}

export function rateLimitedResponse(retryAfterSeconds = 60): SimResponse {
  const headers = { 'retry-after': String(retryAfterSeconds) };
  return text(429, 'Rate limit exceeded', headers);
}

function mapJson(value: unknown, leaf: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapJson(item, leaf));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapJson(item, leaf)]),
    );
  }
  return leaf(value);
}

const TIMESTAMP_TEXT =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/;

function restyle(value: unknown, style: TimestampStyle): unknown {
  if (typeof value !== 'string' || !TIMESTAMP_TEXT.test(value)) return value;
  const parsed = parseTimestamp(value);
  return parsed === null ? value : formatTimestamp(parsed.micros, style);
}

export function wrongTypes(value: unknown, variant: 'strings' | 'nulls') {
  return mapJson(value, (leaf) => {
    if (variant === 'nulls') return null;
    const scalar = typeof leaf === 'number' || typeof leaf === 'boolean';
    return scalar ? String(leaf) : leaf;
  });
}

/** `rotate` picks the style from how often the fault already fired. */
export function timestampStyle(
  value: unknown,
  fault: ActiveFault & { kind: 'timestamp-style' },
): unknown {
  const style =
    fault.style === 'rotate'
      ? TIMESTAMP_STYLES[fault.fired % TIMESTAMP_STYLES.length]
      : fault.style;
  return mapJson(value, (leaf) => restyle(leaf, style));
}

export function withJsonBody(
  response: SimResponse,
  transform: (value: unknown) => unknown,
): SimResponse {
  if (response.body.kind !== 'json') return response;
  const value = transform(response.body.value);
  return json(response.status, value, response.headers);
}
