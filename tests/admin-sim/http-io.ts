/**
 * Bytes on the wire: reading request bodies, and writing a response whole,
 * cut (a correctly framed but broken JSON body), truncated (the full
 * Content-Length announced, half the body sent, then the connection
 * closed) or not at all (connection reset).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimBody, SimResponse } from './responses';

const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Resolves with the body as UTF-8; a body over 4 MB is cut off there. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export type Cut = 'none' | 'malformed' | 'truncated';

export type Delivery =
  { kind: 'respond'; response: SimResponse; cut: Cut } | { kind: 'reset' };

function encode(body: SimBody): { bytes: Buffer; type: string | null } {
  if (body.kind === 'none') return { bytes: Buffer.alloc(0), type: null };
  if (body.kind === 'text') {
    return { bytes: Buffer.from(body.text, 'utf8'), type: body.contentType };
  }
  const text = JSON.stringify(body.value) ?? 'null';
  return { bytes: Buffer.from(text, 'utf8'), type: 'application/json' };
}

function half(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
}

/** Sends RST rather than FIN, so the client sees ECONNRESET. */
export function resetConnection(request: IncomingMessage): void {
  request.socket.resetAndDestroy();
}

export function deliver(
  request: IncomingMessage,
  reply: ServerResponse,
  delivery: Delivery,
): void {
  if (delivery.kind === 'reset') return resetConnection(request);

  const { response, cut } = delivery;
  const encoded = encode(response.body);
  const bytes = cut === 'malformed' ? half(encoded.bytes) : encoded.bytes;
  const bodiless = response.status === 204 || response.status === 304;
  const headers: Record<string, string> = {
    server: 'uvicorn',
    ...(bodiless ? {} : { 'content-length': String(bytes.length) }),
    ...(encoded.type === null ? {} : { 'content-type': encoded.type }),
    ...response.headers,
  };
  reply.writeHead(response.status, headers);
  if (cut !== 'truncated') {
    reply.end(bytes);
    return;
  }
  reply.write(half(bytes), () => request.socket.destroy());
}
