/**
 * HTTP helpers for the simulator's tests: `fetch` for ordinary calls and a
 * raw `node:http` request (fresh connection, any Host header) for the
 * connection-level faults.
 */
import { request as httpRequest } from 'node:http';
import type { Example } from './examples';
import { exampleUrl } from './examples';
import type { AdminSimulator } from './simulator';

export type Reply = {
  status: number;
  contentType: string | null;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
};

export type CallOptions = {
  method?: string;
  body?: unknown;
  /** Default: the simulator's token; null sends no Authorization. */
  token?: string | null;
  headers?: Record<string, string>;
};

function parsed(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function call(
  sim: AdminSimulator,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const token = options.token === undefined ? sim.token : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    text,
    json: parsed(text),
  };
}

/** Sends an example's request (method, path, query, JSON body). */
export function sendExample(
  sim: AdminSimulator,
  example: Example,
  token?: string,
): Promise<Reply> {
  return call(sim, exampleUrl(example), {
    method: example.request.method,
    body: example.request.body,
    token,
  });
}

/** What an example's response would look like as a Reply's fields. */
export function expectedOf(example: Example) {
  const { status, content_type: type, body } = example.response;
  return {
    status,
    contentType: type,
    body: type?.startsWith('application/json') ? body : (body ?? ''),
  };
}

export function observedOf(reply: Reply, example: Example) {
  const json = example.response.content_type?.startsWith('application/json');
  return {
    status: reply.status,
    contentType: reply.contentType,
    body: json ? reply.json : reply.text,
  };
}

export type RawReply = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/**
 * One request on its own connection. Rejects with the socket error's code
 * (`ECONNRESET`, `ECONNREFUSED`, …) as the error message when the
 * connection fails before or while the body arrives.
 */
export function rawRequest(
  sim: AdminSimulator,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code ?? error.message));
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port: sim.port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          authorization: `Bearer ${sim.token}`,
          ...options.headers,
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('aborted', () => reject(new Error('ABORTED')));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', fail);
    outgoing.end();
  });
}
