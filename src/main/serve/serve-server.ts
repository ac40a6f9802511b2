import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { evidenceUploadInput, isChannel } from '../../shared/ipc-contract';
import { AppFailure, err, type ErrorKind } from '../../shared/result';
import { describeIssues } from '../ipc/invoke-channel';
import type { Logger } from '../logger';
import { SECURITY_HEADERS } from '../security-policy';
import type { WarRoom } from '../war-room';
import { createEventStreams, type EventStreams } from './event-stream';
import {
  bearerToken,
  checkServeToken,
  createServeToken,
  isAllowedHost,
  isAllowedOrigin,
  isOtherSiteFetch,
  LOOPBACK_HOST,
  tokensMatch,
} from './request-guards';

export const DEFAULT_SERVE_PORT = 4780;
const BODY_LIMIT_BYTES = 1024 * 1024;
/** An evidence upload may be as large as a disk image. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 ** 3;
const UPLOAD_ROUTE = '/api/evidence/upload';
const UPLOAD_MEDIA_TYPE = 'application/octet-stream';

export type ServeOptions = {
  warRoom: Pick<WarRoom, 'invoke' | 'takeInUpload' | 'events' | 'logger'>;
  /** The built renderer (`out/renderer`), served as static files. */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token for tests; otherwise a fresh random one per run. */
  token?: string;
  /** Actor for entries whose input names none. */
  defaultActor: string;
  heartbeatMs?: number;
  /** Largest evidence upload; tests lower it. */
  uploadLimitBytes?: number;
};

export type ServeServer = {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  token: string;
  port: number;
  /** Ends event streams and stops listening; leaves the War Room open. */
  close(): Promise<void>;
};

type ServeState = {
  options: ServeOptions;
  token: string;
  logger: Logger;
  streams: EventStreams;
  /** Known once listening; the Host and Origin checks compare against it. */
  port: number;
};

function refuse(
  reply: FastifyReply,
  status: number,
  kind: ErrorKind,
  message: string,
) {
  return reply.code(status).send(err(kind, message));
}

/** Every response, refusals included, carries the security headers. */
function guardLoopback(app: FastifyInstance, state: ServeState) {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    const { host, origin } = request.headers;
    if (!isAllowedHost(host, state.port)) {
      state.logger.warn({ reason: 'host', method: request.method }, 'refused');
      return refuse(reply, 403, 'forbidden', 'Host header is not this server');
    }
    if (!isAllowedOrigin(origin, state.port)) {
      state.logger.warn(
        { reason: 'origin', method: request.method },
        'refused',
      );
      return refuse(reply, 403, 'forbidden', 'Origin is not this server');
    }
  });
}

/**
 * The site and token checks, registered inside the `/api` scope so they
 * guard exactly the routes (and the 404s) Fastify resolves there, however
 * the URL was spelled. A page of another site may still link to the
 * console itself; only the API refuses it. Only the event stream takes the token from the query string,
 * because EventSource cannot send headers.
 */
function requireToken(state: ServeState) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (isOtherSiteFetch(request.headers['sec-fetch-site'])) {
      state.logger.warn({ reason: 'site', method: request.method }, 'refused');
      return refuse(reply, 403, 'forbidden', 'cross-site requests are refused');
    }
    let given = bearerToken(request.headers.authorization);
    if (given === undefined && request.routeOptions.url === '/api/events') {
      given = (request.query as { token?: string }).token;
    }
    if (!tokensMatch(given, state.token)) {
      state.logger.warn({ reason: 'token', method: request.method }, 'refused');
      reply.header('www-authenticate', 'Bearer');
      return refuse(reply, 401, 'forbidden', 'missing or wrong bearer token');
    }
  };
}

function uploadInterrupted(received: number): AppFailure {
  return new AppFailure(
    'cancelled',
    `the upload stopped after ${received} bytes, before the file was ` +
      'complete; nothing was registered',
  );
}

/**
 * An upload's body as chunks for the vault. A body that stops short (the
 * client went away, or fewer bytes came than it announced) or grows past
 * the limit throws instead of ending, so a truncated file is never
 * registered: the intake registers only what a clean end delivers.
 */
export async function* uploadChunks(
  body: AsyncIterable<Uint8Array>,
  request: { readonly complete: boolean },
  limits: { expectedBytes?: number; maxBytes: number },
): AsyncGenerator<Uint8Array> {
  let received = 0;
  try {
    for await (const chunk of body) {
      received += chunk.byteLength;
      if (received > limits.maxBytes) {
        throw new AppFailure(
          'invalid-input',
          `the upload is larger than ${limits.maxBytes} bytes; add a file ` +
            'this large by its path instead',
        );
      }
      yield chunk;
    }
  } catch (error) {
    throw error instanceof AppFailure ? error : uploadInterrupted(received);
  }
  if (!request.complete) throw uploadInterrupted(received);
  const expected = limits.expectedBytes;
  if (expected !== undefined && received !== expected) {
    throw new AppFailure(
      'invalid-input',
      `bytes: the upload held ${received} bytes, not the ${expected} ` +
        'announced; nothing was registered',
    );
  }
}

/**
 * Streams one upload into the vault. The body is read without destroying
 * the connection on an early stop, so a refusal mid-body (a full disk, a
 * cancel) still reaches the client; that connection is then closed rather
 * than reused with the unread rest of the body on it.
 */
async function takeInUpload(
  state: ServeState,
  request: FastifyRequest,
  reply: FastifyReply,
  maxBytes: number,
) {
  const parsed = evidenceUploadInput.safeParse(request.query);
  if (!parsed.success) {
    return err('invalid-input', describeIssues(parsed.error));
  }
  const stream = (request.body as Readable | undefined) ?? request.raw;
  const chunks = uploadChunks(
    stream.iterator({ destroyOnReturn: false }),
    request.raw,
    { expectedBytes: parsed.data.bytes, maxBytes },
  );
  const result = await state.options.warRoom.takeInUpload(parsed.data, chunks, {
    defaultActor: state.options.defaultActor,
    transport: 'serve',
  });
  if (!result.ok) {
    state.logger.info({ kind: result.error.kind }, 'upload not registered');
    if (!request.raw.complete) reply.header('connection', 'close');
  }
  return result;
}

/**
 * `POST /api/evidence/upload?incidentId=…&name=…&type=…` with the file as
 * the raw body. The body is streamed into the vault, never buffered: the
 * only parser here hands the request stream through as it is.
 */
function registerUpload(api: FastifyInstance, state: ServeState) {
  const maxBytes = state.options.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES;
  void api.register(async (upload) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser(UPLOAD_MEDIA_TYPE, (_request, body, done) =>
      done(null, body),
    );
    upload.post('/evidence/upload', { bodyLimit: maxBytes }, (request, reply) =>
      takeInUpload(state, request, reply, maxBytes),
    );
  });
}

function registerApi(app: FastifyInstance, state: ServeState) {
  const { warRoom, defaultActor } = state.options;
  const context = { defaultActor, transport: 'serve' as const };

  void app.register(
    async (api) => {
      api.addHook('onRequest', requireToken(state));
      api.post<{ Params: { channel: string } }>(
        '/invoke/:channel',
        async (request, reply) => {
          const { channel } = request.params;
          if (!isChannel(channel)) {
            const shown = channel.slice(0, 100);
            return refuse(reply, 404, 'not-found', `unknown channel: ${shown}`);
          }
          // No body at all means no input, as for `incident:list`.
          return warRoom.invoke(channel, request.body ?? {}, context);
        },
      );
      api.get('/events', async (request, reply) => {
        state.streams.open(request, reply);
      });
      registerUpload(api, state);
      // Claims the rest of /api, so the static files' catch-all never
      // answers there and unknown API paths still need the token.
      api.all('/*', async (_request, reply) =>
        refuse(reply, 404, 'not-found', 'no such API route'),
      );
    },
    { prefix: '/api' },
  );
}

const CLIENT_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY:
    'request body is empty; send {} for a channel that takes no input',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request body is larger than 1 MB',
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'request body must be JSON (Content-Type: application/json)',
};

const UPLOAD_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'an upload body must be the file itself ' +
    `(Content-Type: ${UPLOAD_MEDIA_TYPE})`,
};

/** Transport errors in the same envelope as application errors. */
function handleErrors(app: FastifyInstance, state: ServeState) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      state.logger.error({ err: error }, 'serve request failed');
      return refuse(reply, 500, 'internal', 'internal error');
    }
    const forRoute =
      request.routeOptions.url === UPLOAD_ROUTE ? UPLOAD_MESSAGES : {};
    const message =
      forRoute[error.code] ?? CLIENT_MESSAGES[error.code] ?? error.message;
    const kind: ErrorKind = status === 404 ? 'not-found' : 'invalid-input';
    return refuse(reply, status, kind, message);
  });
}

/** Throws a `not-found` AppFailure when there is no renderer build. */
export function assertRendererBuilt(rendererDir: string): void {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) {
    throw new AppFailure(
      'not-found',
      `the renderer is not built (${index} is missing): run npm run build first`,
    );
  }
}

function checkOptions(options: ServeOptions): void {
  const { port } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AppFailure('invalid-input', `port must be 0-65535, not ${port}`);
  }
  assertRendererBuilt(options.rendererDir);
}

async function listen(app: FastifyInstance, port: number): Promise<number> {
  try {
    await app.listen({ host: LOOPBACK_HOST, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppFailure(
        'invalid-input',
        `port ${port} on ${LOOPBACK_HOST} is already in use: choose ` +
          'another port, or port 0 for a free one',
      );
    }
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    throw new AppFailure('internal', 'server has no TCP address');
  }
  return address.port;
}

/**
 * Serves the built renderer and the handler map over HTTP on 127.0.0.1 for
 * a browser: the development loop, browser tests and a wall screen. Throws
 * AppFailure for a bad port, a port in use or a missing renderer build.
 */
export async function startServeServer(
  options: ServeOptions,
): Promise<ServeServer> {
  checkOptions(options);
  const token = checkServeToken(options.token ?? createServeToken());
  const logger = options.warRoom.logger.child({ module: 'serve' });
  const streams = createEventStreams(
    options.warRoom.events,
    options.heartbeatMs,
  );
  const state: ServeState = { options, token, logger, streams, port: -1 };

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
  // Only JSON bodies: text/plain is what a cross-site form can send.
  app.removeContentTypeParser('text/plain');
  guardLoopback(app, state);
  handleErrors(app, state);
  registerApi(app, state);
  await app.register(fastifyStatic, {
    root: options.rendererDir,
    dotfiles: 'deny',
  });
  app.addHook('preClose', async () => streams.closeAll());

  state.port = await listen(app, options.port);
  logger.info({ port: state.port }, 'serve mode listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK_HOST}:${state.port}/`,
    token,
    port: state.port,
    // A signal handler and a test teardown may both close; once is enough.
    close: () => (closing ??= app.close()),
  };
}
